import fc from 'fast-check';
import { Kvm } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTHORITY_BUCKET,
  authorityKeys,
  subjects,
  type AgentCommand,
  type AirspaceVolume,
  type AuthorityReply,
  type AuthorizationRequest,
  type GatewayCommand,
  type Role,
  type StandardIdentity,
  type TrackBatch,
} from '@tessera/schema';
import { createLogger, type NatsLink } from '@tessera/service-kit';
import type { AuthorityService } from '../src/service.ts';
import {
  effector,
  fromAgent,
  fromGateway,
  label,
  memoryAuditChain,
  openEngagement,
  startAuthority,
  startJetStreamBus,
  type JetStreamBus,
} from './support.ts';

/**
 * Model-based test: random sequences of requests, decisions (by the right and the wrong people,
 * repeated), clock advances, target identity changes, launches and service restarts, driven against
 * the real service on a real nats-server. After every step the invariants must hold:
 * - nothing executes without a valid approval (required commanders, or a veto window that closed);
 * - nothing executes at or after its deadline, nor against a target that turned protected;
 * - no decision is applied twice (distinct deciders, versions step by one, a repeated command gets
 *   the same answer);
 * - the audit chain verifies.
 */
const logger = createLogger('authority-model', 'silent');
let bus: JetStreamBus;
let link: NatsLink;
let offsetMs = 0;
const clock = { now: () => Date.now() + offsetMs };
const audit = memoryAuditChain(clock);
const chain = audit.records;
const sector = (id: string, nation: string): AirspaceVolume => ({
  id,
  name: id,
  kind: 'SECTOR',
  nation,
  label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: nation, releasableTo: [] },
  floorM: 0,
  ceilingM: 20_000,
  wcs: 'FREE',
  version: 1,
  circle: { center: { lat: 50, lon: nation === 'POL' ? 22 : 24 }, radiusM: 50_000 },
});
const volumes = [sector('pol-south', 'POL'), sector('ukr-west', 'UKR')];
const effectors = [
  effector('pol-gun-1', 'POL', 'GUN', { position: { lat: 50, lon: 23 }, dangerRadiusM: 200 }),
  effector('pol-interceptor-1', 'POL', 'INTERCEPTOR_DRONE', { position: { lat: 50, lon: 23 }, dangerRadiusM: 200 }),
];

let service: AuthorityService;
const startService = async () => {
  service = await startAuthority({
    link,
    clock,
    logger,
    audit: audit.sink,
    reference: { volumes: () => volumes, effectors: () => effectors },
    tickMs: null,
    // The model is about decisions: the picture neither warms up nor times out under its clock jumps.
    pictureWarmupMs: 0,
    trackTimeoutMs: 3_600_000,
  });
};

type Sent = { by: 'gateway'; cmd: GatewayCommand } | { by: 'agent'; cmd: AgentCommand };
const send = (s: Sent): Promise<AuthorityReply> =>
  s.by === 'gateway' ? fromGateway(link.nc, s.cmd) : fromAgent(link.nc, 'POL', s.cmd);

let targetIdentity: StandardIdentity = 'HOSTILE';
async function publishTarget(identity: StandardIdentity) {
  targetIdentity = identity;
  const at = new Date(clock.now()).toISOString();
  const batch: TrackBatch = {
    source: { nation: 'POL', system: 'POL-FUSION' },
    seq: 1,
    publishedAt: at,
    upserts: [
      {
        id: 'POL-tgt',
        label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: ['UKR'] },
        provenance: { nation: 'POL', system: 'POL-FUSION', sourceId: 's', observedAt: at, publishedAt: at },
        kind: 'UAS',
        identity,
        assessments: [{ nation: 'POL', identity }],
        position: { lat: 50, lon: 23, altM: 100 },
        velocity: { speedMps: 50, courseDeg: 90, climbMps: 0 },
        quality: 1,
        updatedAt: at,
        // Fresh as its sensor reports it (three periods of a 2 s radar); its feed reports nothing else.
        staleAt: new Date(clock.now() + 6000).toISOString(),
        fieldLabels: [],
      },
    ],
    removals: [],
  };
  link.nc.publish(subjects.trackBatch('POL'), JSON.stringify(batch));
  await link.nc.flush();
  await new Promise((r) => setTimeout(r, 30));
}

