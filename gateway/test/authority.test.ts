import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import { print } from 'graphql';
import WebSocket from 'ws';
import { Kvm } from '@nats-io/kv';
import { AuthorityReply, dangerRadiusOf, REFERENCE_BUCKET, referenceKeys, subjects, type AgentCommand, type AirspaceVolume, type Detection, type DetectionBatch, type EffectorRef, type Track, type TrackBatch } from '@tessera/schema';
import { AirspaceDocument, AuditLogDocument, CommandSettingsDocument, RequestAutonomyChangeDocument, RevokeStandingAuthorityDocument, SetStandingAuthorityDocument, AuthorizationRequestUpdatesDocument, AuthorizationRequestsDocument, DecideRequestDocument, RequestWcsChangeDocument, type AuthorizationRequestUpdatesSubscription } from '@tessera/schema/operations';
import { createLogger, createRejector, systemClock } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { createAuthorityService, type AuthorityService } from '@tessera/authority/service';
import { DEFAULT_POLICY } from '@tessera/authority/rules';
import { openAuditLog } from '@tessera/authority/audit';
import { generateAuditKeys, privateKeyFromPem, publicKeyFromPem } from '@tessera/service-kit/audit';
import { gql, loginToken, startTestGateway, type TestGateway } from './helpers.ts';

let server: NatsServer;
let gw: TestGateway;
let authority: AuthorityService;

const sector: AirspaceVolume = {
  id: 'pol-south',
  name: 'POL South',
  kind: 'SECTOR',
  nation: 'POL',
  label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: ['UKR', 'LTU'] },
  floorM: 0,
  ceilingM: 20_000,
  wcs: 'TIGHT',
  version: 1,
  outline: [{ lat: 49.5, lon: 21.5 }, { lat: 50.5, lon: 21.5 }, { lat: 50.5, lon: 23 }],
};

async function eventually<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

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
const openAsAgent = async (cmd: AgentCommand) => AuthorityReply.parse((await gw.nats.nc.request(subjects.authorityFromAgents('POL'), JSON.stringify(cmd), { timeout: 5000 })).json());

const effectorLabel = { policy: 'NATO', classification: 'UNCLASSIFIED', originator: 'POL', releasableTo: ['UKR', 'LTU'] } as const;
const effectors: EffectorRef[] = (['INTERCEPTOR_DRONE', 'SAM', 'GUN'] as const).map((kind, i) => ({
  id: ['pol-interceptor-1', 'pol-sam-1', 'pol-gun-1'][i]!,
  nation: 'POL',
  kind,
  position: { lat: 50.05, lon: 22.0 },
  rangeKm: 30,
  speedMps: 80,
  probabilityOfKill: 0.8,
  label: { ...effectorLabel, releasableTo: [...effectorLabel.releasableTo] },
}));

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
  gw.nats.nc.publish(subjects.trackBatch('UKR'), JSON.stringify({ source: { nation: 'UKR', system: 'UKR-FUSION' }, seq: 1, publishedAt: at, upserts: [track], removals: [] } satisfies TrackBatch));
  const detection: Detection = {
    id: 'UKR-owa-01@threat-classifier',
    trackId: 'UKR-owa-01',
    label,
    fieldLabels: [],
    provenance: { nation: 'UKR', system: 'tessera-detector', sourceId: 'threat-classifier', observedAt: at, publishedAt: at, model: { name: 'threat-classifier', version: '1.0.0' }, inputs: { trackIds: ['UKR-owa-01'] } },
    classProbabilities: [{ kind: 'UAS', probability: 0.92 }, { kind: 'ROTARY', probability: 0.08 }],
    topClass: 'UAS',
    confidence: 0.92,
    reports: 8,
    explanation: [{ feature: 'speed', value: 50, unit: 'm/s', weight: 0.4 }],
    prediction: { method: 'KINEMATIC', horizonS: 600, path: [{ tS: 0, lat: 50.12, lon: 22.15, altM: 150 }, { tS: 10, lat: 50.11, lon: 22.14, altM: 150 }], impact: null },
    threat: null,
    assessedAt: at,
  };
  gw.nats.nc.publish(subjects.detections('UKR'), JSON.stringify({ seq: 1, publishedAt: at, upserts: [detection], removals: [] } satisfies DetectionBatch));
}

