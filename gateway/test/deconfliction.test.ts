import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_PERMISSIONS, SERVICE_PERMISSIONS, subjects } from '@tessera/schema';
import {
  AirspaceUpdatesDocument,
  AuditLogDocument,
  ConflictDocument,
  ConflictsDocument,
  ConflictUpdatesDocument,
  CreateReservationDocument,
  EditReservationDocument,
  EndReservationDocument,
  ProposalsDocument,
  ProposalUpdatesDocument,
  ProposeResolutionDocument,
  RespondToProposalDocument,
  type ProposalInput,
  type ReservationInput,
  type ReservationRefInput,
  type RespondToProposalMutationVariables,
} from '@tessera/schema/operations';
import { connectNats, createLogger, createRejector, natsAuthConfig, type NatsLink } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { openAuditLog } from '@tessera/authority/audit';
import type { AuthorityService } from '@tessera/authority/service';
import { startAuthority, testAuditKeys } from '@tessera/authority/test-support';
import { createAuditTrail } from '@tessera/deconfliction/audit-client';
import { createDeconflictionService, type DeconflictionService } from '@tessera/deconfliction/service';
import {
  gql,
  loginTokens,
  startTestGateway,
  subscription,
  WAIT,
  type GraphQLResponse,
  type TestGateway,
} from './helpers.ts';

/**
 * The gateway's airspace API end to end, with no test double: a nats-server with the stack's NATS
 * users (natsAuthConfig over SERVICE_PERMISSIONS, so the gateway reads TESSERA_AIRSPACE and asks
 * the service with exactly the permissions the stack writes), the real authority writing the audit
 * chain, the real deconfliction service owning the airspace, and the gateway on its own NATS user.
 *
 * POL's liaison reserves a ROZ releasable to UKR; UKR's liaison lays a national transit corridor
 * through it. POL may not see the corridor: it gets the conflict sanitized, UKR the full view, LTU
 * nothing. Refusals come back typed, stale versions with the current ones (withheld where POL may
 * not see them); a proposal is countered, accepted, and the conflict resolves for both.
 */
const logger = createLogger('gateway-deconfliction-test', 'silent');
const password = (u: string) => `${u}-secret`;
const SETTLE = { ...WAIT, timeout: 10_000 };
const HOUR = 3_600_000;

let dir: string;
let server: NatsServer;
let gw: TestGateway;
let authority: AuthorityService;
let deconfliction: DeconflictionService;
const links: NatsLink[] = [];
/** Every command that reached the service's subject (the operator may listen to everything). */
const commandsSent: unknown[] = [];
let pol: string, ukr: string, ltu: string, polWatch: string;

type Errors = NonNullable<GraphQLResponse<unknown>['errors']>;
type ErrorExtensions = {
  code?: string;
  rule?: string;
  current?: { nation: string; id: string | null; version: number | null; withheld: boolean }[];
  conflictVersion?: number;
};
const errorOf = (res: { errors?: Errors }) => ({
  message: res.errors?.[0]?.message ?? '',
  ...(res.errors?.[0]?.extensions as ErrorExtensions | undefined),
});

const as = async (user: string) => {
  const link = await connectNats({ url: server.url, name: user, user, pass: password(user), logger });
  links.push(link);
  return link;
};

