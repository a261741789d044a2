import { connectService, runMain, serveUntilSignalled, systemClock } from '@tessera/service-kit';
import { createAuditTrail } from './audit-client.ts';
import { readEnv } from './env.ts';
import { createDeconflictionService } from './service.ts';

runMain('deconfliction', async () => {
  const env = readEnv();
  const { logger, link, rejector } = await connectService('deconfliction', env);
  const deconfliction = createDeconflictionService({
    link,
    clock: systemClock,
    logger,
    rejector,
    audit: createAuditTrail({ nc: link.nc, rejector, logger }),
    policy: { proposalTtlMs: env.PROPOSAL_TTL_MIN * 60_000 },
    conflictIdKey: env.CONFLICT_ID_KEY,
  });
  await deconfliction.start();
  await serveUntilSignalled({
    logger,
    link,
    rejector,
    healthPort: env.HEALTH_PORT,
    // No counts of reservations or conflicts: health endpoints count nothing classified (docs/architecture.md).
    stop: () => deconfliction.stop(),
  });
});
