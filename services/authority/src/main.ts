import { connectService, runMain, serveUntilSignalled, startReferenceFeed, systemClock } from '@tessera/service-kit';
import { loadAuditKeys } from '@tessera/service-kit/audit';
import { openAuditLog } from './audit/audit-log.ts';
import { DEFAULT_POLICY } from './domain/rules.ts';
import { readEnv } from './env.ts';
import { createAuthorityService } from './service.ts';

runMain('authority', async () => {
  const env = readEnv();
  const keys = loadAuditKeys(env.AUDIT_KEY_FILE, env.AUDIT_PUBLIC_KEY_FILE);
  const { logger, link, rejector } = await connectService('authority', env);
  const audit = await openAuditLog({
    nc: link.nc,
    keys,
    logger,
    actorDefaults: { kind: 'SERVICE', id: 'authority', nation: null },
    clock: systemClock,
  });
  const reference = startReferenceFeed({ link, rejector, logger });
  const authority = createAuthorityService({
    link,
    clock: systemClock,
    logger,
    rejector,
    audit,
    policy: {
      ...DEFAULT_POLICY,
      deadlineS: { ...DEFAULT_POLICY.deadlineS, ENGAGEMENT: env.ENGAGEMENT_DEADLINE_S },
      vetoWindowS: env.VETO_WINDOW_S,
    },
    reference,
  });
  await authority.start();
  logger.info({ auditHead: audit.last() }, 'authority up');
  await serveUntilSignalled({
    logger,
    link,
    rejector,
    healthPort: env.HEALTH_PORT,
    details: () => ({ audit: audit.last() }),
    stop: async () => {
      await authority.stop();
      reference.stop();
    },
  });
});
