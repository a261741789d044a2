import { connectNats, createLogger, createRejector, runMain, startHealthServer, startReferenceFeed, stopOnSignals, systemClock } from '@tessera/service-kit';
import { loadAuditKeys } from '@tessera/service-kit/audit';
import { openAuditLog } from './audit/audit-log.ts';
import { DEFAULT_POLICY } from './domain/rules.ts';
import { readEnv } from './env.ts';
import { createAuthorityService } from './service.ts';

runMain('authority', async () => {
  const env = readEnv();
  const logger = createLogger('authority', env.LOG_LEVEL);
  const keys = loadAuditKeys(env.AUDIT_KEY_FILE, env.AUDIT_PUBLIC_KEY_FILE);
  const link = await connectNats({ url: env.NATS_URL, name: 'tessera-authority', user: env.NATS_USER, pass: env.NATS_PASS, logger });
  const rejector = createRejector({ nc: link.nc, service: 'authority', logger });
  const audit = await openAuditLog({ nc: link.nc, keys, logger, actorDefaults: { kind: 'SERVICE', id: 'authority', nation: null }, clock: systemClock });
  const reference = startReferenceFeed({ link, rejector, logger });
  const authority = createAuthorityService({
    link,
    clock: systemClock,
    logger,
    rejector,
    audit,
    policy: { ...DEFAULT_POLICY, deadlineS: { ...DEFAULT_POLICY.deadlineS, ENGAGEMENT: env.ENGAGEMENT_DEADLINE_S }, vetoWindowS: env.VETO_WINDOW_S },
    reference,
  });
  await authority.start();
  const health = await startHealthServer({
    host: '127.0.0.1',
    port: env.HEALTH_PORT,
    report: () => ({ ready: link.connected(), nats: link.connected(), rejected: rejector.counts(), audit: audit.last() }),
  });
  logger.info({ healthPort: health.port, auditHead: audit.last() }, 'authority up');
  stopOnSignals(logger, async () => {
    await authority.stop();
    reference.stop();
    await link.nc.drain();
    await health.stop();
  });
});
