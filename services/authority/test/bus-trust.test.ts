import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  fusionCentrePermissions,
  fusionCentreUser,
  interceptorAgentPermissions,
  interceptorAgentUser,
  OPERATOR_PERMISSIONS,
  SERVICE_PERMISSIONS,
  subjects,
  alertKey,
  ALERT_BUCKET,
  AuditAppendReply,
  type Alert,
  type TargetWarning,
  type AuditAppendRequest,
  type AirspaceVolume,
  type EffectorRef,
  type StandardIdentity,
} from '@tessera/schema';
import { connectNats, createLogger, natsAuthConfig, type NatsLink } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import type { AuthorityService } from '../src/service.ts';
import {
  commandId as cid,
  effector,
  fromAgent,
  fromGateway,
  label,
  memoryAuditChain,
  ok,
  openEngagement,
  twoSectors,
  startAuthority,
  trackBatch,
  type EngagementClaim,
} from './support.ts';
import { WAIT } from '@tessera/service-kit/fixtures';

/**
 * Every message on NATS may come from a buggy or compromised peer. Here every party has the NATS
 * user the stack gives it, and POL's interceptor agents misbehave: they try to approve their own
 * request in a commander's name, to act for UKR, and to open requests on false facts (a hostile
 * identity, their own sector, a danger radius of a millimetre). The server refuses what their
 * permissions do not allow, and the authority refuses everything else, naming the rule.
 */
const logger = createLogger('bus-trust-test', 'silent');
const dir = mkdtempSync(join(tmpdir(), 'tessera-bus-trust-'));
const password = (u: string) => `${u}-secret`;
let server: NatsServer;
let service: AuthorityService;
const links: NatsLink[] = [];
const as = async (user: string) => {
  const link = await connectNats({ url: server.url, name: user, user, pass: password(user), logger });
  links.push(link);
  return link;
};
let gateway: NatsLink;
let polAgent: NatsLink;
let ukrAgent: NatsLink;
let polFusion: NatsLink;

const chain = memoryAuditChain({ now: () => Date.now() });
const volumes: AirspaceVolume[] = [...twoSectors()];
const effectors: EffectorRef[] = [
  effector('pol-interceptor-1', 'POL', 'INTERCEPTOR_DRONE'),
  effector('ukr-gun-1', 'UKR', 'GUN'),
];
const polCmdr = { username: 'pol-cmdr', nation: 'POL', roles: ['COMMANDER' as const] };

const open = (id: string, over: Partial<EngagementClaim> = {}) => openEngagement(id, over);

async function publishTarget(identity: StandardIdentity) {
  polFusion.nc.publish(
    subjects.trackBatch('POL'),
    JSON.stringify(trackBatch('POL', 'POL-owa-01', identity, Date.now())),
  );
  await polFusion.nc.flush();
}

/** The detector's alert bucket (only the detector writes it), and its open ANOMALY alerts on POL-owa-01. */
let alertBucket: Awaited<ReturnType<Kvm['create']>> | undefined;
const flagId = (anomaly: string) => `POL-owa-01:${anomaly}`;

/** The detector flags POL-owa-01; the warning a request about it must then carry. */
async function raiseFlag(anomalyKind: 'POSITION_JUMP' | 'FROZEN_POSITION', detail: string) {
  alertBucket ??= await new Kvm((await as('detector')).nc).create(ALERT_BUCKET, { history: 1 });
  const raisedAt = new Date().toISOString();
  const alert: Alert = {
    id: flagId(anomalyKind),
    kind: 'ANOMALY',
    severity: 'WARNING',
    label: label('POL', ['UKR']),
    trackId: 'POL-owa-01',
    title: `POL-owa-01: ${detail}`,
    defendedAssetId: null,
    impactExpectedAt: null,
    predictedImpact: null,
    anomalyKind,
    raisedAt,
    updatedAt: raisedAt,
    clearedAt: null,
    acknowledgements: [],
  };
  await alertBucket.put(alertKey(alert.id), JSON.stringify(alert));
  return { kind: 'POSSIBLE_GNSS_SPOOFING', anomaly: anomalyKind, detail, since: raisedAt } as const;
}

const clearFlag = async (anomaly: string) => void (await alertBucket!.delete(alertKey(flagId(anomaly))));

