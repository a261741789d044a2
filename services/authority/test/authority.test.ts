import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthorityReply, subjects, type AirspaceVolume, type AuditRecord, type AuthorityCommand, type Track, type TrackBatch } from '@tessera/schema';
import { connectNats, createLogger, createRejector, type NatsLink } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { GENESIS_HASH, generateAuditKeys, privateKeyFromPem, publicKeyFromPem, sealRecord, verifyChain } from '../src/audit/chain.ts';
import { DEFAULT_POLICY } from '../src/domain/rules.ts';
import { createAuthorityService, type AuditSink, type AuthorityService } from '../src/service.ts';

const logger = createLogger('authority-test', 'silent');
let server: NatsServer;
let link: NatsLink;
let storeDir: string;
let counter = 0;

/** A clock the test moves: deadlines are decided by it, not by waiting. */
let offsetMs = 0;
const clock = { now: () => Date.now() + offsetMs };

/** The real signed chain (sealed with Ed25519), kept in memory here; the JetStream log has its own test. */
const keys = generateAuditKeys();
const chain: AuditRecord[] = [];
const audit: AuditSink = {
  async append(entry) {
    const prev = chain[chain.length - 1];
    const record = sealRecord({ seq: chain.length + 1, at: new Date(clock.now()).toISOString(), ...entry }, prev?.hash ?? GENESIS_HASH, privateKeyFromPem(keys.privateKeyPem));
    chain.push(record);
    return record;
  },
};

const volumes: AirspaceVolume[] = [
  { id: 'pol-south', name: 'POL South', kind: 'SECTOR', nation: 'POL', label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: ['UKR'] }, floorM: 0, ceilingM: 20_000, wcs: 'TIGHT', version: 1, outline: [{ lat: 49.5, lon: 21.5 }, { lat: 50.5, lon: 21.5 }, { lat: 50.5, lon: 23 }] },
  { id: 'ukr-west', name: 'UKR West', kind: 'SECTOR', nation: 'UKR', label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'UKR', releasableTo: ['POL'] }, floorM: 0, ceilingM: 20_000, wcs: 'FREE', version: 1, outline: [{ lat: 49.5, lon: 23 }, { lat: 50.5, lon: 23 }, { lat: 50.5, lon: 24.5 }] },
  { id: 'pol-hold', name: 'POL Hold', kind: 'SECTOR', nation: 'POL', label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: [] }, floorM: 0, ceilingM: 20_000, wcs: 'HOLD', version: 1, outline: [{ lat: 51, lon: 21.5 }, { lat: 51.5, lon: 21.5 }, { lat: 51.5, lon: 23 }] },
];

function start(): Promise<AuthorityService> {
  const service = createAuthorityService({ link, clock, logger, rejector: createRejector({ nc: link.nc, service: 'authority', logger }), audit, policy: DEFAULT_POLICY, volumes: () => volumes, tickMs: 50 });
  return service.start().then(() => service);
}

async function command(cmd: AuthorityCommand): Promise<AuthorityReply> {
  const msg = await link.nc.request(subjects.authorityCommand, JSON.stringify(cmd), { timeout: 5000 });
  return AuthorityReply.parse(msg.json());
}

const cid = () => `cmd-${Date.now()}-${++counter}`;
const polCmdr = { username: 'pol-cmdr', nation: 'POL', roles: ['COMMANDER' as const] };
const ukrCmdr = { username: 'ukr-cmdr', nation: 'UKR', roles: ['COMMANDER' as const] };