/** POL's ROZ: a circle of 8 km around Hrubieszow, 0-1500 m, for the next four hours, releasable to UKR. */
const roz: ReservationInput = {
  name: 'ROZ HRUBIESZOW',
  kind: 'ROZ',
  circle: { lat: 50.75, lon: 23.8, radiusM: 8000 },
  floorM: 0,
  ceilingM: 1500,
  validFrom: new Date(Date.now() - 60_000).toISOString(),
  validTo: new Date(Date.now() + 4 * HOUR).toISOString(),
  classification: 'CONFIDENTIAL',
  releasableTo: ['UKR'],
};
/** UKR's corridor crossing it west-east at 500-2500 m: national (POL may not see it). */
const corridor: ReservationInput = {
  ...roz,
  name: 'TRANSIT CORRIDOR VOLYN',
  kind: 'TRANSIT_CORRIDOR',
  circle: null,
  outline: [
    { lat: 50.73, lon: 23.4 },
    { lat: 50.73, lon: 24.3 },
    { lat: 50.77, lon: 24.3 },
    { lat: 50.77, lon: 23.4 },
  ],
  floorM: 500,
  ceilingM: 2500,
  releasableTo: [],
};
let rozId = '';
let corridorId = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-gateway-airspace-'));
  const config = join(dir, 'nats.conf');
  const users = ['authority', 'deconfliction', 'gateway'] as const;
  writeFileSync(
    config,
    natsAuthConfig([
      ...users.map((user) => ({ user, password: password(user), permissions: SERVICE_PERMISSIONS[user] })),
      { user: 'operator', password: password('operator'), permissions: OPERATOR_PERMISSIONS },
    ]),
  );
  server = await startNatsServer({ args: ['-c', config] });
  const authorityLink = await as('authority');
  authority = await startAuthority({
    link: authorityLink,
    logger,
    audit: await openAuditLog({
      nc: authorityLink.nc,
      keys: testAuditKeys().keys,
      logger,
      actorDefaults: { kind: 'SERVICE', id: 'authority', nation: null },
    }),
    reference: { volumes: () => [], effectors: () => [] },
    tickMs: null,
  });
  const link = await as('deconfliction');
  const rejector = createRejector({ nc: link.nc, service: 'deconfliction', logger });
  deconfliction = createDeconflictionService({
    link,
    clock: { now: () => Date.now() },
    logger,
    rejector,
    audit: createAuditTrail({ nc: link.nc, rejector, logger }),
    policy: { proposalTtlMs: 30 * 60_000 },
    conflictIdKey: 'gateway-test-key',
    tickMs: null,
  });
  await deconfliction.start();
  const operator = await as('operator');
  operator.nc.subscribe(subjects.deconflictionFromGateway, {
    callback: (_err, msg) => void commandsSent.push(msg.json()),
  });
  await operator.nc.flush();
  gw = await startTestGateway(server.url, { natsUser: { user: 'gateway', pass: password('gateway') } });
  [pol, ukr, ltu, polWatch] = await loginTokens(gw.url, [
    'pol-liaison',
    'ukr-liaison',
    'ltu-liaison',
    'pol-watch',
  ] as const);
}, 30_000);