const withdraw = async (r: { id: string }) =>
  ok(await fromAgent(polAgent.nc, 'POL', { type: 'WITHDRAW', commandId: cid(), requestId: r.id }));

/**
 * Opens an engagement on POL-owa-01 naming `named`, once the authority's copy of the alert bucket
 * shows `anomaly`: until then a request goes without it, and is withdrawn and asked again under a
 * new id (waiting for the authority's state, never for a time).
 */
async function openOnceFlagged(id: string, anomaly: string, named: TargetWarning[] = []) {
  let attempt = 0;
  return vi.waitFor(async () => {
    const cmd = open(`${id}-${++attempt}`);
    if (cmd.type === 'OPEN') cmd.request.targetWarnings = named;
    const r = ok(await fromAgent(polAgent.nc, 'POL', cmd));
    if (!r.targetWarnings.some((w) => w.anomaly === anomaly)) {
      await withdraw(r);
      throw new Error(`the authority has not read the ${anomaly} alert yet`);
    }
    return r;
  }, WAIT);
}

/** Whether a publish by `link` reached the authority's subject at all (the operator listens). */
async function reaches(link: NatsLink, subject: string): Promise<boolean> {
  const operator = await as('operator');
  let got = false;
  const sub = operator.nc.subscribe(subject, { callback: () => void (got = true) });
  await operator.nc.flush();
  link.nc.publish(
    subject,
    JSON.stringify({ type: 'DECIDE', commandId: cid(), requestId: 'x', decision: 'APPROVE', reason: 'r', by: polCmdr }),
  );
  await link.nc.flush().catch(() => undefined);
  // The operator's flush is a round trip behind the publish: a message that passed is delivered by then.
  await operator.nc.flush();
  sub.unsubscribe();
  return got;
}

beforeAll(async () => {
  const config = join(dir, 'nats.conf');
  writeFileSync(
    config,
    natsAuthConfig([
      ...(['authority', 'gateway', 'interceptor', 'deconfliction', 'detector'] as const).map((user) => ({
        user,
        password: password(user),
        permissions: SERVICE_PERMISSIONS[user],
      })),
      ...['POL', 'UKR'].map((n) => ({
        user: interceptorAgentUser(n),
        password: password(interceptorAgentUser(n)),
        permissions: interceptorAgentPermissions(n),
      })),
      {
        user: fusionCentreUser('POL'),
        password: password(fusionCentreUser('POL')),
        permissions: fusionCentrePermissions('POL'),
      },
      { user: 'operator', password: password('operator'), permissions: OPERATOR_PERMISSIONS },
    ]),
  );
  server = await startNatsServer({ args: ['-c', config] });
  const authorityLink = await as('authority');
  service = await startAuthority({
    link: authorityLink,
    audit: chain.sink,
    reference: { volumes: () => volumes, effectors: () => effectors },
  });
  gateway = await as('gateway');
  polAgent = await as(interceptorAgentUser('POL'));
  ukrAgent = await as(interceptorAgentUser('UKR'));
  polFusion = await as(fusionCentreUser('POL'));
  await publishTarget('HOSTILE');
  // A new command id each try: an early TARGET_NOT_TRACKED is a final answer to its command.
  const first = open('eng-1');
  await vi.waitFor(async () => ok(await fromAgent(polAgent.nc, 'POL', { ...first, commandId: cid() })), WAIT);
});

