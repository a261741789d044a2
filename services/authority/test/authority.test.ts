import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  EffectOutcome,
  subjects,
  type AgentCommand,
  type AirspaceVolume,
  type EffectorRef,
  type GatewayCommand,
  type StandardIdentity,
  type WeaponsControlStatus,
} from '@tessera/schema';
import type { NatsLink } from '@tessera/service-kit';
import type { AuthorityDeps, AuthorityService } from '../src/service.ts';
import {
  commandId as cid,
  effector,
  fromAgent,
  fromGateway,
  memoryAuditChain,
  ok,
  openEngagement as claim,
  sectorVolume,
  twoSectors,
  startAuthority,
  startJetStreamBus,
  trackBatch,
  type EngagementClaim,
  type JetStreamBus,
} from './support.ts';
import { WAIT } from '@tessera/service-kit/fixtures';

/**
 * The authority on a real nats-server, as its callers use it: a nation's agents ask for engagements
 * and launch them, people decide through the gateway. The test moves the authority's clock instead
 * of waiting, and waits only for state.
 */
let bus: JetStreamBus;
let link: NatsLink;
let counter = 0;

/** A clock the test moves: deadlines are decided by it, not by waiting. */
let offsetMs = 0;
const clock = { now: () => Date.now() + offsetMs };
const chain = memoryAuditChain(clock);

const volumes: AirspaceVolume[] = [
  ...twoSectors(),
  sectorVolume('pol-hold', 'POL', 'HOLD', [
    [51, 21.5],
    [51.5, 21.5],
    [51.5, 23],
  ]),
];
const effectors: EffectorRef[] = [
  effector('pol-interceptor-1', 'POL', 'INTERCEPTOR_DRONE', { dangerRadiusM: 500 }),
  effector('ukr-gun-1', 'UKR', 'GUN'),
];
const TARGET = 'POL-owa-01';

let service: AuthorityService;
async function start(over: Partial<AuthorityDeps> = {}): Promise<AuthorityService> {
  service = await startAuthority({
    link,
    clock,
    audit: chain.sink,
    reference: { volumes: () => volumes, effectors: () => effectors },
    ...over,
  });
  return service;
}

const polCmdr = { username: 'pol-cmdr', nation: 'POL', roles: ['COMMANDER' as const] };
const polCmdr2 = { ...polCmdr, username: 'pol-cmdr-2' };
const ukrCmdr = { username: 'ukr-cmdr', nation: 'UKR', roles: ['COMMANDER' as const] };
const gateway = (cmd: GatewayCommand) => fromGateway(link.nc, cmd);
const agent = (nation: string, cmd: AgentCommand) => fromAgent(link.nc, nation, cmd);
const decide = (
  requestId: string,
  by: Extract<GatewayCommand, { type: 'DECIDE' }>['by'],
  decision: 'APPROVE' | 'DENY' = 'APPROVE',
): GatewayCommand => ({ type: 'DECIDE', commandId: cid(), requestId, decision, reason: 'r', by });

/** POL's commander asks to move POL SOUTH from one weapons control status to another. */
const wcsChange = (id: string, from: WeaponsControlStatus, to: WeaponsControlStatus): GatewayCommand => ({
  type: 'OPEN',
  commandId: cid(),
  request: {
    id,
    kind: 'WCS_CHANGE',
    nation: 'POL',
    label: volumes[0]!.label,
    requestedBy: polCmdr,
    wcsChange: { sectorId: 'pol-south', sectorNation: 'POL', from, to },
    autonomyChange: null,
  },
});

/** POL SOUTH back to FREE from HOLD (two commanders approve), for the tests after this one. */
async function backToFree(id: string) {
  ok(await gateway(wcsChange(id, 'HOLD', 'FREE')));
  ok(await gateway(decide(id, polCmdr)));
  ok(await gateway(decide(id, polCmdr2)));
}

/** What POL's agent claims about its engagement, on the test's clock (interceptor-1 has a 500 m danger radius here). */
const openEngagement = (id: string, over: Partial<EngagementClaim> = {}) =>
  claim(id, { target: TARGET, dangerRadiusM: 500, nowMs: clock.now(), ...over });

