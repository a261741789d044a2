import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Kvm } from '@nats-io/kv';
import {
  AuthorityReply,
  dangerRadiusOf,
  REFERENCE_BUCKET,
  referenceKeys,
  subjects,
  type AgentCommand,
  type DetectionBatch,
  type EffectorRef,
  type Track,
} from '@tessera/schema';
import {
  AirspaceDocument,
  AuditLogDocument,
  CommandSettingsDocument,
  RequestAutonomyChangeDocument,
  RevokeStandingAuthorityDocument,
  SetStandingAuthorityDocument,
  AuthorizationRequestUpdatesDocument,
  AuthorizationRequestsDocument,
  DecideRequestDocument,
  RequestWcsChangeDocument,
  type DecideRequestMutationVariables,
} from '@tessera/schema/operations';
import { createLogger, systemClock } from '@tessera/service-kit';
import { effector as effectorOf, sector as sectorOf, sharedLabel } from '@tessera/service-kit/fixtures';
import type { AuthorityService } from '@tessera/authority/service';
import { openAuditLog } from '@tessera/authority/audit';
import { startAuthority, testAuditKeys } from '@tessera/authority/test-support';
import { detection, standingInput, trackBatch } from './fixtures.ts';
import {
  dataOf,
  firstOf,
  gql,
  loginToken,
  loginTokens,
  startTestStack,
  subscription,
  WAIT,
  type TestGateway,
  type TestStack,
} from './helpers.ts';

let stack: TestStack;
let gw: TestGateway;
let authority: AuthorityService;

/** POL's sector, WEAPONS TIGHT, releasable to UKR and LTU. */
const sector = sectorOf(
  'pol-south',
  'POL',
  [
    [49.5, 21.5],
    [50.5, 21.5],
    [50.5, 23],
  ],
  { name: 'POL South', ceilingM: 20_000 },
);

/** `token`'s holder decides on request `id` through the gateway. */
const decide = (token: string, id: string, decision: DecideRequestMutationVariables['decision'], reason: string) =>
  gql(gw.url, DecideRequestDocument, { id, decision, reason }, token);

/** The ids of the requests `token`'s holder may see, as the gateway mirrors the authority's bucket. */
const requestIds = async (token: string) =>
  (await gql(gw.url, AuthorizationRequestsDocument, {}, token)).data?.authorizationRequests.map((r) => r.id);

/** The audit trail about `subject` as `token`'s holder sees it, once it has at least `count` records (newest first). */
const auditTrail = (token: string, subject: string, count: number) =>
  vi.waitFor(async () => {
    const records = (await gql(gw.url, AuditLogDocument, { subject }, token)).data!.auditLog;
    expect(records.length, `audit records about ${subject}`).toBeGreaterThanOrEqual(count);
    return records;
  }, WAIT);

let commands = 0;
/** What the POL interceptor agent sends: an engagement request, releasable to UKR (not LTU). */
function engagement(id: string, effectorId = 'pol-interceptor-1'): AgentCommand {
  const effector = effectors.find((e) => e.id === effectorId)!;
  return {
    type: 'OPEN',
    commandId: `open-${id}-${++commands}`, // a refused try is a final answer to its command id: a new one per try
    request: {
      id,
      kind: 'ENGAGEMENT',
      label: { policy: 'NATO', classification: 'SECRET', originator: 'POL', releasableTo: ['UKR'] },
      engagement: {
        effectorId,
        effectorClass: effector.kind,
        targetTrackId: 'UKR-owa-01',
        targetIdentity: 'HOSTILE',
        targetKind: 'UAS',
        confidence: 0.92,
        interceptPoint: { lat: 50.1, lon: 22.1, altM: 150 },
        interceptAt: new Date(Date.now() + 40_000).toISOString(),
        dangerRadiusM: dangerRadiusOf(effector),
        sectorId: 'pol-south',
        sectorNation: 'POL',
        reason: `${effectorId}: Pk 0.80, intercept in 40 s`,
      },
      jamming: null,
    },
  };
}
const openAsAgent = async (cmd: AgentCommand) =>
  AuthorityReply.parse(
    (await gw.nats.nc.request(subjects.authorityFromAgents('POL'), JSON.stringify(cmd), { timeout: 5000 })).json(),
  );