beforeAll(async () => {
  server = await startNatsServer();
  gw = await startTestGateway(server.url);
  const kv = await new Kvm(gw.nats.nc).create(REFERENCE_BUCKET, { history: 1 });
  await kv.put(referenceKeys.volume('POL', 'pol-south'), JSON.stringify(sector));
  const logger = createLogger('authority-test', 'silent');
  const pem = generateAuditKeys();
  authority = createAuthorityService({
    link: gw.nats,
    clock: systemClock,
    logger,
    rejector: createRejector({ nc: gw.nats.nc, service: 'authority', logger }),
    audit: await openAuditLog({ nc: gw.nats.nc, keys: { privateKey: privateKeyFromPem(pem.privateKeyPem), publicKey: publicKeyFromPem(pem.publicKeyPem) }, logger }),
    policy: DEFAULT_POLICY,
    reference: { volumes: () => [sector], effectors: () => effectors },
    pictureWarmupMs: 0,
    trackTimeoutMs: 600_000,
  });
  await authority.start();
  publishTarget();
  const reply = await eventually('the authority to know the target', async () => {
    const r = await openAsAgent(engagement('eng-gw-1'));
    return r.ok && r;
  });
  expect(reply.ok).toBe(true);
});

afterAll(async () => {
  await authority?.stop();
  await gw?.stop();
  await server?.stop();
});