type Action =
  | { t: 'open'; n: number; twoNation: boolean; onTheLoop: boolean }
  | { t: 'decide'; n: number; who: 0 | 1 | 2 | 3; decision: 'APPROVE' | 'DENY' | 'VETO' }
  | { t: 'repeat' }
  | { t: 'advance'; ms: number; settle: boolean }
  | { t: 'identity'; identity: StandardIdentity; settle: boolean }
  | { t: 'launch'; n: number }
  | { t: 'restart' };

const PEOPLE: { username: string; nation: string; roles: Role[] }[] = [
  { username: 'pol-cmdr', nation: 'POL', roles: ['COMMANDER'] },
  { username: 'pol-cmdr-2', nation: 'POL', roles: ['COMMANDER'] },
  { username: 'ukr-cmdr', nation: 'UKR', roles: ['COMMANDER'] },
  { username: 'pol-watch', nation: 'POL', roles: ['WATCH_OFFICER'] },
];

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('open' as const),
      n: fc.constantFrom(0, 0, 0, 1),
      twoNation: fc.boolean(),
      onTheLoop: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('decide' as const),
      n: fc.constantFrom(0, 0, 0, 1),
      who: fc.constantFrom(0, 0, 1, 2, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
      decision: fc.constantFrom('APPROVE' as const, 'APPROVE' as const, 'DENY' as const, 'VETO' as const),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ t: 'repeat' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.constantFrom(1_000, 5_000, 11_000, 11_000, 30_000, 61_000),
      settle: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('identity' as const),
      identity: fc.constantFrom<StandardIdentity>('HOSTILE', 'HOSTILE', 'FRIEND', 'NEUTRAL', 'SUSPECT'),
      settle: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('launch' as const), n: fc.constantFrom(0, 0, 0, 1) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
);

beforeAll(async () => {
  bus = await startJetStreamBus('authority-model');
  link = bus.link;
  await startService();
  // GUN effectors of POL run ON_THE_LOOP: their engagements proceed after the veto window.
  await (
    await new Kvm(link.nc).create(AUTHORITY_BUCKET, { history: 1, storage: 'file' })
  ).put(authorityKeys.autonomy('POL', 'GUN'), JSON.stringify('ON_THE_LOOP'));
  await publishTarget('HOSTILE');
});

afterAll(async () => {
  await service?.stop();
  await bus?.stop();
});