/** POL's interceptor drone, SAM and gun side by side (30 km, 80 m/s, Pk 0.8), releasable to UKR and LTU. */
const effectors: EffectorRef[] = (['INTERCEPTOR_DRONE', 'SAM', 'GUN'] as const).map((kind, i) =>
  effectorOf(['pol-interceptor-1', 'pol-sam-1', 'pol-gun-1'][i]!, 'POL', kind, {
    position: { lat: 50.05, lon: 22.0 },
    rangeKm: 30,
    speedMps: 80,
    label: sharedLabel('POL'),
  }),
);

/** UKR's hostile drone, releasable to POL, and the detector's 92 % confidence in it: the authority's own picture. */
function publishTarget() {
  const at = new Date().toISOString();
  const label = { policy: 'NATO', classification: 'RESTRICTED' as const, originator: 'UKR', releasableTo: ['POL'] };
  const track: Track = {
    id: 'UKR-owa-01',
    label,
    provenance: { nation: 'UKR', system: 'UKR-FUSION', sourceId: 'r1', observedAt: at, publishedAt: at },
    kind: 'UAS',
    identity: 'HOSTILE',
    assessments: [{ nation: 'UKR', identity: 'HOSTILE' }],
    position: { lat: 50.12, lon: 22.15, altM: 150 },
    velocity: { speedMps: 50, courseDeg: 225, climbMps: 0 },
    quality: 0.9,
    updatedAt: at,
    staleAt: new Date(Date.now() + 10_000).toISOString(),
    fieldLabels: [],
  };
  gw.nats.nc.publish(
    subjects.trackBatch('UKR'),
    JSON.stringify(trackBatch('UKR', { publishedAt: at, upserts: [track] })),
  );
  const assessed = detection('UKR-owa-01', {
    label,
    classProbabilities: [
      { kind: 'UAS', probability: 0.92 },
      { kind: 'ROTARY', probability: 0.08 },
    ],
    confidence: 0.92,
  });
  gw.nats.nc.publish(
    subjects.detections('UKR'),
    JSON.stringify({ seq: 1, publishedAt: at, upserts: [assessed], removals: [] } satisfies DetectionBatch),
  );
}

beforeAll(async () => {
  stack = await startTestStack();
  gw = stack.gw;
  const kv = await new Kvm(gw.nats.nc).create(REFERENCE_BUCKET, { history: 1 });
  await kv.put(referenceKeys.volume('POL', 'pol-south'), JSON.stringify(sector));
  const logger = createLogger('authority-test', 'silent');
  authority = await startAuthority({
    link: gw.nats,
    clock: systemClock,
    logger,
    audit: await openAuditLog({ nc: gw.nats.nc, keys: testAuditKeys().keys, logger }),
    reference: { volumes: () => [sector], effectors: () => effectors },
    trackTimeoutMs: 600_000,
  });
  publishTarget();
  // The authority takes the request once its picture has the target: ask until it does.
  const reply = await vi.waitFor(async () => {
    const r = await openAsAgent(engagement('eng-gw-1'));
    expect(r, 'the authority to know the target').toMatchObject({ ok: true });
    return r;
  }, WAIT);
  expect(reply.ok).toBe(true);
});

afterAll(async () => {
  await authority?.stop();
  await stack?.stop();
});