describe('authorization through the gateway', () => {
  it('shows a pending request to those who may see it, with who must decide', async () => {
    const [polWatch, polCmdr, ltu] = await Promise.all(['pol-watch', 'pol-cmdr', 'ltu-watch'].map((u) => loginToken(gw.url, u)));
    const forCmdr = await eventually('the request', async () => (await gql(gw.url, AuthorizationRequestsDocument, {}, polCmdr)).data?.authorizationRequests[0]);
    expect(forCmdr).toMatchObject({ id: 'eng-gw-1', state: 'PENDING', awaitingYou: true, requiredApprovals: [{ nation: 'POL', count: 1 }] });
    expect(forCmdr.engagement?.reason).toContain('Pk 0.80');
    // The checks the authority made are shown to the deciders.
    expect(forCmdr.checks.map((c) => [c.check, c.ok])).toEqual([['WCS', true], ['Target', true], ['Friendlies', true], ['No-fire areas', true], ['Concurrence', true]]);
    expect((await gql(gw.url, AuthorizationRequestsDocument, {}, polWatch)).data!.authorizationRequests[0]!.awaitingYou).toBe(false);
    expect((await gql(gw.url, AuthorizationRequestsDocument, {}, ltu)).data!.authorizationRequests).toEqual([]);
  });

  it('refuses a watch officer before anything reaches the authority, hides the request from a nation it is not releasable to', async () => {
    const [polWatch, ltuCmdr, cmdr] = await Promise.all(['pol-watch', 'ltu-cmdr', 'pol-cmdr'].map((u) => loginToken(gw.url, u)));
    const byWatch = await gql(gw.url, DecideRequestDocument, { id: 'eng-gw-1', decision: 'APPROVE', reason: 'looks hostile' }, polWatch);
    expect(byWatch.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gql(gw.url, DecideRequestDocument, { id: 'eng-gw-1', decision: 'APPROVE', reason: 'x' }, ltuCmdr)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await gql(gw.url, DecideRequestDocument, { id: 'eng-gw-1', decision: 'APPROVE', reason: '  ' }, cmdr)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a commander approves; a partner who may see it follows the change live', async () => {
    const ukr = await loginToken(gw.url, 'ukr-watch');
    const seen: AuthorizationRequestUpdatesSubscription['authorizationRequestUpdates'][] = [];
    const client = createClient({ url: gw.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ukr}` } });
    client.subscribe<AuthorizationRequestUpdatesSubscription>({ query: print(AuthorizationRequestUpdatesDocument) }, { next: (r) => void (r.data && seen.push(r.data.authorizationRequestUpdates)), error: () => undefined, complete: () => undefined });
    await eventually('snapshot', async () => seen.length > 0);
    expect(seen[0]!.upserts.map((r) => r.id)).toEqual(['eng-gw-1']);

    const cmdr = await loginToken(gw.url, 'pol-cmdr');
    const approved = await gql(gw.url, DecideRequestDocument, { id: 'eng-gw-1', decision: 'APPROVE', reason: 'hostile drone, no friendlies near' }, cmdr);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.decideRequest).toMatchObject({ state: 'APPROVED', engagementState: 'AUTHORIZED', awaitingYou: false });
    expect(approved.data!.decideRequest.decisions).toMatchObject([{ decision: 'APPROVE', by: { username: 'pol-cmdr', nation: 'POL' }, reason: 'hostile drone, no friendlies near' }]);
    await eventually('UKR sees the approval', async () => seen.some((b) => b.upserts.some((r) => r.id === 'eng-gw-1' && r.state === 'APPROVED')));
    const again = await gql(gw.url, DecideRequestDocument, { id: 'eng-gw-1', decision: 'DENY', reason: 'changed my mind' }, cmdr);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'REFUSED', rule: 'NOT_PENDING' });
    await client.dispose();
  });

  it('shows commanders the signed audit trail of what they may see, newest first; watch officers are refused', async () => {
    const [cmdr, ukrCmdr, polWatch] = await Promise.all(['pol-cmdr', 'ukr-cmdr', 'pol-watch'].map((u) => loginToken(gw.url, u)));
    const trail = await eventually('the audit trail', async () => {
      const records = (await gql(gw.url, AuditLogDocument, { subject: 'eng-gw-1' }, cmdr)).data?.auditLog;
      return records && records.length >= 3 && records;
    });
    const inOrder = [...trail].reverse();
    // The watch officer's attempt never reached the authority: no record of it.
    expect(inOrder.map((r) => r.action)).toEqual(['REQUEST_OPENED', 'DECISION_APPROVE', 'REFUSED']);
    expect(JSON.parse(inOrder[2]!.details)).toMatchObject({ rule: 'NOT_PENDING' });
    expect(inOrder[1]!.actor).toEqual({ kind: 'USER', id: 'pol-cmdr', nation: 'POL' });
    expect(inOrder.every((r, i) => i === 0 || r.seq > inOrder[i - 1]!.seq)).toBe(true);
    // UKR may see the request (releasable to UKR), so also its trail.
    expect((await gql(gw.url, AuditLogDocument, { subject: 'eng-gw-1' }, ukrCmdr)).data!.auditLog).toHaveLength(trail.length);
    expect((await gql(gw.url, AuditLogDocument, {}, polWatch)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('WCS FREE needs two distinct commanders of the sector nation, then the airspace shows it', async () => {
    const [cmdr, deputy, ukrCmdr] = await Promise.all(['pol-cmdr', 'pol-deputy-cmdr', 'ukr-cmdr'].map((u) => loginToken(gw.url, u)));
    expect((await gql(gw.url, RequestWcsChangeDocument, { sectorId: 'pol-south', to: 'FREE', reason: 'saturation raid' }, ukrCmdr)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const opened = await gql(gw.url, RequestWcsChangeDocument, { sectorId: 'pol-south', to: 'FREE', reason: 'saturation raid' }, cmdr);
    expect(opened.errors).toBeUndefined();
    const request = opened.data!.requestWcsChange;
    expect(request).toMatchObject({ kind: 'WCS_CHANGE', state: 'PENDING', requiredApprovals: [{ nation: 'POL', count: 2 }], wcsChange: { from: 'TIGHT', to: 'FREE' } });
    await eventually('the gateway mirrors it', async () => (await gql(gw.url, AuthorizationRequestsDocument, {}, cmdr)).data?.authorizationRequests.some((r) => r.id === request.id));
    expect((await gql(gw.url, DecideRequestDocument, { id: request.id, decision: 'APPROVE', reason: 'agreed' }, cmdr)).data!.decideRequest.state).toBe('PENDING');
    expect((await gql(gw.url, DecideRequestDocument, { id: request.id, decision: 'APPROVE', reason: 'agreed twice' }, cmdr)).errors?.[0]?.extensions).toMatchObject({ code: 'REFUSED', rule: 'ALREADY_DECIDED' });
    expect((await gql(gw.url, DecideRequestDocument, { id: request.id, decision: 'APPROVE', reason: 'concur' }, deputy)).data!.decideRequest.state).toBe('APPROVED');
    const wcs = await eventually('WCS FREE in force', async () => {
      const v = (await gql(gw.url, AirspaceDocument, {}, cmdr)).data?.airspace.find((x) => x.id === 'pol-south');
      return v?.wcs === 'FREE' && v;
    });
    expect(wcs.wcs).toBe('FREE');
  });

  it('autonomy: ON_THE_LOOP once approved, then a confident engagement proceeds after its veto window unless vetoed', async () => {
    const [cmdr, deputy] = await Promise.all(['pol-cmdr', 'pol-deputy-cmdr'].map((u) => loginToken(gw.url, u)));
    const opened = await gql(gw.url, RequestAutonomyChangeDocument, { effectorClass: 'INTERCEPTOR_DRONE', to: 'ON_THE_LOOP', reason: 'saturation raid' }, cmdr);
    expect(opened.errors).toBeUndefined();
    const id = opened.data!.requestAutonomyChange.id;
    await eventually('mirrored', async () => (await gql(gw.url, AuthorizationRequestsDocument, {}, deputy)).data?.authorizationRequests.some((r) => r.id === id));
    expect((await gql(gw.url, DecideRequestDocument, { id, decision: 'APPROVE', reason: 'agreed' }, deputy)).data!.decideRequest.state).toBe('APPROVED');
    await eventually('ON_THE_LOOP in force', async () => (await gql(gw.url, CommandSettingsDocument, {}, cmdr)).data?.autonomy.find((a) => a.effectorClass === 'INTERCEPTOR_DRONE')?.mode === 'ON_THE_LOOP');
    const reply = await openAsAgent(engagement('eng-gw-2'));
    expect(reply.ok && reply.request.state).toBe('PENDING_VETO');
    await eventually('mirrored', async () => (await gql(gw.url, AuthorizationRequestsDocument, {}, cmdr)).data?.authorizationRequests.some((r) => r.id === 'eng-gw-2'));
    expect((await gql(gw.url, DecideRequestDocument, { id: 'eng-gw-2', decision: 'VETO', reason: 'civil helicopter nearby' }, cmdr)).data!.decideRequest.state).toBe('VETOED');
  });

  it('standing authority approves a covered engagement at once, on record; revoked, it no longer does', async () => {
    const cmdr = await loginToken(gw.url, 'pol-cmdr');
    const now = Date.now();
    const input = {
      id: 'sa-south',
      zone: { lat: 50.1, lon: 22.1, radiusM: 20_000 },
      effectorClasses: ['INTERCEPTOR_DRONE' as const],
      targetKinds: ['UAS' as const],
      identities: ['HOSTILE' as const],
      minConfidence: 0.9,
      validFrom: new Date(now - 1000).toISOString(),
      expiresAt: new Date(now + 3_600_000).toISOString(),
    };
    expect((await gql(gw.url, SetStandingAuthorityDocument, { input: { ...input, identities: ['NEUTRAL' as const] } }, cmdr)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await gql(gw.url, SetStandingAuthorityDocument, { input: { ...input, expiresAt: new Date(now + 48 * 3_600_000).toISOString() } }, cmdr)).errors?.[0]?.extensions).toMatchObject({ code: 'REFUSED', rule: 'STANDING_AUTHORITY_BOUNDS' });
    const set = await gql(gw.url, SetStandingAuthorityDocument, { input }, cmdr);
    expect(set.errors).toBeUndefined();
    expect(set.data!.setStandingAuthority).toMatchObject({ id: 'sa-south', grantedBy: { username: 'pol-cmdr' }, revokedAt: null });
    // The interceptor's next request (confidence 0.92, in the zone, a hostile UAS) needs nobody now.
    const covered = await openAsAgent(engagement('eng-gw-3', 'pol-sam-1'));
    expect(covered.ok && covered.request.state).toBe('PENDING'); // SAM is not covered
    const low = await openAsAgent(engagement('eng-gw-4', 'pol-gun-1'));
    expect(low.ok && low.request.state).toBe('PENDING'); // nor a gun
    const yes = await openAsAgent(engagement('eng-gw-5'));
    expect(yes.ok && yes.request).toMatchObject({ state: 'APPROVED', engagementState: 'AUTHORIZED', decisions: [{ by: { username: 'pol-cmdr' }, standingAuthorityId: 'sa-south' }] });
    expect((await gql(gw.url, RevokeStandingAuthorityDocument, { id: 'sa-south' }, cmdr)).data!.revokeStandingAuthority.revokedAt).not.toBeNull();
    const after = await openAsAgent(engagement('eng-gw-6'));
    // Back to the ordinary rules: interceptor drones are ON_THE_LOOP since the test before, so a veto window, no approval.
    expect(after.ok && after.request).toMatchObject({ state: 'PENDING_VETO', decisions: [] });
    const trail = await eventually('audited', async () => {
      const records = (await gql(gw.url, AuditLogDocument, { subject: 'POL/standing/sa-south' }, cmdr)).data?.auditLog;
      return records && records.length >= 3 && records;
    });
    expect(trail.map((r) => r.action).reverse()).toEqual(['REFUSED', 'STANDING_AUTHORITY_SET', 'STANDING_AUTHORITY_REVOKED']);
  });
});
