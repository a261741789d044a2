import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kvm, type KV } from '@nats-io/kv';
import {
  AIRSPACE_BUCKET,
  DeconflictionReply,
  OPERATOR_PERMISSIONS,
  REFERENCE_BUCKET,
  SERVICE_PERMISSIONS,
  subjects,
  type DeconflictionCommand,
  type Label,
  type ReservationDraft,
} from '@tessera/schema';
import {
  connectNats,
  createLogger,
  createRejector,
  natsAuthConfig,
  requestParsed,
  type Clock,
  type NatsLink,
} from '@tessera/service-kit';
import {
  generateAuditKeys,
  privateKeyFromPem,
  publicKeyFromPem,
  readAuditStream,
  verifyChain,
} from '@tessera/service-kit/audit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { openAuditLog } from '@tessera/authority/audit';
import { DEFAULT_POLICY } from '@tessera/authority/rules';
import { createAuthorityService, type AuthorityService } from '@tessera/authority/service';
import { createAuditTrail, type AuditTrail } from '../src/audit-client.ts';
import { createDeconflictionService, type DeconflictionService } from '../src/service.ts';

/**
 * One nats-server with the stack's NATS users (natsAuthConfig + SERVICE_PERMISSIONS), the real
 * authority as the audit chain's writer on JetStream, and deconfliction services that can be
 * killed and started again on the same bucket and chain.
 */
export const logger = createLogger('deconfliction-test', 'silent');
const password = (u: string) => `${u}-secret`;

export interface TestBus {
  server: NatsServer;
  as(user: string): Promise<NatsLink>;
  authority: AuthorityService;
  /** Ed25519 public key of the chain, to verify it. */
  verifyChain(): Promise<ReturnType<typeof verifyChain> & { actions: string[] }>;
  stop(): Promise<void>;
}

export async function startTestBus(): Promise<TestBus> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-deconfliction-'));
  const config = join(dir, 'nats.conf');
  const users = ['authority', 'deconfliction', 'gateway', 'twin'] as const;
  writeFileSync(
    config,
    natsAuthConfig([
      ...users.map((user) => ({ user, password: password(user), permissions: SERVICE_PERMISSIONS[user] })),
      { user: 'operator', password: password('operator'), permissions: OPERATOR_PERMISSIONS },
    ]),
  );
  const server = await startNatsServer({ args: ['-c', config] });
  const links: NatsLink[] = [];
  const as = async (user: string) => {
    const link = await connectNats({ url: server.url, name: user, user, pass: password(user), logger });
    links.push(link);
    return link;
  };
  const pem = generateAuditKeys();
  const keys = { privateKey: privateKeyFromPem(pem.privateKeyPem), publicKey: publicKeyFromPem(pem.publicKeyPem) };
  const authorityLink = await as('authority');
  const authority = createAuthorityService({
    link: authorityLink,
    clock: { now: () => Date.now() },
    logger,
    rejector: createRejector({ nc: authorityLink.nc, service: 'authority', logger }),
    audit: await openAuditLog({
      nc: authorityLink.nc,
      keys,
      logger,
      actorDefaults: { kind: 'SERVICE', id: 'authority', nation: null },
    }),
    policy: DEFAULT_POLICY,
    reference: { volumes: () => [], effectors: () => [] },
    tickMs: null,
  });
  await authority.start();
  const operator = await as('operator');
  return {
    server,
    as,
    authority,
    async verifyChain() {
      const records = [];
      for await (const r of readAuditStream(operator.nc)) records.push(r);
      return {
        ...verifyChain(records, keys.publicKey),
        actions: records.filter((r) => r.details.recordedFor === 'deconfliction').map((r) => r.action),
      };
    },
    async stop() {
      await authority.stop();
      for (const l of links) await l.nc.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A deconfliction service on its own NATS user; `bucket` and `audit` replace the real ones (to make one write fail). */
export async function startDeconfliction(
  bus: TestBus,
  opts: { clock?: Clock; bucket?: (kv: KV) => KV; audit?: (trail: AuditTrail) => AuditTrail } = {},
): Promise<{ service: DeconflictionService; link: NatsLink }> {
  const link = await bus.as('deconfliction');
  const rejector = createRejector({ nc: link.nc, service: 'deconfliction', logger });
  const trail = createAuditTrail({ nc: link.nc, rejector, logger });
  const kv = await new Kvm(link.nc).create(AIRSPACE_BUCKET, { history: 1, storage: 'file' });
  const service = createDeconflictionService({
    link,
    clock: opts.clock ?? { now: () => Date.now() },
    logger,
    rejector,
    audit: opts.audit ? opts.audit(trail) : trail,
    policy: { proposalTtlMs: 30 * 60_000 },
    conflictIdKey: 'test-conflict-id-key',
    tickMs: null,
    ...(opts.bucket ? { bucket: opts.bucket(kv) } : {}),
  });
  await service.start();
  return { service, link };
}

/** The twin's user writes a scenario volume into the reference bucket, as the twin does. */
export async function writeScenarioVolume(twin: NatsLink, key: string, value: unknown) {
  const kv = await new Kvm(twin.nc).create(REFERENCE_BUCKET, { history: 1 });
  await kv.put(key, JSON.stringify(value));
}

let commands = 0;
/** A command id no other test command has. */
export const commandId = () => `cmd-${Date.now()}-${++commands}`;

/** A person's command, as the gateway sends it (only the gateway's user may publish there). */
export async function ask(gateway: NatsLink, cmd: DeconflictionCommand): Promise<DeconflictionReply> {
  const reply = await requestParsed({
    nc: gateway.nc,
    subject: subjects.deconflictionFromGateway,
    body: cmd,
    reply: DeconflictionReply,
    timeoutMs: 10_000,
    rejector: createRejector({ nc: gateway.nc, service: 'gateway', logger }),
    logger,
    what: cmd.type,
  });
  if (!reply) throw new Error(`no answer to ${cmd.type}`);
  return reply;
}

export const person = (
  username: string,
  nation: string,
  role: 'LIAISON' | 'COMMANDER' | 'WATCH_OFFICER' = 'LIAISON',
) => ({ username, nation, roles: [role] });
export const label = (
  originator: string,
  releasableTo: string[],
  classification: Label['classification'] = 'RESTRICTED',
): Label => ({ policy: 'NATO', classification, originator, releasableTo });

const HOUR = 3_600_000;
/** A draft over the POL/UKR border near Hrubieszow for the next four hours. */
export function draft(over: Partial<ReservationDraft> & Record<string, unknown>): ReservationDraft {
  return {
    name: 'RESERVATION',
    kind: 'ROZ',
    label: label('POL', ['UKR']),
    floorM: 0,
    ceilingM: 1500,
    validFrom: new Date(Date.now() - 60_000).toISOString(),
    validTo: new Date(Date.now() + 4 * HOUR).toISOString(),
    ...over,
  } as ReservationDraft;
}