describe('authorization through the gateway', () => {
  it('shows a pending request to those who may see it, with who must decide', async () => {
    const [polWatch, polCmdr, ltu] = await loginTokens(gw.url, ['pol-watch', 'pol-cmdr', 'ltu-watch']);
    const forCmdr = await firstOf(
      'the request',
      async () => (await gql(gw.url, AuthorizationRequestsDocument, {}, polCmdr)).data!.authorizationRequests,
    );
    expect(forCmdr).toMatchObject({
      id: 'eng-gw-1',
      state: 'PENDING',
      awaitingYou: true,
      requiredApprovals: [{ nation: 'POL', count: 1 }],
    });
    expect(forCmdr.engagement?.reason).toContain('Pk 0.80');
    // The checks the authority made are shown to the deciders.
    expect(forCmdr.checks.map((c) => [c.check, c.ok])).toEqual([
      ['WCS', true],
      ['Target', true],
      ['Friendlies', true],
      ['No-fire areas', true],
      ['Concurrence', true],
    ]);
    expect(
      (await gql(gw.url, AuthorizationRequestsDocument, {}, polWatch)).data!.authorizationRequests[0]!.awaitingYou,
    ).toBe(false);
    expect((await gql(gw.url, AuthorizationRequestsDocument, {}, ltu)).data!.authorizationRequests).toEqual([]);
  });

  it('refuses a watch officer before anything reaches the authority, hides the request from a nation it is not releasable to', async () => {
    const [polWatch, ltuCmdr, cmdr] = await loginTokens(gw.url, ['pol-watch', 'ltu-cmdr', 'pol-cmdr']);
    const byWatch = await decide(polWatch, 'eng-gw-1', 'APPROVE', 'looks hostile');
    expect(byWatch.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await decide(ltuCmdr, 'eng-gw-1', 'APPROVE', 'x')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await decide(cmdr, 'eng-gw-1', 'APPROVE', '  ')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a commander approves; a partner who may see it follows the change live', async () => {
    const ukr = await loginToken(gw.url, 'ukr-watch');
    const updates = subscription(gw.wsUrl, ukr, AuthorizationRequestUpdatesDocument);
    const seen = () => updates.results.map((r) => r.authorizationRequestUpdates);
    await expect.poll(() => seen().length, WAIT).toBeGreaterThan(0);
    expect(seen()[0]!.upserts.map((r) => r.id)).toEqual(['eng-gw-1']);

    const cmdr = await loginToken(gw.url, 'pol-cmdr');
    const approved = dataOf(await decide(cmdr, 'eng-gw-1', 'APPROVE', 'hostile drone, no friendlies near'));
    expect(approved.decideRequest).toMatchObject({
      state: 'APPROVED',
      engagementState: 'AUTHORIZED',
      awaitingYou: false,
    });
    expect(approved.decideRequest.decisions).toMatchObject([
      { decision: 'APPROVE', by: { username: 'pol-cmdr', nation: 'POL' }, reason: 'hostile drone, no friendlies near' },
    ]);
    await expect
      .poll(() => seen().some((b) => b.upserts.some((r) => r.id === 'eng-gw-1' && r.state === 'APPROVED')), WAIT)
      .toBe(true);
    const again = await decide(cmdr, 'eng-gw-1', 'DENY', 'changed my mind');
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'REFUSED', rule: 'NOT_PENDING' });
    await updates.dispose();
  });

  it('shows commanders the signed audit trail of what they may see, newest first; watch officers are refused', async () => {
    const [cmdr, ukrCmdr, polWatch] = await loginTokens(gw.url, ['pol-cmdr', 'ukr-cmdr', 'pol-watch']);
    const trail = await auditTrail(cmdr, 'eng-gw-1', 3);
    const inOrder = [...trail].reverse();
    // The watch officer's attempt never reached the authority: no record of it.
    expect(inOrder.map((r) => r.action)).toEqual(['REQUEST_OPENED', 'DECISION_APPROVE', 'REFUSED']);
    expect(JSON.parse(inOrder[2]!.details)).toMatchObject({ rule: 'NOT_PENDING' });
    expect(inOrder[1]!.actor).toEqual({ kind: 'USER', id: 'pol-cmdr', nation: 'POL' });
    expect(inOrder.every((r, i) => i === 0 || r.seq > inOrder[i - 1]!.seq)).toBe(true);
    // UKR may see the request (releasable to UKR), so also its trail.
    expect((await gql(gw.url, AuditLogDocument, { subject: 'eng-gw-1' }, ukrCmdr)).data!.auditLog).toHaveLength(
      trail.length,
    );
    expect((await gql(gw.url, AuditLogDocument, {}, polWatch)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('WCS FREE needs two distinct commanders of the sector nation, then the airspace shows it', async () => {
    const [cmdr, deputy, ukrCmdr] = await loginTokens(gw.url, ['pol-cmdr', 'pol-deputy-cmdr', 'ukr-cmdr']);
    const free = { sectorId: 'pol-south', to: 'FREE', reason: 'saturation raid' } as const;
    expect((await gql(gw.url, RequestWcsChangeDocument, free, ukrCmdr)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const request = dataOf(await gql(gw.url, RequestWcsChangeDocument, free, cmdr)).requestWcsChange;
    expect(request).toMatchObject({
      kind: 'WCS_CHANGE',
      state: 'PENDING',
      requiredApprovals: [{ nation: 'POL', count: 2 }],
      wcsChange: { from: 'TIGHT', to: 'FREE' },
    });
    await expect.poll(() => requestIds(cmdr), WAIT).toContain(request.id);
    expect(dataOf(await decide(cmdr, request.id, 'APPROVE', 'agreed')).decideRequest.state).toBe('PENDING');
    expect((await decide(cmdr, request.id, 'APPROVE', 'agreed twice')).errors?.[0]?.extensions).toMatchObject({
      code: 'REFUSED',
      rule: 'ALREADY_DECIDED',
    });
    expect(dataOf(await decide(deputy, request.id, 'APPROVE', 'concur')).decideRequest.state).toBe('APPROVED');
    await expect
      .poll(
        async () =>
          (await gql(gw.url, AirspaceDocument, {}, cmdr)).data?.airspace.find((x) => x.id === 'pol-south')?.wcs,
        WAIT,
      )
      .toBe('FREE');
  });

  it('autonomy: ON_THE_LOOP once approved, then a confident engagement proceeds after its veto window unless vetoed', async () => {
    const [cmdr, deputy] = await loginTokens(gw.url, ['pol-cmdr', 'pol-deputy-cmdr']);
    const { id } = dataOf(
      await gql(
        gw.url,
        RequestAutonomyChangeDocument,
        { effectorClass: 'INTERCEPTOR_DRONE', to: 'ON_THE_LOOP', reason: 'saturation raid' },
        cmdr,
      ),
    ).requestAutonomyChange;
    await expect.poll(() => requestIds(deputy), WAIT).toContain(id);
    expect(dataOf(await decide(deputy, id, 'APPROVE', 'agreed')).decideRequest.state).toBe('APPROVED');
    await expect
      .poll(
        async () =>
          (await gql(gw.url, CommandSettingsDocument, {}, cmdr)).data?.autonomy.find(
            (a) => a.effectorClass === 'INTERCEPTOR_DRONE',
          )?.mode,
        WAIT,
      )
      .toBe('ON_THE_LOOP');
    const reply = await openAsAgent(engagement('eng-gw-2'));
    expect(reply.ok && reply.request.state).toBe('PENDING_VETO');
    await expect.poll(() => requestIds(cmdr), WAIT).toContain('eng-gw-2');
    expect(dataOf(await decide(cmdr, 'eng-gw-2', 'VETO', 'civil helicopter nearby')).decideRequest.state).toBe(
      'VETOED',
    );
  });

  it('standing authority approves a covered engagement at once, on record; revoked, it no longer does', async () => {
    const cmdr = await loginToken(gw.url, 'pol-cmdr');
    const now = Date.now();
    const input = standingInput(now);
    expect(
      (await gql(gw.url, SetStandingAuthorityDocument, { input: { ...input, identities: ['NEUTRAL' as const] } }, cmdr))
        .errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (
        await gql(
          gw.url,
          SetStandingAuthorityDocument,
          { input: { ...input, expiresAt: new Date(now + 48 * 3_600_000).toISOString() } },
          cmdr,
        )
      ).errors?.[0]?.extensions,
    ).toMatchObject({ code: 'REFUSED', rule: 'STANDING_AUTHORITY_BOUNDS' });
    const set = dataOf(await gql(gw.url, SetStandingAuthorityDocument, { input }, cmdr));
    expect(set.setStandingAuthority).toMatchObject({
      id: 'sa-south',
      grantedBy: { username: 'pol-cmdr' },
      revokedAt: null,
    });
    // The interceptor's next request (confidence 0.92, in the zone, a hostile UAS) needs nobody now.
    const covered = await openAsAgent(engagement('eng-gw-3', 'pol-sam-1'));
    expect(covered.ok && covered.request.state).toBe('PENDING'); // SAM is not covered
    const low = await openAsAgent(engagement('eng-gw-4', 'pol-gun-1'));
    expect(low.ok && low.request.state).toBe('PENDING'); // nor a gun
    const yes = await openAsAgent(engagement('eng-gw-5'));
    expect(yes.ok && yes.request).toMatchObject({
      state: 'APPROVED',
      engagementState: 'AUTHORIZED',
      decisions: [{ by: { username: 'pol-cmdr' }, standingAuthorityId: 'sa-south' }],
    });
    expect(
      (await gql(gw.url, RevokeStandingAuthorityDocument, { id: 'sa-south' }, cmdr)).data!.revokeStandingAuthority
        .revokedAt,
    ).not.toBeNull();
    const after = await openAsAgent(engagement('eng-gw-6'));
    // Back to the ordinary rules: interceptor drones are ON_THE_LOOP since the test before, so a veto window, no approval.
    expect(after.ok && after.request).toMatchObject({ state: 'PENDING_VETO', decisions: [] });
    const trail = await auditTrail(cmdr, 'POL/standing/sa-south', 3);
    expect(trail.map((r) => r.action).reverse()).toEqual([
      'REFUSED',
      'STANDING_AUTHORITY_SET',
      'STANDING_AUTHORITY_REVOKED',
    ]);
  });

  it('a target flagged as possibly spoofed: the warning reaches those who may see the request, and it waits for a commander', async () => {
    const [cmdr, ukr, ltu] = await loginTokens(gw.url, ['pol-cmdr', 'ukr-watch', 'ltu-watch']);
    const warning = {
      kind: 'POSSIBLE_GNSS_SPOOFING' as const,
      anomaly: 'POSITION_JUMP' as const,
      detail: 'moved 10.2 km in 2 s (limit 2.2 km)',
      since: new Date().toISOString(),
    };
    const cmd = engagement('eng-gw-7');
    if (cmd.type !== 'OPEN' || !cmd.request.engagement) throw new Error('an OPEN engagement');
    cmd.request.targetWarnings = [warning];
    cmd.request.engagement.reason = `WARNING: Possible GNSS spoofing — position may be false (POSITION_JUMP). ${cmd.request.engagement.reason}`;
    const opened = await openAsAgent(cmd);
    // Interceptor drones are ON_THE_LOOP since the test before: a flagged target still waits for a commander.
    expect(opened.ok && opened.request).toMatchObject({ state: 'PENDING', vetoUntil: null, targetWarnings: [warning] });
    const seenBy = async (token: string) =>
      (await gql(gw.url, AuthorizationRequestsDocument, {}, token)).data!.authorizationRequests.find(
        (r) => r.id === 'eng-gw-7',
      );
    const forCmdr = await vi.waitFor(async () => {
      const r = await seenBy(cmdr);
      expect(r, 'the flagged request').toBeDefined();
      return r!;
    }, WAIT);
    expect(forCmdr).toMatchObject({ state: 'PENDING', awaitingYou: true, targetWarnings: [warning] });
    expect(forCmdr.engagement!.reason).toMatch(/^WARNING: Possible GNSS spoofing — position may be false/);
    // Part of the request, under its label: a partner who may see it sees the warning, one who may not sees neither.
    expect((await seenBy(ukr))?.targetWarnings).toEqual([warning]);
    expect(await seenBy(ltu)).toBeUndefined();
  });
});