afterAll(async () => {
  await gw?.stop();
  await deconfliction?.stop();
  await authority?.stop();
  for (const l of links) await l.nc.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const conflictsOf = async (token: string) =>
  (await gql(gw.url, ConflictsDocument, { includeResolved: true }, token)).data!.conflicts;
const theConflict = async (token: string) => {
  const [c] = await conflictsOf(token);
  expect(c, 'a conflict').toBeDefined();
  return c!;
};
/** What a stream has delivered, as one text: nothing withheld may be in it. */
const everything = (s: { results: unknown[] }) => JSON.stringify(s.results);

/** `token`'s holder proposes a resolution through the gateway. */
const propose = (token: string, input: ProposalInput) => gql(gw.url, ProposeResolutionDocument, { input }, token);
/** `token`'s holder answers a proposal through the gateway. */
const respond = (token: string, variables: RespondToProposalMutationVariables) =>
  gql(gw.url, RespondToProposalDocument, variables, token);
/** A refusal for a stale version, naming at least these current versions (and `more`, e.g. the conflict's). */
const expectStale = (
  res: { errors?: Errors },
  current: { nation: string; id: string | null; version: number | null; withheld: boolean }[],
  more: ErrorExtensions = {},
) => {
  expect(errorOf(res)).toMatchObject({ code: 'REFUSED', rule: 'STALE_VERSION', ...more });
  expect(errorOf(res).current).toEqual(expect.arrayContaining(current));
};

describe("the gateway's airspace API on the real deconfliction service", () => {
  it('refuses anyone but liaisons and commanders of a nation, before anything reaches the service', async () => {
    const res = await gql(gw.url, CreateReservationDocument, { input: roz }, polWatch);
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN' });
    const above = await gql(gw.url, CreateReservationDocument, { input: { ...roz, classification: 'SECRET' } }, pol);
    expect(errorOf(above), 'labelled above the caller’s clearance').toMatchObject({ code: 'BAD_USER_INPUT' });
    const malformed = await gql(
      gw.url,
      CreateReservationDocument,
      { input: { ...roz, floorM: 2000, ceilingM: 1000 } },
      pol,
    );
    expect(errorOf(malformed)).toMatchObject({ code: 'BAD_USER_INPUT' });
    await gw.nats.nc.flush();
    expect(commandsSent).toEqual([]);
  });

  it('reserves for the liaison’s nation and shows the reservation in the airspace of those it is releasable to', async () => {
    const streams = {
      pol: subscription(gw.wsUrl, pol, AirspaceUpdatesDocument),
      ukr: subscription(gw.wsUrl, ukr, AirspaceUpdatesDocument),
    };
    const made = (await gql(gw.url, CreateReservationDocument, { input: roz }, pol)).data!.createReservation;
    expect(made).toMatchObject({
      nation: 'POL',
      kind: 'ROZ',
      state: 'ACTIVE',
      version: 1,
      name: 'ROZ HRUBIESZOW',
      label: { originator: 'POL', classification: 'CONFIDENTIAL', releasableTo: ['UKR'] },
      circle: { center: { lat: 50.75, lon: 23.8 }, radiusM: 8000 },
    });
    rozId = made.id;
    const laid = await gql(gw.url, CreateReservationDocument, { input: corridor }, ukr);
    corridorId = laid.data!.createReservation.id;
    expect(laid.data!.createReservation).toMatchObject({ nation: 'UKR', version: 1, label: { releasableTo: [] } });

    const keysOf = (s: typeof streams.pol) => {
      const seen = new Set<string>();
      for (const { airspaceUpdates: b } of s.results) {
        if (b.reset) seen.clear();
        b.upserts.forEach((v) => seen.add(`${v.nation}/${v.id}`));
        b.removals.forEach((k) => seen.delete(k));
      }
      return [...seen].sort();
    };
    await expect.poll(() => keysOf(streams.ukr), SETTLE).toEqual([`POL/${rozId}`, `UKR/${corridorId}`]);
    await expect.poll(() => keysOf(streams.pol), SETTLE).toEqual([`POL/${rozId}`]);
    expect(everything(streams.pol)).not.toContain(corridorId);
    expect(everything(streams.pol)).not.toContain('VOLYN');
    await Promise.all(Object.values(streams).map((s) => s.dispose()));
  });

  it('shows the conflict whole to UKR, sanitized to POL (the corridor withheld, the overlap kept), and not at all to LTU', async () => {
    const streams = {
      pol: subscription(gw.wsUrl, pol, ConflictUpdatesDocument),
      ltu: subscription(gw.wsUrl, ltu, ConflictUpdatesDocument),
    };
    await expect.poll(async () => (await conflictsOf(ukr)).length, SETTLE).toBe(1);
    const ukrView = await theConflict(ukr);
    expect(ukrView).toMatchObject({ sanitized: false, state: 'OPEN' });
    expect(ukrView.parties).toEqual(['POL', 'UKR']);
    expect(ukrView.sides.map((s) => [s.nation, s.id, s.withheld])).toEqual(
      expect.arrayContaining([
        ['POL', rozId, false],
        ['UKR', corridorId, false],
      ]),
    );

    const polView = await theConflict(pol);
    expect(polView).toMatchObject({
      id: ukrView.id,
      sanitized: true,
      parties: ['POL', 'UKR'],
      region: ukrView.region,
      severity: ukrView.severity,
    });
    expect(polView.sides).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nation: 'POL', id: rozId, name: 'ROZ HRUBIESZOW', withheld: false }),
        { nation: 'UKR', kind: 'TRANSIT_CORRIDOR', withheld: true, id: null, name: null, version: null, label: null },
      ]),
    );
    expect(polView.region!.outline.length).toBeGreaterThanOrEqual(3);
    expect(polView.label).toMatchObject({ originator: 'POL', classification: 'CONFIDENTIAL' });
    expect(JSON.stringify(polView)).not.toContain(corridorId);

    // The same through the subscription; LTU gets a snapshot without it, and its queries find nothing.
    await expect
      .poll(
        () =>
          streams.pol.results.flatMap((r) => r.conflictUpdates.upserts).some((c) => c.id === polView.id && c.sanitized),
        SETTLE,
      )
      .toBe(true);
    expect(everything(streams.pol)).not.toContain(corridorId);
    expect(everything(streams.pol)).not.toContain('VOLYN');
    expect(streams.ltu.results.flatMap((r) => r.conflictUpdates.upserts)).toEqual([]);
    expect(await conflictsOf(ltu)).toEqual([]);
    expect((await gql(gw.url, ConflictDocument, { id: polView.id }, ltu)).data!.conflict).toBeNull();
    expect((await gql(gw.url, ProposalsDocument, { conflictId: polView.id }, ltu)).data!.proposals).toEqual([]);
    await Promise.all(Object.values(streams).map((s) => s.dispose()));
  });

  it("refuses an edit of another nation's reservation: the service by its rule, or NOT_FOUND when the caller may not see it", async () => {
    const sent = commandsSent.length;
    const ukrEditsRoz = await gql(
      gw.url,
      EditReservationDocument,
      { nation: 'POL', id: rozId, version: 1, input: roz },
      ukr,
    );
    expect(errorOf(ukrEditsRoz)).toMatchObject({ code: 'REFUSED', rule: 'NOT_YOUR_RESERVATION' });
    expect(commandsSent).toHaveLength(sent + 1);
    // POL may not see the corridor: for POL it does not exist, and nothing is sent.
    const polEditsCorridor = await gql(
      gw.url,
      EditReservationDocument,
      { nation: 'UKR', id: corridorId, version: 1, input: corridor },
      pol,
    );
    expect(errorOf(polEditsCorridor)).toMatchObject({ code: 'NOT_FOUND' });
    const polEndsCorridor = await gql(gw.url, EndReservationDocument, { id: corridorId, version: 1 }, pol);
    expect(errorOf(polEndsCorridor)).toMatchObject({ code: 'NOT_FOUND' });
    await gw.nats.nc.flush();
    expect(commandsSent).toHaveLength(sent + 1);
  });

  it('refuses stale versions with the current ones, withheld where the caller may not see the reservation', async () => {
    const before = await theConflict(pol);
    // POL lowers its ROZ a little (still overlapping): version 2, and the conflict follows.
    const edited = await gql(
      gw.url,
      EditReservationDocument,
      { id: rozId, version: 1, input: { ...roz, ceilingM: 1400 } },
      pol,
    );
    expect(edited.data?.editReservation, JSON.stringify(edited.errors)).toMatchObject({ version: 2, ceilingM: 1400 });
    await expect.poll(async () => (await theConflict(pol)).version, SETTLE).toBeGreaterThan(before.version);
    const conflict = await theConflict(pol);

    // The same proposal on three stale views; what each is told is current (the corridor withheld from POL).
    const acceptRisk = (basedOn: ReservationRefInput[], conflictVersion?: number): ProposalInput => ({
      conflictId: conflict.id,
      kind: 'ACCEPT_RISK',
      rationale: 'Brief overlap.',
      basedOn,
      conflictVersion,
    });
    const rozNow = { nation: 'POL', id: rozId, version: 2, withheld: false };
    const corridorWithheld = { nation: 'UKR', id: null, version: null, withheld: true };

    // UKR, on the versions it saw first.
    const ukrStale = await propose(
      ukr,
      acceptRisk([
        { nation: 'POL', id: rozId, version: 1 },
        { nation: 'UKR', id: corridorId, version: 1 },
      ]),
    );
    expectStale(ukrStale, [rozNow, { nation: 'UKR', id: corridorId, version: 1, withheld: false }]);

    // POL, on the version of the conflict it saw before the edit: refused by the gateway, the corridor withheld.
    const polStale = await propose(pol, acceptRisk([{ nation: 'POL', id: rozId, version: 2 }], before.version));
    expectStale(polStale, [rozNow, corridorWithheld], { conflictVersion: conflict.version });

    // POL, on the current conflict but its own old version: the service refuses, and its message (which names the corridor) is not shown.
    const polOwnStale = await propose(pol, acceptRisk([{ nation: 'POL', id: rozId, version: 1 }], conflict.version));
    expectStale(polOwnStale, [rozNow, corridorWithheld]);
    expect(JSON.stringify(polOwnStale)).not.toContain(corridorId);
  });

  it('carries a proposal, a counter and an acceptance through, and the conflict resolves for both parties', async () => {
    const conflict = await theConflict(pol);
    const polProposals = subscription(gw.wsUrl, pol, ProposalUpdatesDocument);
    // POL proposes to lower its ROZ below the corridor (whose floor it may not know).
    const first = await propose(pol, {
      conflictId: conflict.id,
      kind: 'CHANGE',
      rationale: 'We can fly our drones below 400 m.',
      basedOn: [{ nation: 'POL', id: rozId, version: 2 }],
      conflictVersion: conflict.version,
      changes: [{ nation: 'POL', id: rozId, action: 'MODIFY', ceilingM: 400 }],
    });
    const p1 = first.data?.proposeResolution;
    expect(p1, JSON.stringify(first.errors)).toMatchObject({
      state: 'OPEN',
      sanitized: true,
      proposedBy: { username: 'pol-liaison', nation: 'POL' },
      rationale: 'We can fly our drones below 400 m.',
    });
    expect(p1!.basedOn).toEqual(
      expect.arrayContaining([
        { nation: 'POL', id: rozId, version: 2, withheld: false },
        { nation: 'UKR', id: null, version: null, withheld: true },
      ]),
    );

    // UKR sees it whole, and counters: it lifts its corridor above the ROZ instead.
    const ukrProposals = async () =>
      (await gql(gw.url, ProposalsDocument, { conflictId: conflict.id }, ukr)).data!.proposals;
    await expect.poll(async () => (await ukrProposals()).length, SETTLE).toBe(1);
    const [ukrSees] = await ukrProposals();
    expect(ukrSees).toMatchObject({
      id: p1!.id,
      sanitized: false,
      changes: [{ nation: 'POL', id: rozId, action: 'MODIFY', ceilingM: 400, withheld: false }],
    });
    const counter = await propose(ukr, {
      conflictId: conflict.id,
      kind: 'CHANGE',
      rationale: 'Our corridor can climb above your zone; keep your ROZ.',
      basedOn: [
        { nation: 'POL', id: rozId, version: 2 },
        { nation: 'UKR', id: corridorId, version: 1 },
      ],
      counterTo: p1!.id,
      changes: [{ nation: 'UKR', id: corridorId, action: 'MODIFY', floorM: 1600 }],
    });
    const p2 = counter.data?.proposeResolution;
    expect(p2, JSON.stringify(counter.errors)).toMatchObject({ state: 'OPEN', counterTo: p1!.id, sanitized: false });

    // POL receives the counter with the corridor's change withheld (nation and action only), the rationale kept.
    const polP2 = () => {
      let last: (typeof polProposals.results)[number]['proposalUpdates']['upserts'][number] | undefined;
      for (const r of polProposals.results) for (const p of r.proposalUpdates.upserts) if (p.id === p2!.id) last = p;
      return last;
    };
    await expect.poll(polP2, SETTLE).toBeDefined();
    expect(polP2()).toMatchObject({
      sanitized: true,
      rationale: 'Our corridor can climb above your zone; keep your ROZ.',
      changes: [
        {
          nation: 'UKR',
          id: null,
          action: 'MODIFY',
          withheld: true,
          floorM: null,
          ceilingM: null,
          outline: null,
          circle: null,
        },
      ],
    });
    await expect
      .poll(
        () =>
          polProposals.results
            .flatMap((r) => r.proposalUpdates.upserts)
            .some((p) => p.id === p1!.id && p.state === 'COUNTERED'),
        SETTLE,
      )
      .toBe(true);
    expect(everything(polProposals)).not.toContain(corridorId);
    // Nor its new floor: the rationale (addressed to the parties) says what UKR chose to say.
    expect(everything(polProposals)).not.toContain('1600');

    // POL accepts on the conflict it saw: the change applies, and the conflict resolves for both.
    const acceptance: RespondToProposalMutationVariables = {
      id: p2!.id,
      response: 'ACCEPT',
      basedOn: [{ nation: 'POL', id: rozId, version: 2 }],
      conflictVersion: conflict.version,
    };
    const accepted = await respond(pol, { ...acceptance, reason: 'Agreed.' });
    expect(accepted.data?.respondToProposal, JSON.stringify(accepted.errors)).toMatchObject({
      id: p2!.id,
      state: 'ACCEPTED',
      sanitized: true,
      responses: [{ nation: 'POL', username: 'pol-liaison', response: 'ACCEPT', reason: 'Agreed.' }],
    });
    for (const token of [pol, ukr]) {
      await expect.poll(async () => (await theConflict(token)).state, SETTLE).toBe('RESOLVED');
      expect((await theConflict(token)).resolvedBy).toBe(p2!.id);
    }
    // Answered twice: the service's rule.
    const again = await respond(pol, acceptance);
    expect(errorOf(again)).toMatchObject({ code: 'REFUSED' });
    expect(['NOT_OPEN', 'STALE_VERSION', 'ALREADY_RESPONDED']).toContain(errorOf(again).rule);
    expect(JSON.stringify(again)).not.toContain(corridorId);
    await polProposals.dispose();
  });

  it("shows a commander the audit records of their nation's reservations only", async () => {
    const [polCmdr, ukrCmdr] = await loginTokens(gw.url, ['pol-cmdr', 'ukr-cmdr'] as const);
    const subjectsFor = async (token: string) =>
      new Set((await gql(gw.url, AuditLogDocument, { limit: 500 }, token)).data!.auditLog.map((r) => r.subject));
    await expect.poll(async () => (await subjectsFor(polCmdr)).has(`POL/${rozId}`), SETTLE).toBe(true);
    expect((await subjectsFor(polCmdr)).has(`UKR/${corridorId}`)).toBe(false);
    expect((await subjectsFor(ukrCmdr)).has(`UKR/${corridorId}`)).toBe(true);
    expect((await subjectsFor(ukrCmdr)).has(`POL/${rozId}`)).toBe(false);
  });

  it('says the outcome is unknown when the service does not answer', async () => {
    await deconfliction.stop();
    const res = await gql(gw.url, CreateReservationDocument, { input: { ...roz, name: 'ROZ TWO' } }, pol);
    expect(errorOf(res)).toMatchObject({ code: 'OUTCOME_UNKNOWN' });
    expect(errorOf(res).message).toMatch(/may or may not have been recorded/);
  }, 20_000);
});