afterAll(async () => {
  await service?.stop();
  for (const l of links) await l.nc.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('trust on the message bus: the authority', () => {
  it('hears a decision only from the gateway: an agent credential cannot publish one, nor can the interceptor service', async () => {
    expect(await reaches(polAgent, subjects.authorityFromGateway)).toBe(false);
    expect(await reaches(await as('interceptor'), subjects.authorityFromGateway)).toBe(false);
    expect(await reaches(gateway, subjects.authorityFromGateway)).toBe(true);
    // Nothing was decided in the commander's name.
    expect((await service.requests()).find((r) => r.id === 'eng-1')).toMatchObject({ state: 'PENDING', decisions: [] });
    expect(chain.records.filter((r) => r.action.startsWith('DECISION'))).toEqual([]);
  });

  it('lets an agent speak only for its own nation', async () => {
    expect(await reaches(polAgent, subjects.authorityFromAgents('UKR'))).toBe(false);
    expect(await reaches(polAgent, subjects.authorityFromAgents('POL'))).toBe(true);
    expect(await reaches(await as('interceptor'), subjects.authorityFromAgents('POL'))).toBe(false);
  });

  it('takes no decision or standing authority from an agent subject: those are not agent commands', async () => {
    const decide = {
      type: 'DECIDE',
      commandId: cid(),
      requestId: 'eng-1',
      decision: 'APPROVE',
      reason: 'self-approval',
      by: polCmdr,
    };
    const standing = { type: 'SET_STANDING', commandId: cid(), authority: {}, by: polCmdr };
    for (const forged of [decide, standing]) {
      const reply = (
        await polAgent.nc.request(subjects.authorityFromAgents('POL'), JSON.stringify(forged), { timeout: 5000 })
      ).json<{ ok: boolean; rule: string }>();
      expect(reply).toMatchObject({ ok: false, rule: 'INVALID' });
    }
    expect((await service.requests()).find((r) => r.id === 'eng-1')).toMatchObject({ state: 'PENDING', decisions: [] });
  });

  it('establishes the facts of an engagement itself and refuses false claims', async () => {
    await publishTarget('SUSPECT');
    // Claiming HOSTILE to pass WEAPONS TIGHT:
    expect(await fromAgent(polAgent.nc, 'POL', open('eng-hostile-claim', { identity: 'HOSTILE' }))).toMatchObject({
      ok: false,
      rule: 'CLAIM_MISMATCH',
      message: expect.stringMatching(/target identity HOSTILE \(POL's picture: SUSPECT\)/),
    });
    // Told the truth, the rule refuses:
    expect(await fromAgent(polAgent.nc, 'POL', open('eng-suspect', { identity: 'SUSPECT' }))).toMatchObject({
      ok: false,
      rule: 'WCS_TIGHT_NOT_HOSTILE',
    });
    await publishTarget('HOSTILE');
    // Claiming its own sector for an intercept point in UKR's, to skip UKR's commander:
    expect(await fromAgent(polAgent.nc, 'POL', open('eng-own-sector', { lon: 23.2 }))).toMatchObject({
      ok: false,
      rule: 'CLAIM_MISMATCH',
      message: expect.stringMatching(/lies in ukr-west \(UKR\)/),
    });
    // A danger radius of a millimetre, to switch the friendlies check off:
    expect(await fromAgent(polAgent.nc, 'POL', open('eng-tiny-radius', { dangerRadiusM: 0.001 }))).toMatchObject({
      ok: false,
      rule: 'CLAIM_MISMATCH',
      message: expect.stringMatching(/danger radius 0\.001 m \(reference: 300 m\)/),
    });
    // Another nation's effector:
    expect(await fromAgent(polAgent.nc, 'POL', open('eng-ukr-gun', { effectorId: 'ukr-gun-1' }))).toMatchObject({
      ok: false,
      rule: 'UNKNOWN_EFFECTOR',
    });
    // The truth about UKR's sector: both nations must concur.
    expect(
      ok(
        await fromAgent(
          polAgent.nc,
          'POL',
          open('eng-two-nation', { lon: 23.2, sectorId: 'ukr-west', sectorNation: 'UKR' }),
        ),
      ).requiredApprovals,
    ).toEqual([
      { nation: 'POL', count: 1 },
      { nation: 'UKR', count: 1 },
    ]);
  });

  it('names every flag the detector raised on the target, whichever the agent left out', async () => {
    await publishTarget('HOSTILE');
    const jump = await raiseFlag('POSITION_JUMP', 'moved 10.2 km in 2 s (limit 2.2 km)');
    // A lying agent names another flag and leaves the spoofing out.
    const claimed = { ...jump, kind: 'POSSIBLE_JAMMING', anomaly: 'IMPOSSIBLE_ACCELERATION', detail: '40 g' } as const;
    const request = await openOnceFlagged('eng-unnamed-flag', 'POSITION_JUMP', [claimed]);
    // Both: what the agent named, and the flag it left out (raised at the same time: by name).
    expect(request.targetWarnings).toEqual([claimed, jump]);
    // A warned request waits for a commander: never approved by standing authority or ON_THE_LOOP.
    expect(request.state).toBe('PENDING');
    await clearFlag('POSITION_JUMP');
  });

  it('does not launch an approved request whose target was flagged after the decision', async () => {
    await publishTarget('HOSTILE');
    const approved = ok(await fromAgent(polAgent.nc, 'POL', open('eng-flag-after')));
    expect(approved.targetWarnings.map((w) => w.anomaly)).not.toContain('FROZEN_POSITION');
    ok(
      await fromGateway(gateway.nc, {
        type: 'DECIDE',
        commandId: cid(),
        requestId: 'eng-flag-after',
        decision: 'APPROVE',
        reason: 'r',
        by: polCmdr,
      }),
    );
    // The detector flags the target; a lying agent launches anyway.
    await raiseFlag('FROZEN_POSITION', 'same position for 60 s at 52 m/s');
    await withdraw(await openOnceFlagged('eng-probe-frozen', 'FROZEN_POSITION'));
    const launch = () =>
      fromAgent(polAgent.nc, 'POL', { type: 'LAUNCH', commandId: cid(), requestId: 'eng-flag-after' });
    expect(await launch()).toMatchObject({
      ok: false,
      rule: 'SITUATION_CHANGED',
      message: expect.stringMatching(
        /flagged after this request was decided: Possible GNSS spoofing .*FROZEN_POSITION/,
      ),
    });
    expect((await service.requests()).find((r) => r.id === 'eng-flag-after')).toMatchObject({ state: 'APPROVED' });
    // Once the flag clears, the decision stands: the launch goes ahead.
    await clearFlag('FROZEN_POSITION');
    await vi.waitFor(async () => expect(ok(await launch()).engagementState).toBe('EXECUTING'), WAIT);
  });

  it("offers and launches no stale target: older than its coast time on its feed's clock", async () => {
    await publishTarget('HOSTILE');
    const approved = ok(await fromAgent(polAgent.nc, 'POL', open('eng-goes-stale')));
    ok(
      await fromGateway(gateway.nc, {
        type: 'DECIDE',
        commandId: cid(),
        requestId: 'eng-goes-stale',
        decision: 'APPROVE',
        reason: 'r',
        by: polCmdr,
      }),
    );
    expect(approved.targetWarnings).toEqual([]);
    // POL's feed goes on reporting another track; POL-owa-01's latest report is 20 s old (coast: 10 s).
    const now = Date.now();
    const batch = trackBatch('POL', 'POL-owa-01', 'HOSTILE', now - 20_000);
    batch.upserts.push(trackBatch('POL', 'POL-other-01', 'UNKNOWN', now).upserts[0]!);
    polFusion.nc.publish(subjects.trackBatch('POL'), JSON.stringify(batch));
    await polFusion.nc.flush();
    // A lying agent asks to engage it: refused (waiting for the authority's picture, never for a time).
    const stale = /Target POL-owa-01 is stale: its latest report is older than its coast time/;
    await vi.waitFor(
      async () =>
        expect(await fromAgent(polAgent.nc, 'POL', open(`eng-stale-${cid()}`))).toMatchObject({
          ok: false,
          rule: 'TARGET_NOT_TRACKED',
          message: expect.stringMatching(stale),
        }),
      WAIT,
    );
    // ...and launches the approved one anyway: held, still approved.
    const launch = () =>
      fromAgent(polAgent.nc, 'POL', { type: 'LAUNCH', commandId: cid(), requestId: 'eng-goes-stale' });
    expect(await launch()).toMatchObject({
      ok: false,
      rule: 'SITUATION_CHANGED',
      message: expect.stringMatching(stale),
    });
    expect((await service.requests()).find((r) => r.id === 'eng-goes-stale')).toMatchObject({ state: 'APPROVED' });
    // Reported again, it is a target again: the decision stands and the launch goes ahead.
    await publishTarget('HOSTILE');
    await vi.waitFor(async () => expect(ok(await launch()).engagementState).toBe('EXECUTING'), WAIT);
  });

  it('refuses a request that a nation which must concur may not see (it could only expire)', async () => {
    // POL's own national track, in UKR's sector: UKR's commander must concur but may not see it.
    const national = trackBatch('POL', 'POL-secret-01', 'HOSTILE', Date.now(), { label: label('POL', [], 'SECRET') });
    polFusion.nc.publish(subjects.trackBatch('POL'), JSON.stringify(national));
    await polFusion.nc.flush();
    const cmd = open('eng-national', { lon: 23.2, sectorId: 'ukr-west', sectorNation: 'UKR' });
    if (cmd.type === 'OPEN') {
      cmd.request.engagement!.targetTrackId = 'POL-secret-01';
      cmd.request.label = label('POL', [], 'SECRET');
    }
    await vi.waitFor(
      async () =>
        expect(await fromAgent(polAgent.nc, 'POL', { ...cmd, commandId: cid() })).toMatchObject({
          ok: false,
          rule: 'NOT_RELEASABLE_TO_APPROVERS',
          message: expect.stringMatching(/Commanders of UKR must concur/),
        }),
      WAIT,
    );
    // Labelling it wider than its target is no way round: the request may not reveal the track.
    if (cmd.type === 'OPEN') cmd.request.label = label('POL', ['UKR'], 'SECRET');
    expect(await fromAgent(polAgent.nc, 'POL', { ...cmd, commandId: cid() })).toMatchObject({
      ok: false,
      rule: 'INVALID',
    });
  });

  it("appends to the audit chain for another service only in that service's name (or a person it vouches for)", async () => {
    const deconfliction = await as('deconfliction');
    const append = async (actor: AuditAppendRequest['actor'], requestId = cid()) =>
      AuditAppendReply.parse(
        (
          await deconfliction.nc.request(
            subjects.auditAppend('deconfliction'),
            JSON.stringify({
              actor,
              action: 'RESERVATION_CREATED',
              subject: 'POL/roz-1',
              details: { version: 1 },
              requestId,
            } satisfies AuditAppendRequest),
            { timeout: 5000 },
          )
        ).json(),
      );
    const first = await append({ kind: 'USER', id: 'pol-liaison', nation: 'POL' }, 'append-once-1');
    expect(first).toMatchObject({ ok: true });
    // Asked again (a lost reply): appended once.
    expect(await append({ kind: 'USER', id: 'pol-liaison', nation: 'POL' }, 'append-once-1')).toEqual(first);
    expect(chain.records.filter((r) => r.subject === 'POL/roz-1')).toHaveLength(1);
    expect(chain.records.find((r) => r.subject === 'POL/roz-1')?.details.recordedFor).toBe('deconfliction');
    expect(await append({ kind: 'SERVICE', id: 'authority', nation: null })).toMatchObject({
      ok: false,
      rule: 'WRONG_ACTOR',
    });
    // Nobody else may ask in the deconfliction service's name, nor in the authority's.
    expect(await reaches(polAgent, subjects.auditAppend('deconfliction'))).toBe(false);
    expect(await reaches(gateway, subjects.auditAppend('deconfliction'))).toBe(false);
    expect(await reaches(deconfliction, subjects.auditAppend('authority'))).toBe(false);
    expect(chain.verify().ok).toBe(true);
  });

  it("lets an agent act only on its own nation's requests", async () => {
    for (const type of ['WITHDRAW', 'LAUNCH'] as const) {
      expect(await fromAgent(ukrAgent.nc, 'UKR', { type, commandId: cid(), requestId: 'eng-1' })).toMatchObject({
        ok: false,
        rule: 'NOT_YOUR_REQUEST',
      });
    }
    expect(
      await fromAgent(ukrAgent.nc, 'UKR', {
        type: 'COMPLETE',
        commandId: cid(),
        requestId: 'eng-1',
        outcome: 'DESTROYED',
      }),
    ).toMatchObject({ ok: false, rule: 'NOT_YOUR_REQUEST' });
    // A decision through the gateway is the only way it moves on.
    expect(
      ok(
        await fromGateway(gateway.nc, {
          type: 'DECIDE',
          commandId: cid(),
          requestId: 'eng-1',
          decision: 'APPROVE',
          reason: 'clear',
          by: polCmdr,
        }),
      ).state,
    ).toBe('APPROVED');
  });
});
