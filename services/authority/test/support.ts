import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { label, sector } from '@tessera/service-kit/fixtures';
import {
  type AuthorityReply,
  type AgentCommand,
  type AirspaceVolume,
  type AuditRecord,
  type EffectorRef,
  type GatewayCommand,
  type Label,
  type StandardIdentity,
  type Track,
  type TrackBatch,
} from '@tessera/schema';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats, createAuthorityClient, createLogger, createRejector, type NatsLink } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import {
  GENESIS_HASH,
  generateAuditKeys,
  privateKeyFromPem,
  publicKeyFromPem,
  sealRecord,
  verifyChain,
  type AuditKeys,
} from '@tessera/service-kit/audit';
import type { AuditSink } from '../src/state.ts';
import { DEFAULT_POLICY } from '../src/domain/rules.ts';
import { createAuthorityService, type AuthorityDeps, type AuthorityService } from '../src/service.ts';

/** A nats-server keeping JetStream in a store of its own (a temporary directory), and one connection to it. */
export interface JetStreamBus {
  server: NatsServer;
  link: NatsLink;
  /** Close the connection, stop the server, remove its store. */
  stop(): Promise<void>;
}

export async function startJetStreamBus(name: string): Promise<JetStreamBus> {
  const storeDir = mkdtempSync(join(tmpdir(), `${name}-`));
  const server = await startNatsServer({ storeDir }).catch((err: unknown) => {
    rmSync(storeDir, { recursive: true, force: true });
    throw err;
  });
  const link = await connectNats({ url: server.url, name, logger: createLogger(name, 'silent') });
  return {
    server,
    link,
    async stop() {
      await link.nc.close();
      await server.stop();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/** The authority as the tests run it: default policy, a fast tick, no warm-up; started. */
export async function startAuthority(
  deps: Pick<AuthorityDeps, 'link' | 'audit' | 'reference'> & Partial<AuthorityDeps>,
): Promise<AuthorityService> {
  const logger = deps.logger ?? createLogger('authority-test', 'silent');
  const service = createAuthorityService({
    clock: { now: () => Date.now() },
    logger,
    rejector: createRejector({ nc: deps.link.nc, service: 'authority', logger }),
    policy: DEFAULT_POLICY,
    tickMs: 50,
    pictureWarmupMs: 0,
    ...deps,
  });
  await service.start();
  return service;
}

/** The authority's tests share these: the signed chain in memory, the two kinds of caller, fixtures. */

/** A fresh Ed25519 audit key pair, as PEM (what key files hold) and as keys (what the log signs and verifies with). */
export function testAuditKeys(): { pems: ReturnType<typeof generateAuditKeys>; keys: AuditKeys } {
  const pems = generateAuditKeys();
  return {
    pems,
    keys: { privateKey: privateKeyFromPem(pems.privateKeyPem), publicKey: publicKeyFromPem(pems.publicKeyPem) },
  };
}

/**
 * The real signed chain (sealed with Ed25519), kept in memory; the JetStream log has its own test.
 * `failAfterAppend` simulates a kill right after a record is stored: that append throws once.
 */
export function memoryAuditChain(clock: { now(): number }) {
  const { keys } = testAuditKeys();
  const records: AuditRecord[] = [];
  let failAfter = 0;
  const sink: AuditSink = {
    async append(entry) {
      const record = sealRecord(
        { seq: records.length + 1, at: new Date(clock.now()).toISOString(), ...entry },
        records.at(-1)?.hash ?? GENESIS_HASH,
        keys.privateKey,
      );
      records.push(record);
      if (failAfter > 0 && --failAfter === 0) throw new Error('killed right after the audit record was stored');
      return record;
    },
    async *records(fromSeq = 1) {
      for (const r of records.slice(fromSeq - 1)) yield r;
    },
    last: () => ({ seq: records.length }),
  };
  return {
    records,
    sink,
    /** The `n`th append from now stores its record, then throws (as if the process died there). */
    failAfterAppend: (n = 1) => void (failAfter = n),
    verify: () => verifyChain(records, keys.publicKey),
  };
}

const silent = createLogger('authority-test-client', 'silent');
/** The kit's authority client on a connection; "no answer" throws, so tests can wait for an answer. */
function client(nc: NatsConnection) {
  return createAuthorityClient({
    nc,
    rejector: createRejector({ nc, service: 'authority-test', logger: silent }),
    logger: silent,
  });
}
const answered = <T>(reply: T | null): T => {
  if (reply === null) throw new Error('the authority did not answer');
  return reply;
};

/** A command as the gateway sends it (a person's, vouched for). */
export const fromGateway = async (nc: NatsConnection, cmd: GatewayCommand): Promise<AuthorityReply> =>
  answered(await client(nc).command(cmd));

/** A command as `nation`'s interceptor agents send it. */
export const fromAgent = async (nc: NatsConnection, nation: string, cmd: AgentCommand): Promise<AuthorityReply> =>
  answered(await client(nc).agent(nation, cmd));

export const ok = (r: AuthorityReply) => {
  if (!r.ok) throw new Error(`refused: ${r.rule}: ${r.message}`);
  return r.request;
};

let commands = 0;
/** A command id no other test command has. */
export const commandId = () => `cmd-${Date.now()}-${++commands}`;

/** What POL's agents claim when they ask for an engagement (the authority checks every fact). */
export interface EngagementClaim {
  target: string;
  identity: StandardIdentity;
  effectorId: string;
  effectorClass: EffectorRef['kind'];
  /** Intercept point in POL SOUTH by default (lat 50.1). */
  lat: number;
  lon: number;
  dangerRadiusM: number;
  sectorId: string;
  sectorNation: string;
  label: Label;
  nowMs: number;
}

export function openEngagement(id: string, over: Partial<EngagementClaim> = {}): AgentCommand {
  const c: EngagementClaim = {
    target: 'POL-owa-01',
    identity: 'HOSTILE',
    effectorId: 'pol-interceptor-1',
    effectorClass: 'INTERCEPTOR_DRONE',
    lat: 50.1,
    lon: 22.1,
    dangerRadiusM: 300,
    sectorId: 'pol-south',
    sectorNation: 'POL',
    label: label('POL', ['UKR'], 'SECRET'),
    nowMs: Date.now(),
    ...over,
  };
  return {
    type: 'OPEN',
    commandId: commandId(),
    request: {
      id,
      kind: 'ENGAGEMENT',
      label: c.label,
      engagement: {
        effectorId: c.effectorId,
        effectorClass: c.effectorClass,
        targetTrackId: c.target,
        targetIdentity: c.identity,
        targetKind: 'UAS',
        confidence: 0.9,
        interceptPoint: { lat: c.lat, lon: c.lon, altM: 150 },
        interceptAt: new Date(c.nowMs + 40_000).toISOString(),
        dangerRadiusM: c.dangerRadiusM,
        sectorId: c.sectorId,
        sectorNation: c.sectorNation,
        reason: 'nearest interceptor with the highest probability of kill',
      },
      jamming: null,
    },
  };
}

export { effector, label } from '@tessera/service-kit/fixtures';

/** A SECTOR of `nation` (the kit's, 0-20 km) at weapons control status `wcs`, releasable to `releasableTo`. */
export function sectorVolume(
  id: string,
  nation: string,
  wcs: AirspaceVolume['wcs'],
  outline: [number, number][],
  releasableTo: string[] = [],
): AirspaceVolume {
  return sector(id, nation, outline, { label: label(nation, releasableTo), ceilingM: 20_000, wcs });
}

/**
 * POL SOUTH (WEAPONS TIGHT, releasable to UKR) and UKR WEST (FREE, releasable to POL), meeting at
 * 23 E between 49.5 and 50.5 N: the authority tests' two-nation airspace.
 */
export const twoSectors = (): AirspaceVolume[] => [
  sectorVolume(
    'pol-south',
    'POL',
    'TIGHT',
    [
      [49.5, 21.5],
      [50.5, 21.5],
      [50.5, 23],
    ],
    ['UKR'],
  ),
  sectorVolume(
    'ukr-west',
    'UKR',
    'FREE',
    [
      [49.5, 23],
      [50.5, 23],
      [50.5, 24.5],
    ],
    ['POL'],
  ),
];

/** A batch from `nation`'s fusion centre with one track. */
export function trackBatch(
  nation: string,
  id: string,
  identity: StandardIdentity,
  nowMs: number,
  over: Partial<Track> = {},
): TrackBatch {
  const at = new Date(nowMs).toISOString();
  return {
    source: { nation, system: `${nation}-FUSION` },
    seq: 1,
    publishedAt: at,
    upserts: [
      {
        id,
        label: label(
          nation,
          ['POL', 'UKR'].filter((n) => n !== nation),
          'RESTRICTED',
        ),
        provenance: { nation, system: `${nation}-FUSION`, sourceId: 'r1', observedAt: at, publishedAt: at },
        kind: 'UAS',
        identity,
        assessments: [{ nation, identity }],
        position: { lat: 50.2, lon: 22.3, altM: 150 },
        velocity: { speedMps: 50, courseDeg: 225, climbMps: 0 },
        quality: 0.9,
        updatedAt: at,
        staleAt: new Date(nowMs + 10_000).toISOString(),
        fieldLabels: [],
        ...over,
      },
    ],
    removals: [],
  };
}