describe('authority model', () => {
  it('keeps its invariants over random sequences of requests, decisions, time, identity changes, launches and restarts', async () => {
    let run = 0;
    let launched = 0;
    let commandCounter = 0;
    const refusals = new Map<string, number>();
    /** Launch attempts of authorized engagements at or after their deadline: the test must try those. */
    let lateLaunches = 0;
    const sequences = fc.sample(fc.array(action, { minLength: 12, maxLength: 30 }), { numRuns: 60, seed: 6 });
    for (const actions of sequences) {
      run++;
      const ids = [0, 1, 2].map((n) => `m${run}-${n}`);
      const opened = new Map<string, AuthorizationRequest>();
      let last: { sent: Sent; reply: AuthorityReply } | undefined;
      await publishTarget('HOSTILE');
      for (const a of actions) {
        const cid = () => `c${run}-${++commandCounter}-${Date.now()}`;
        switch (a.t) {
          case 'open': {
            const cmd = openEngagement(ids[a.n]!, {
              target: 'POL-tgt',
              identity: targetIdentity,
              effectorId: a.onTheLoop ? 'pol-gun-1' : 'pol-interceptor-1',
              effectorClass: a.onTheLoop ? 'GUN' : 'INTERCEPTOR_DRONE',
              lat: 50,
              lon: a.twoNation ? 24 : 22,
              dangerRadiusM: 200,
              sectorId: a.twoNation ? 'ukr-west' : 'pol-south',
              sectorNation: a.twoNation ? 'UKR' : 'POL',
              label: label('POL', ['UKR']),
              nowMs: clock.now(),
            });
            const reply = await send({ by: 'agent', cmd });
            if (reply.ok) opened.set(reply.request.id, reply.request);
            last = { sent: { by: 'agent', cmd }, reply };
            break;
          }
          case 'decide': {
            const sent: Sent = {
              by: 'gateway',
              cmd: {
                type: 'DECIDE',
                commandId: cid(),
                requestId: ids[a.n]!,
                decision: a.decision,
                reason: 'model',
                by: PEOPLE[a.who]!,
              },
            };
            last = { sent, reply: await send(sent) };
            break;
          }
          case 'repeat':
            if (last) expect(await send(last.sent), 'a repeated command gets the same answer').toEqual(last.reply);
            break;
          case 'advance':
            offsetMs += a.ms;
            // Sometimes the periodic check runs; sometimes the next command comes first (the launch check must hold alone).
            if (a.settle) await service.tick();
            break;
          case 'identity':
            await publishTarget(a.identity);
            if (a.settle) await service.tick();
            break;
          case 'launch': {
            const before = (await service.requests()).find((r) => r.id === ids[a.n]);
            const now = clock.now();
            if (before?.engagementState === 'AUTHORIZED' && now >= Date.parse(before.deadline)) lateLaunches++;
            const sent: Sent = { by: 'agent', cmd: { type: 'LAUNCH', commandId: cid(), requestId: ids[a.n]! } };
            const reply = await send(sent);
            last = { sent, reply };
            if (!reply.ok) refusals.set(reply.rule, (refusals.get(reply.rule) ?? 0) + 1);
            if (reply.ok) {
              launched++;
              const r = reply.request;
              // Nothing executes without a valid approval...
              const approvedByPeople = r.requiredApprovals.every(
                (q) =>
                  new Set(
                    r.decisions
                      .filter((d) => d.decision === 'APPROVE' && d.by.nation === q.nation)
                      .map((d) => d.by.username),
                  ).size >= q.count,
              );
              const autoApproved =
                r.state === 'AUTO_APPROVED' &&
                r.vetoUntil !== null &&
                now >= Date.parse(r.vetoUntil) &&
                !r.decisions.some((d) => d.decision === 'VETO' || d.decision === 'DENY');
              expect(
                approvedByPeople || autoApproved,
                `${r.id} launched without approval: ${JSON.stringify(r.decisions)}`,
              ).toBe(true);
              expect(
                r.decisions.every((d) => PEOPLE.find((p) => p.username === d.by.username)?.roles.includes('COMMANDER')),
                'only commanders decide',
              ).toBe(true);
              // ...nothing expired executes, nor against a target that turned protected.
              expect(now, `${r.id} launched at or after its deadline`).toBeLessThan(Date.parse(r.deadline));
              expect(
                ['FRIEND', 'NEUTRAL', 'ASSUMED_FRIEND'],
                `${r.id} launched against a ${targetIdentity} target`,
              ).not.toContain(targetIdentity);
              expect(before?.engagementState, 'launched once').toBe('AUTHORIZED');
              expect(r.engagementState).toBe('EXECUTING');
            }
            break;
          }
          case 'restart':
            await service.stop();
            await startService();
            await publishTarget(targetIdentity); // the fusion centre keeps reporting
            break;
        }
      }
      // No decision applied twice: distinct deciders per request, and the stored version counts the changes.
      for (const r of (await service.requests()).filter((x) => ids.includes(x.id))) {
        const deciders = r.decisions.map((d) => d.by.username);
        expect(new Set(deciders).size, `${r.id}: ${deciders.join(',')}`).toBe(deciders.length);
        const changes = chain.filter((c) => c.subject === r.id && c.action !== 'REFUSED').length;
        expect(r.version, `${r.id} version vs audited changes`).toBe(changes);
      }
    }
    expect(lateLaunches, 'the sequences tried launching approved requests after their deadline').toBeGreaterThan(0);
    expect(launched, `the sequences exercised launches (refused: ${JSON.stringify([...refusals])})`).toBeGreaterThan(3);
    const verdict = audit.verify();
    expect(verdict).toMatchObject({ ok: true, count: chain.length });
  }, 120_000);
});