async function publishTarget(identity: StandardIdentity, over: Parameters<typeof trackBatch>[4] = {}) {
  link.nc.publish(subjects.trackBatch('POL'), JSON.stringify(trackBatch('POL', TARGET, identity, clock.now(), over)));
  await link.nc.flush();
}

const stored = async (id: string) => (await service.requests()).find((r) => r.id === id);

beforeAll(async () => {
  bus = await startJetStreamBus('authority-test');
  link = bus.link;
  await start();
  await publishTarget('HOSTILE');
  // The authority has heard of the target before anything is asked about it.
  await vi.waitFor(
    async () => expect((await agent('POL', { ...openEngagement('probe'), commandId: cid() })).ok).toBe(true),
    WAIT,
  );
});

afterAll(async () => {
  await service?.stop();
  await bus?.stop();
});

describe('authority service on JetStream', () => {
  it('runs an engagement: refusals say which rule, a commander approves, launch and outcome are recorded once', async () => {
    const outcomes: EffectOutcome[] = [];
    const sub = link.nc.subscribe(subjects.effectOutcome, {
      callback: (_e, m) => void outcomes.push(EffectOutcome.parse(m.json())),
    });
    const opened = ok(await agent('POL', openEngagement('eng-a')));
    expect(opened).toMatchObject({
      state: 'PENDING',
      requiredApprovals: [{ nation: 'POL', count: 1 }],
      requestedBy: { kind: 'SERVICE', id: 'pol-interceptor', nation: 'POL' },
    });

    // Launch before approval, approval by a watch officer or another nation: refused, nothing changes.
    expect(await agent('POL', { type: 'LAUNCH', commandId: cid(), requestId: 'eng-a' })).toMatchObject({
      ok: false,
      rule: 'NO_VALID_AUTHORIZATION',
    });
    expect(
      await gateway(decide('eng-a', { username: 'pol-watch', nation: 'POL', roles: ['WATCH_OFFICER'] })),
    ).toMatchObject({ ok: false, rule: 'NOT_A_COMMANDER' });
    expect(await gateway(decide('eng-a', ukrCmdr))).toMatchObject({ ok: false, rule: 'WRONG_NATION' });

    // The same approval delivered twice (same command id) is applied once.
    const approval = decide('eng-a', polCmdr);
    const first = ok(await gateway(approval));
    expect(first).toMatchObject({ state: 'APPROVED', engagementState: 'AUTHORIZED', version: 2 });
    expect(ok(await gateway(approval))).toEqual(first);

    expect(ok(await agent('POL', { type: 'LAUNCH', commandId: cid(), requestId: 'eng-a' })).engagementState).toBe(
      'EXECUTING',
    );
    const done = ok(
      await agent('POL', { type: 'COMPLETE', commandId: cid(), requestId: 'eng-a', outcome: 'DESTROYED' }),
    );
    expect(done).toMatchObject({ engagementState: 'COMPLETED', outcome: 'DESTROYED', version: 4 });
    expect(done.decisions).toHaveLength(1);
    // The authority, not the agent, tells the world what happened to the target.
    await vi.waitFor(
      () =>
        expect(outcomes).toEqual([
          expect.objectContaining({ requestId: 'eng-a', trackId: TARGET, nation: 'POL', outcome: 'DESTROYED' }),
        ]),
      WAIT,
    );
    sub.unsubscribe();

    const actions = chain.records
      .filter((r) => r.subject === 'eng-a')
      .map((r) => `${r.action}${r.details.rule ? `:${String(r.details.rule)}` : ''}`);
    expect(actions).toEqual([
      'REQUEST_OPENED',
      'REFUSED:NO_VALID_AUTHORIZATION',
      'REFUSED:NOT_A_COMMANDER',
      'REFUSED:WRONG_NATION',
      'DECISION_APPROVE',
      'ENGAGEMENT_EXECUTING',
      'ENGAGEMENT_COMPLETED',
    ]);
    expect(chain.verify().ok).toBe(true);
  });

  it('refuses to open an engagement under weapons HOLD', async () => {
    expect(await agent('POL', openEngagement('eng-hold', { sectorId: 'pol-hold' }))).toMatchObject({
      ok: false,
      rule: 'CLAIM_MISMATCH',
    });
    // The intercept point really in the HOLD sector: refused by the rule, not by a claim.
    const inHold = openEngagement('eng-hold-2', { sectorId: 'pol-hold' });
    if (inHold.type === 'OPEN') inHold.request.engagement!.interceptPoint = { lat: 51.2, lon: 22, altM: 150 };
    expect(await agent('POL', inHold)).toMatchObject({ ok: false, rule: 'WCS_HOLD' });
  });

  it('a request left alone expires at its deadline, and nothing of it launches', async () => {
    ok(await agent('POL', openEngagement('eng-late')));
    offsetMs += 60_000;
    await publishTarget('HOSTILE');
    await vi.waitFor(
      async () => expect(await stored('eng-late')).toMatchObject({ state: 'EXPIRED', engagementState: null }),
      WAIT,
    );
    expect(await gateway(decide('eng-late', polCmdr))).toMatchObject({ ok: false, rule: 'EXPIRED' });
    expect(await agent('POL', { type: 'LAUNCH', commandId: cid(), requestId: 'eng-late' })).toMatchObject({
      ok: false,
      rule: 'NO_VALID_AUTHORIZATION',
    });
  });

  it('aborts an approved engagement when the target turns FRIEND, and refuses its launch', async () => {
    await publishTarget('HOSTILE');
    ok(await agent('POL', openEngagement('eng-friend')));
    ok(await gateway(decide('eng-friend', polCmdr)));
    await publishTarget('FRIEND');
    // The whole request in the assertion: a failure shows its state, approvals and engagement state.
    await vi.waitFor(
      async () =>
        expect(await stored('eng-friend')).toMatchObject({ abortReason: expect.stringMatching(/now FRIEND/) }),
      WAIT,
    );
    expect(await agent('POL', { type: 'LAUNCH', commandId: cid(), requestId: 'eng-friend' })).toMatchObject({
      ok: false,
      rule: 'NO_VALID_AUTHORIZATION',
    });
    await publishTarget('HOSTILE');
  });

  it('WCS FREE needs two distinct commanders, then takes effect: engagements of SUSPECT tracks may be requested', async () => {
    expect(ok(await gateway(wcsChange('wcs-free', 'TIGHT', 'FREE'))).requiredApprovals).toEqual([
      { nation: 'POL', count: 2 },
    ]);
    await publishTarget('SUSPECT');
    const suspect = () => openEngagement(`eng-suspect-${++counter}`, { identity: 'SUSPECT' });
    expect(await agent('POL', suspect())).toMatchObject({ ok: false, rule: 'WCS_TIGHT_NOT_HOSTILE' });
    ok(await gateway(decide('wcs-free', polCmdr)));
    expect(await gateway(decide('wcs-free', polCmdr))).toMatchObject({ ok: false, rule: 'ALREADY_DECIDED' });
    expect(ok(await gateway(decide('wcs-free', polCmdr2))).state).toBe('APPROVED');
    expect(chain.records.some((r) => r.action === 'WCS_CHANGED' && r.subject === 'POL/pol-south')).toBe(true);
    expect(ok(await agent('POL', suspect())).state).toBe('PENDING');
    await publishTarget('HOSTILE');
  });

  it('survives its own restart in the middle of a two-nation request: request, deadline and decisions intact', async () => {
    const opened = ok(
      await agent('POL', openEngagement('eng-two', { sectorId: 'ukr-west', sectorNation: 'UKR', lon: 23.2 })),
    );
    ok(await gateway(decide('eng-two', polCmdr)));
    await service.stop();
    await start();
    expect(await stored('eng-two')).toMatchObject({
      state: 'PENDING',
      deadline: opened.deadline,
      version: 2,
      decisions: [expect.objectContaining({ by: { username: 'pol-cmdr', nation: 'POL' } })],
    });
    expect(ok(await gateway(decide('eng-two', ukrCmdr)))).toMatchObject({ state: 'APPROVED', version: 3 });
  });

  it.each([
    ['between the audit record of the approval and the state write', 1],
    ['between the audit record of the WCS change and putting it in force', 2],
  ])('a kill %s leaves state and chain consistent after restart (the HOLD takes effect)', async (_when, appends) => {
    const id = `wcs-hold-${appends}`;
    ok(await gateway(wcsChange(id, 'FREE', 'HOLD')));
    await service.stop(); // no tick repairs it in-process: the restart must
    await start();
    chain.failAfterAppend(appends);
    const approval = decide(id, polCmdr);
    // The command dies half-way: the caller is told the outcome is not known, not that nothing happened.
    expect(await gateway(approval)).toMatchObject({ ok: false, rule: 'UNAVAILABLE' });
    await service.stop();
    await start();
    expect(await stored(id)).toMatchObject({ state: 'APPROVED', version: 2 });
    const records = chain.records.filter(
      (r) => r.subject === id || (r.subject === 'POL/pol-south' && r.details.request === id),
    );
    expect(records.map((r) => r.action)).toEqual(['REQUEST_OPENED', 'DECISION_APPROVE', 'WCS_CHANGED']);
    expect(chain.verify().ok).toBe(true);
    // In force: an engagement in POL SOUTH is refused under HOLD.
    await publishTarget('HOSTILE');
    expect(await agent('POL', openEngagement(`eng-after-hold-${appends}`))).toMatchObject({
      ok: false,
      rule: 'WCS_HOLD',
    });
    // The same approval repeated is not applied twice.
    expect(await gateway(approval)).toMatchObject({ ok: false, rule: 'NOT_PENDING' });
    await backToFree(`wcs-free-again-${appends}`);
  });

  it('launches nothing while its picture is rebuilt after a restart, and answers the same launch later', async () => {
    await publishTarget('HOSTILE');
    ok(await agent('POL', openEngagement('eng-warm')));
    ok(await gateway(decide('eng-warm', polCmdr)));
    await service.stop();
    await start({ pictureWarmupMs: 5_000 });
    await publishTarget('HOSTILE');
    const launch: AgentCommand = { type: 'LAUNCH', commandId: cid(), requestId: 'eng-warm' };
    expect(await agent('POL', launch)).toMatchObject({ ok: false, rule: 'PICTURE_WARMING_UP' });
    offsetMs += 5_000;
    await publishTarget('HOSTILE');
    // "Not now" is not kept under the command id: the same command now launches.
    expect(ok(await agent('POL', launch)).engagementState).toBe('EXECUTING');
    await service.stop();
    await start();
  });

  it('aborts an engagement whose target is no longer heard from', async () => {
    await publishTarget('HOSTILE');
    ok(await agent('POL', openEngagement('eng-silent')));
    ok(await gateway(decide('eng-silent', polCmdr)));
    offsetMs += 31_000; // the fusion centre stays silent past the track timeout (30 s)
    await vi.waitFor(async () => expect((await stored('eng-silent'))?.abortReason).toMatch(/no longer tracked/), WAIT);
    await publishTarget('HOSTILE');
  });

  it('aborts an approved engagement when its sector goes to weapons HOLD before launch', async () => {
    await publishTarget('HOSTILE');
    ok(await agent('POL', openEngagement('eng-then-hold')));
    ok(await gateway(decide('eng-then-hold', polCmdr)));
    ok(await gateway(wcsChange('wcs-hold-now', 'FREE', 'HOLD')));
    ok(await gateway(decide('wcs-hold-now', polCmdr)));
    expect(await agent('POL', { type: 'LAUNCH', commandId: cid(), requestId: 'eng-then-hold' })).toMatchObject({
      ok: false,
    });
    await vi.waitFor(
      async () => expect((await stored('eng-then-hold'))?.abortReason).toMatch(/WEAPONS HOLD now/),
      WAIT,
    );
    await backToFree('wcs-free-after-hold');
  });

  it('survives a nats-server restart in the middle of a pending request', async () => {
    await publishTarget('HOSTILE'); // the fusion centre reports to the restarted authority
    const opened = ok(await agent('POL', openEngagement('eng-nats')));
    await bus.server.restart();
    await vi.waitFor(
      async () =>
        expect(await stored('eng-nats')).toMatchObject({ state: 'PENDING', deadline: opened.deadline, decisions: [] }),
      { timeout: 15_000, interval: 100 },
    );
    // Retried with the same command id: if a reply is lost, the retry is answered, not applied again.
    const decision = decide('eng-nats', polCmdr);
    const approved = await vi.waitFor(async () => ok(await gateway(decision)), { timeout: 15_000, interval: 100 });
    expect(approved).toMatchObject({ state: 'APPROVED', version: 2 });
    expect(chain.verify().ok).toBe(true);
  });
});