function openEngagement(id: string, over: { sectorId?: string; sectorNation?: string } = {}): AuthorityCommand {
  return {
    type: 'OPEN',
    commandId: cid(),
    request: {
      id,
      kind: 'ENGAGEMENT',
      nation: 'POL',
      label: { policy: 'NATO', classification: 'SECRET', originator: 'POL', releasableTo: ['UKR'] },
      requestedBy: { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' },
      engagement: {
        effectorId: 'pol-interceptor-1',
        effectorClass: 'INTERCEPTOR_DRONE',
        targetTrackId: 'owa-01',
        targetIdentity: 'HOSTILE',
        targetKind: 'UAS',
        confidence: 0.9,
        interceptPoint: { lat: 50.1, lon: 22.1, altM: 150 },
        interceptAt: new Date(clock.now() + 40_000).toISOString(),
        dangerRadiusM: 500,
        sectorId: over.sectorId ?? 'pol-south',
        sectorNation: over.sectorNation ?? 'POL',
        reason: 'nearest interceptor with the highest probability of kill',
      },
      jamming: null,
      wcsChange: null,
      autonomyChange: null,
    },
  };
}

function target(identity: Track['identity']): TrackBatch {
  const at = new Date(clock.now()).toISOString();
  return {
    source: { nation: 'POL', system: 'POL-FUSION' },
    seq: ++counter,
    publishedAt: at,
    upserts: [
      {
        id: 'owa-01',
        label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'POL', releasableTo: ['UKR'] },
        provenance: { nation: 'POL', system: 'POL-FUSION', sourceId: 'r1', observedAt: at, publishedAt: at },
        kind: 'UAS',
        identity,
        assessments: [{ nation: 'POL', identity }],
        position: { lat: 50.2, lon: 22.3, altM: 150 },
        velocity: { speedMps: 50, courseDeg: 225, climbMps: 0 },
        quality: 0.9,
        updatedAt: at,
        staleAt: new Date(clock.now() + 10_000).toISOString(),
        fieldLabels: [],
      },
    ],
    removals: [],
  };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ok = (r: AuthorityReply) => {
  if (!r.ok) throw new Error(`refused: ${r.rule}: ${r.message}`);
  return r.request;
};

beforeAll(async () => {
  storeDir = mkdtempSync(join(tmpdir(), 'authority-js-'));
  server = await startNatsServer({ storeDir });
  link = await connectNats({ url: server.url, name: 'authority-test', logger });
  link.nc.publish(subjects.trackBatch('POL'), JSON.stringify(target('HOSTILE')));
});

afterAll(async () => {
  await link?.nc.close();
  await server?.stop();
  if (storeDir) rmSync(storeDir, { recursive: true, force: true });
});

describe('authority service on JetStream', () => {
  let service: AuthorityService;

  it('runs an engagement: refusals say which rule, a commander approves, launch and outcome are recorded once', async () => {
    service = await start();
    link.nc.publish(subjects.trackBatch('POL'), JSON.stringify(target('HOSTILE')));
    const opened = ok(await command(openEngagement('eng-a')));
    expect(opened).toMatchObject({ state: 'PENDING', requiredApprovals: [{ nation: 'POL', count: 1 }] });

    // Launch before approval, approval by a watch officer or another nation: refused, nothing changes.
    expect(await command({ type: 'LAUNCH', commandId: cid(), requestId: 'eng-a', by: { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' } })).toMatchObject({ ok: false, rule: 'NO_VALID_AUTHORIZATION' });
    expect(await command({ type: 'DECIDE', commandId: cid(), requestId: 'eng-a', decision: 'APPROVE', reason: 'r', by: { username: 'pol-watch', nation: 'POL', roles: ['WATCH_OFFICER'] } })).toMatchObject({ ok: false, rule: 'NOT_A_COMMANDER' });
    expect(await command({ type: 'DECIDE', commandId: cid(), requestId: 'eng-a', decision: 'APPROVE', reason: 'r', by: ukrCmdr })).toMatchObject({ ok: false, rule: 'WRONG_NATION' });

    // The same approval delivered twice (same command id) is applied once.
    const approval: AuthorityCommand = { type: 'DECIDE', commandId: cid(), requestId: 'eng-a', decision: 'APPROVE', reason: 'hostile drone, clear sky', by: polCmdr };
    const first = ok(await command(approval));
    const again = ok(await command(approval));
    expect(first).toMatchObject({ state: 'APPROVED', engagementState: 'AUTHORIZED', version: 2 });
    expect(again).toEqual(first);

    const running = ok(await command({ type: 'LAUNCH', commandId: cid(), requestId: 'eng-a', by: { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' } }));
    expect(running.engagementState).toBe('EXECUTING');
    const done = ok(await command({ type: 'COMPLETE', commandId: cid(), requestId: 'eng-a', outcome: 'DESTROYED', by: { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' } }));
    expect(done).toMatchObject({ engagementState: 'COMPLETED', outcome: 'DESTROYED', version: 4 });
    expect(done.decisions).toHaveLength(1);

    const actions = chain.filter((r) => r.subject === 'eng-a').map((r) => `${r.action}${r.details.rule ? `:${String(r.details.rule)}` : ''}`);
    expect(actions).toEqual(['REQUEST_OPENED', 'REFUSED:NO_VALID_AUTHORIZATION', 'REFUSED:NOT_A_COMMANDER', 'REFUSED:WRONG_NATION', 'DECISION_APPROVE', 'ENGAGEMENT_EXECUTING', 'ENGAGEMENT_COMPLETED']);
    expect(verifyChain(chain, publicKeyFromPem(keys.publicKeyPem)).ok).toBe(true);
  });

  it('refuses to open an engagement under weapons HOLD', async () => {
    expect(await command(openEngagement('eng-hold', { sectorId: 'pol-hold' }))).toMatchObject({ ok: false, rule: 'WCS_HOLD' });
  });

  it('a request left alone expires at its deadline, and nothing of it launches', async () => {
    ok(await command(openEngagement('eng-late')));
    offsetMs += 60_000;
    const expired = await until('expiry', async () => (await service.requests()).find((r) => r.id === 'eng-late' && r.state === 'EXPIRED'));
    expect(expired.engagementState).toBeNull();
    expect(await command({ type: 'DECIDE', commandId: cid(), requestId: 'eng-late', decision: 'APPROVE', reason: 'late', by: polCmdr })).toMatchObject({ ok: false, rule: 'EXPIRED' });
    expect(await command({ type: 'LAUNCH', commandId: cid(), requestId: 'eng-late', by: { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' } })).toMatchObject({ ok: false, rule: 'NO_VALID_AUTHORIZATION' });
  });

  it('aborts an approved engagement when the target turns FRIEND, and refuses its launch', async () => {
    link.nc.publish(subjects.trackBatch('POL'), JSON.stringify(target('HOSTILE')));
    ok(await command(openEngagement('eng-friend')));
    ok(await command({ type: 'DECIDE', commandId: cid(), requestId: 'eng-friend', decision: 'APPROVE', reason: 'r', by: polCmdr }));
    link.nc.publish(subjects.trackBatch('POL'), JSON.stringify(target('FRIEND')));
    const aborted = await until('abort', async () => (await service.requests()).find((r) => r.id === 'eng-friend' && r.engagementState === 'ABORTED'));
    expect(aborted.abortReason).toMatch(/now FRIEND/);
    expect(await command({ type: 'LAUNCH', commandId: cid(), requestId: 'eng-friend', by: { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' } })).toMatchObject({ ok: false, rule: 'NO_VALID_AUTHORIZATION' });
    link.nc.publish(subjects.trackBatch('POL'), JSON.stringify(target('HOSTILE')));
  });

  it('WCS FREE needs two distinct commanders, then takes effect: engagements of SUSPECT tracks may be requested', async () => {
    const open: AuthorityCommand = {
      type: 'OPEN',
      commandId: cid(),
      request: {
        id: 'wcs-free',
        kind: 'WCS_CHANGE',
        nation: 'POL',
        label: volumes[0]!.label,
        requestedBy: { kind: 'USER', id: 'pol-cmdr', nation: 'POL' },
        engagement: null,
        jamming: null,
        wcsChange: { sectorId: 'pol-south', sectorNation: 'POL', from: 'TIGHT', to: 'FREE' },
        autonomyChange: null,
      },
    };
    expect(ok(await command(open)).requiredApprovals).toEqual([{ nation: 'POL', count: 2 }]);
    const suspect = openEngagement('eng-suspect');
    if (suspect.type === 'OPEN') suspect.request.engagement!.targetIdentity = 'SUSPECT';
    expect(await command(suspect)).toMatchObject({ ok: false, rule: 'WCS_TIGHT_NOT_HOSTILE' });
    ok(await command({ type: 'DECIDE', commandId: cid(), requestId: 'wcs-free', decision: 'APPROVE', reason: 'raid inbound', by: polCmdr }));
    expect(await command({ type: 'DECIDE', commandId: cid(), requestId: 'wcs-free', decision: 'APPROVE', reason: 'again', by: polCmdr })).toMatchObject({ ok: false, rule: 'ALREADY_DECIDED' });
    expect(ok(await command({ type: 'DECIDE', commandId: cid(), requestId: 'wcs-free', decision: 'APPROVE', reason: 'concur', by: { ...polCmdr, username: 'pol-cmdr-2' } })).state).toBe('APPROVED');
    expect(chain.some((r) => r.action === 'WCS_CHANGED' && r.subject === 'POL/pol-south')).toBe(true);
    expect(ok(await command({ ...suspect, commandId: cid() })).state).toBe('PENDING');
  });

  it('survives its own restart in the middle of a two-nation request: request, deadline and decisions intact', async () => {
    const opened = ok(await command(openEngagement('eng-two', { sectorId: 'ukr-west', sectorNation: 'UKR' })));
    ok(await command({ type: 'DECIDE', commandId: cid(), requestId: 'eng-two', decision: 'APPROVE', reason: 'POL concurs', by: polCmdr }));
    await service.stop();
    service = await start();
    const restored = (await service.requests()).find((r) => r.id === 'eng-two')!;
    expect(restored).toMatchObject({ state: 'PENDING', deadline: opened.deadline, version: 2 });
    expect(restored.decisions.map((d) => d.by.username)).toEqual(['pol-cmdr']);
    expect(ok(await command({ type: 'DECIDE', commandId: cid(), requestId: 'eng-two', decision: 'APPROVE', reason: 'UKR concurs', by: ukrCmdr }))).toMatchObject({ state: 'APPROVED', version: 3 });
  });

  it('survives a nats-server restart in the middle of a pending request', async () => {
    const opened = ok(await command(openEngagement('eng-nats')));
    await server.restart();
    const restored = await until('the service answering again', async () => {
      try {
        return (await service.requests()).find((r) => r.id === 'eng-nats');
      } catch {
        return undefined;
      }
    }, 15_000);
    expect(restored).toMatchObject({ state: 'PENDING', deadline: opened.deadline, decisions: [] });
    // Retried with the same command id: if a reply is lost, the retry is answered, not applied again.
    const decision: AuthorityCommand = { type: 'DECIDE', commandId: cid(), requestId: 'eng-nats', decision: 'APPROVE', reason: 'r', by: polCmdr };
    const approved = await until('a decision after the restart', async () => {
      try {
        return ok(await command(decision));
      } catch {
        return undefined;
      }
    }, 15_000);
    expect(approved).toMatchObject({ state: 'APPROVED', version: 2 });
    expect(verifyChain(chain, publicKeyFromPem(keys.publicKeyPem)).ok).toBe(true);
    await service.stop();
  });
});
