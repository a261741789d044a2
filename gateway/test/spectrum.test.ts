import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_PERMISSIONS, SERVICE_PERMISSIONS, subjects } from '@tessera/schema';
import { connectNats, createLogger, createRejector, natsAuthConfig, type NatsLink } from '@tessera/service-kit';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { openAuditLog } from '@tessera/authority/audit';
import type { AuthorityService } from '@tessera/authority/service';
import { startAuthority, testAuditKeys } from '@tessera/authority/test-support';
import { createAuditTrail } from '@tessera/deconfliction/audit-client';
import { createDeconflictionService, type DeconflictionService } from '@tessera/deconfliction/service';
import type {
  AssignmentInput,
  Conflict,
  ProposalInput,
  RestrictedFrequency,
  RestrictedFrequencyInput,
  SpectrumAssignment,
  SpectrumBatch,
  SpectrumSuggestion,
} from '../src/generated/resolvers.ts';
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
 * The gateway's spectrum API end to end, with no test double: a nats-server with the stack's NATS
 * users, the real authority writing the audit chain, the real deconfliction service owning the
 * assignments and the restricted list, the gateway on its own NATS user, real graphql-ws clients.
 *
 * UKR's liaison assigns the band of its drones' datalink (national: POL may not see it); POL's
 * liaison assigns a radio next to it, releasable to UKR. The radio harms the drones' receivers: UKR
 * gets the conflict whole, POL sanitized (no distance, no received power), LTU nothing. The engine's
 * suggestions are each party's own; POL proposes its suggested channel, UKR accepts, the conflict
 * resolves. UKR guards a band and keeps a C2 net TABOO, both national: POL sees the bands, never
 * whose they are, even when its jammer lands on the C2 net.
 */
const logger = createLogger('gateway-spectrum-test', 'silent');
const password = (u: string) => `${u}-secret`;
const SETTLE = { ...WAIT, timeout: 10_000 };

let dir: string;
let server: NatsServer;
let gw: TestGateway;
let authority: AuthorityService;
let deconfliction: DeconflictionService;
const links: NatsLink[] = [];
/** Every command that reached the service's subject (the operator may listen to everything). */
const commandsSent: unknown[] = [];
let pol: string, ukr: string, ltu: string, polWatch: string;

const doc = <T, V = Record<string, never>>(text: string) => parse(text) as unknown as TypedDocumentNode<T, V>;

const ASSIGNMENT = `id nation system use lowMHz highMHz guardBandMHz eirpDbm thresholdDbm tunableLowMHz tunableHighMHz
  horizonKm validFrom validTo priority state version label { policy classification originator releasableTo }
  location { kind antennaHeightM point { lat lon } outline { lat lon } circle { center { lat lon } radiusM } }
  tiedReservation { nation id version withheld }`;
const RESTRICTED = `id kind lowMHz highMHz withheld nation reason waived waiverReason waiverValidTo noTransmission version
  label { policy classification originator releasableTo }`;
const CONFLICT = `id kind parties severity state sanitized version resolvedBy
  sides { nation kind withheld id name version label { originator classification releasableTo } }
  region { areaKm2 }
  spectrum { kind lowMHz highMHz marginDb from to tiedReservation { nation id version withheld }
    paths { interferer victim worstMHz distanceKm receivedDbm marginDb } }
  label { originator classification releasableTo }`;

const CreateAssignment = doc<{ createAssignment: SpectrumAssignment }, { input: AssignmentInput }>(
  `mutation($input: AssignmentInput!) { createAssignment(input: $input) { ${ASSIGNMENT} } }`,
);
const EndAssignment = doc<{ endAssignment: SpectrumAssignment }, { id: string; version: number }>(
  `mutation($id: ID!, $version: Int!) { endAssignment(id: $id, version: $version) { ${ASSIGNMENT} } }`,
);
const SetRestricted = doc<
  { setRestrictedFrequency: RestrictedFrequency },
  { id: string; version?: number | null; input: RestrictedFrequencyInput }
>(
  `mutation($id: ID!, $version: Int, $input: RestrictedFrequencyInput!) {
    setRestrictedFrequency(id: $id, version: $version, input: $input) { ${RESTRICTED} } }`,
);
const Assignments = doc<{ spectrumAssignments: SpectrumAssignment[] }>(
  `{ spectrumAssignments(includeEnded: true) { ${ASSIGNMENT} } }`,
);
const Restricted = doc<{ restrictedFrequencies: RestrictedFrequency[] }>(`{ restrictedFrequencies { ${RESTRICTED} } }`);
const Conflicts = doc<{ conflicts: Conflict[] }>(`{ conflicts(includeResolved: true) { ${CONFLICT} } }`);
const Suggestions = doc<{ spectrumSuggestions: SpectrumSuggestion[] }, { conflictId: string }>(
  `query($conflictId: ID!) { spectrumSuggestions(conflictId: $conflictId) {
    kind summary clearsConflict assignment { nation id version withheld }
    change { nation id action withheld lowMHz highMHz eirpDbm validFrom validTo } } }`,
);
const Propose = doc<{ proposeResolution: { id: string; state: string; sanitized: boolean } }, { input: ProposalInput }>(
  `mutation($input: ProposalInput!) { proposeResolution(input: $input) { id state sanitized
    assignmentChanges { nation id action withheld lowMHz highMHz } } }`,
);
const Respond = doc<
  { respondToProposal: { id: string; state: string } },
  { id: string; basedOn: { nation: string; id: string; version: number }[] }
>(
  `mutation($id: ID!, $basedOn: [ReservationRefInput!]!) {
    respondToProposal(id: $id, response: ACCEPT, reason: "Agreed.", basedOn: $basedOn) { id state } }`,
);
const Proposals = doc<
  { proposals: { id: string; sanitized: boolean; assignmentChanges: { id: string | null; withheld: boolean }[] }[] },
  { conflictId: string }
>(
  `query($conflictId: ID!) { proposals(conflictId: $conflictId) { id sanitized
    assignmentChanges { nation id action withheld lowMHz highMHz } } }`,
);
const SpectrumUpdates = doc<{ spectrumUpdates: SpectrumBatch }>(
  `subscription { spectrumUpdates { seq reset assignmentRemovals restrictedRemovals
    assignments { ${ASSIGNMENT} } restricted { ${RESTRICTED} } } }`,
);

type Errors = NonNullable<GraphQLResponse<unknown>['errors']>;
const errorOf = (res: { errors?: Errors }) => ({
  message: res.errors?.[0]?.message ?? '',
  ...(res.errors?.[0]?.extensions as { code?: string; rule?: string } | undefined),
});

const as = async (user: string) => {
  const link = await connectNats({ url: server.url, name: user, user, pass: password(user), logger });
  links.push(link);
  return link;
};

/** UKR's drones' datalink receivers, flying a 5 km circle at 100 m: national (CONFIDENTIAL, UKR only), retunable. */
const drones: AssignmentInput = {
  system: 'Drone link VOLYN',
  use: 'DATALINK',
  lowMHz: 2400,
  highMHz: 2420,
  thresholdDbm: -90,
  tunableLowMHz: 2390,
  tunableHighMHz: 2480,
  location: { circle: { lat: 50.75, lon: 23.8, radiusM: 5000 }, antennaHeightM: 100 },
  priority: 6,
  classification: 'CONFIDENTIAL',
  releasableTo: [],
};
/** POL's radio 1.6 km outside that circle, 40 dBm at 2405-2415 MHz, releasable to UKR: it harms the drones by ~26 dB. */
const radio: AssignmentInput = {
  system: 'Radio relay HRUBIESZOW',
  use: 'COMMS',
  lowMHz: 2405,
  highMHz: 2415,
  eirpDbm: 40,
  thresholdDbm: -100,
  tunableLowMHz: 2300,
  tunableHighMHz: 2500,
  location: { point: { lat: 50.8, lon: 23.85 }, antennaHeightM: 20 },
  priority: 5,
  classification: 'CONFIDENTIAL',
  releasableTo: ['UKR'],
};
let dronesId = '';
let radioId = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tessera-gateway-spectrum-'));
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
    conflictIdKey: 'gateway-spectrum-test-key',
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

const spectrumConflicts = async (token: string) =>
  (await gql(gw.url, Conflicts, {}, token)).data!.conflicts.filter((c) => c.kind === 'SPECTRUM');
/** What a stream has delivered, as one text: nothing withheld may be in it. */
const everything = (s: { results: unknown[] }) => JSON.stringify(s.results);
/** The picture a spectrumUpdates stream has built: assignments by NATION/id, restricted entries by id. */
function pictureOf(s: { results: { spectrumUpdates: SpectrumBatch }[] }) {
  const assignments = new Map<string, SpectrumAssignment>();
  const restricted = new Map<string, RestrictedFrequency>();
  for (const { spectrumUpdates: b } of s.results) {
    if (b.reset) {
      assignments.clear();
      restricted.clear();
    }
    b.assignments.forEach((a) => assignments.set(`${a.nation}/${a.id}`, a));
    b.assignmentRemovals.forEach((k) => assignments.delete(k));
    b.restricted.forEach((r) => restricted.set(r.id, r));
    b.restrictedRemovals.forEach((k) => restricted.delete(k));
  }
  return { assignments, restricted };
}

describe("the gateway's spectrum API on the real deconfliction service", () => {
  it('refuses anyone but liaisons and commanders of a nation, and what is malformed, before anything reaches the service', async () => {
    expect(errorOf(await gql(gw.url, CreateAssignment, { input: radio }, polWatch))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const above = await gql(gw.url, CreateAssignment, { input: { ...radio, classification: 'SECRET' } }, pol);
    expect(errorOf(above), 'labelled above the caller’s clearance').toMatchObject({ code: 'BAD_USER_INPUT' });
    const noPower = await gql(gw.url, CreateAssignment, { input: { ...radio, use: 'JAMMER', eirpDbm: null } }, pol);
    expect(errorOf(noPower)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorOf(noPower).message).toMatch(/JAMMER must state its EIRP/);
    const twoPlaces = await gql(
      gw.url,
      CreateAssignment,
      { input: { ...radio, location: { ...radio.location, circle: { lat: 50, lon: 23, radiusM: 10 } } } },
      pol,
    );
    expect(errorOf(twoPlaces).message).toMatch(/exactly one of point, outline or circle/);
    await gw.nats.nc.flush();
    expect(commandsSent).toEqual([]);
  });

  it('assigns for the liaison’s nation and shows each assignment only to those it is releasable to', async () => {
    const streams = {
      pol: subscription(gw.wsUrl, pol, SpectrumUpdates),
      ukr: subscription(gw.wsUrl, ukr, SpectrumUpdates),
    };
    const made = await gql(gw.url, CreateAssignment, { input: drones }, ukr);
    expect(made.data?.createAssignment, JSON.stringify(made.errors)).toMatchObject({
      nation: 'UKR',
      use: 'DATALINK',
      state: 'ACTIVE',
      version: 1,
      guardBandMHz: 2,
      label: { originator: 'UKR', classification: 'CONFIDENTIAL', releasableTo: [] },
      location: { kind: 'AREA', circle: { center: { lat: 50.75, lon: 23.8 }, radiusM: 5000 }, point: null },
    });
    dronesId = made.data!.createAssignment.id;
    expect(made.data!.createAssignment.horizonKm).toBeCloseTo(4.12 * (10 + Math.sqrt(10)), 6);
    const relay = (await gql(gw.url, CreateAssignment, { input: radio }, pol)).data!.createAssignment;
    radioId = relay.id;
    expect(relay).toMatchObject({ nation: 'POL', eirpDbm: 40, tunableLowMHz: 2300, location: { kind: 'POINT' } });

    const keys = (s: typeof streams.pol) => [...pictureOf(s).assignments.keys()].sort();
    await expect.poll(() => keys(streams.ukr), SETTLE).toEqual([`POL/${radioId}`, `UKR/${dronesId}`]);
    await expect.poll(() => keys(streams.pol), SETTLE).toEqual([`POL/${radioId}`]);
    const listed = async (token: string) =>
      (await gql(gw.url, Assignments, {}, token)).data!.spectrumAssignments.map((a) => `${a.nation}/${a.id}`);
    expect(await listed(pol)).toEqual([`POL/${radioId}`]);
    expect(await listed(ltu)).toEqual([]);
    expect(everything(streams.pol)).not.toMatch(new RegExp(`${dronesId}|VOLYN`));
    await Promise.all(Object.values(streams).map((s) => s.dispose()));
  });

  it('shows the conflict whole to UKR, sanitized to POL (no distance, no received power), and not at all to LTU', async () => {
    await expect.poll(async () => (await spectrumConflicts(ukr)).length, SETTLE).toBe(1);
    const [whole] = await spectrumConflicts(ukr);
    expect(whole).toMatchObject({ sanitized: false, state: 'OPEN', parties: ['POL', 'UKR'], region: null });
    expect(whole!.spectrum).toMatchObject({ kind: 'INTERFERENCE', lowMHz: 2404, highMHz: 2416 });
    const [path] = whole!.spectrum!.paths;
    expect(path).toMatchObject({ interferer: 0, victim: 1, worstMHz: 2404 });
    expect(path!.distanceKm).toBeGreaterThan(1);
    expect(path!.receivedDbm).toBeGreaterThan(-90);

    const [polView] = await spectrumConflicts(pol);
    expect(polView).toMatchObject({
      id: whole!.id,
      sanitized: true,
      parties: ['POL', 'UKR'],
      severity: whole!.severity,
    });
    expect(polView!.sides).toEqual([
      expect.objectContaining({ nation: 'POL', id: radioId, kind: 'COMMS', withheld: false }),
      { nation: 'UKR', kind: 'DATALINK', withheld: true, id: null, name: null, version: null, label: null },
    ]);
    // The margin only as its severity band's floor (0, 6 or 20 dB): exact margins would locate the hidden side.
    const floor = (m: number) => (m >= 20 ? 20 : m >= 6 ? 6 : 0);
    expect(polView!.spectrum!.paths).toEqual([
      { ...path, distanceKm: null, receivedDbm: null, marginDb: floor(path!.marginDb) },
    ]);
    expect(polView!.spectrum!.marginDb).toBe(floor(whole!.spectrum!.marginDb!));
    expect(JSON.stringify(polView)).not.toMatch(new RegExp(`${dronesId}|VOLYN|${path!.distanceKm}`));
    expect(await spectrumConflicts(ltu)).toEqual([]);
    expect((await gql(gw.url, Suggestions, { conflictId: whole!.id }, ltu)).data!.spectrumSuggestions).toEqual([]);
  });

  it("suggests to each party only changes of assignments it may see; POL's channel, proposed and accepted, resolves it", async () => {
    const [conflict] = await spectrumConflicts(pol);
    const suggestions = async (token: string) =>
      (await gql(gw.url, Suggestions, { conflictId: conflict!.id }, token)).data!.spectrumSuggestions;
    const forPol = await suggestions(pol);
    // No power cut for POL: it is the exact margin, which its sanitized view does not give.
    expect(forPol.map((s) => s.kind).sort()).toEqual(['CHANNEL']);
    expect(forPol.every((s) => s.assignment.id === radioId)).toBe(true);
    expect(JSON.stringify(forPol)).not.toMatch(new RegExp(`${dronesId}|VOLYN`));
    const forUkr = await suggestions(ukr);
    expect(forUkr.map((s) => `${s.kind} ${s.assignment.nation}`).sort()).toEqual([
      'CHANNEL POL',
      'CHANNEL UKR',
      'POWER POL',
    ]);

    const channel = forPol.find((s) => s.kind === 'CHANNEL')!;
    const { withheld: _w, ...change } = channel.change;
    const proposed = await gql(
      gw.url,
      Propose,
      {
        input: {
          conflictId: conflict!.id,
          kind: 'CHANGE',
          rationale: 'We retune the relay.',
          basedOn: [{ nation: 'POL', id: radioId, version: 1 }],
          conflictVersion: conflict!.version,
          assignmentChanges: [{ ...change, id: change.id! }],
        },
      },
      pol,
    );
    const p = proposed.data?.proposeResolution;
    expect(p, JSON.stringify(proposed.errors)).toMatchObject({ state: 'OPEN', sanitized: true });

    // UKR sees it whole and accepts on both versions.
    await expect
      .poll(async () => (await gql(gw.url, Proposals, { conflictId: conflict!.id }, ukr)).data!.proposals, SETTLE)
      .toEqual([expect.objectContaining({ id: p!.id, sanitized: false })]);
    const accepted = await gql(
      gw.url,
      Respond,
      {
        id: p!.id,
        basedOn: [
          { nation: 'POL', id: radioId, version: 1 },
          { nation: 'UKR', id: dronesId, version: 1 },
        ],
      },
      ukr,
    );
    expect(accepted.data?.respondToProposal, JSON.stringify(accepted.errors)).toMatchObject({ state: 'ACCEPTED' });
    for (const token of [pol, ukr])
      await expect.poll(async () => (await spectrumConflicts(token))[0]?.state, SETTLE).toBe('RESOLVED');
    const [retuned] = (await gql(gw.url, Assignments, {}, pol)).data!.spectrumAssignments;
    expect(retuned).toMatchObject({ id: radioId, version: 2, lowMHz: change.lowMHz, highMHz: change.highMHz });
  });

  it('shows every band of the restricted list to POL, never who guards a national one or why', async () => {
    const polStream = subscription(gw.wsUrl, pol, SpectrumUpdates);
    const guarded: RestrictedFrequencyInput = {
      kind: 'GUARDED',
      lowMHz: 1550,
      highMHz: 1560,
      reason: 'UKR SIGINT exploits the adversary net ZEBRA',
      classification: 'CONFIDENTIAL',
      releasableTo: [],
    };
    const set = await gql(gw.url, SetRestricted, { id: 'ukr-sigint-1', input: guarded }, ukr);
    expect(set.data?.setRestrictedFrequency, JSON.stringify(set.errors)).toMatchObject({
      id: 'UKR/ukr-sigint-1',
      withheld: false,
      nation: 'UKR',
      reason: guarded.reason,
      version: 1,
    });
    const band = (list: RestrictedFrequency[]) => list.find((r) => r.lowMHz === 1550 && r.highMHz === 1560);
    await expect
      .poll(async () => band((await gql(gw.url, Restricted, {}, pol)).data!.restrictedFrequencies), SETTLE)
      .toMatchObject({ kind: 'GUARDED', withheld: true, nation: null, reason: null, label: null, version: null });
    const seen = band((await gql(gw.url, Restricted, {}, pol)).data!.restrictedFrequencies)!;
    expect(seen.id).toMatch(/^withheld-[0-9a-f]{32}$/);
    await expect.poll(() => band([...pictureOf(polStream).restricted.values()]), SETTLE).toEqual(seen);
    // (UKR appears where POL's own radio is releasable to UKR: never as the band's nation.)
    expect(JSON.stringify(seen) + everything(polStream)).not.toMatch(/ukr-sigint|ZEBRA|SIGINT|"nation":"UKR"/);
    await polStream.dispose();
  });

  it("names no owner when POL's jammer lands on UKR's national C2 net (a TABOO band): the side, the parties say XXX", async () => {
    const c2 = await gql(
      gw.url,
      SetRestricted,
      {
        id: 'ukr-c2-net',
        input: {
          kind: 'TABOO',
          lowMHz: 30,
          highMHz: 31,
          reason: 'UKR brigade C2',
          classification: 'CONFIDENTIAL',
          releasableTo: [],
        },
      },
      ukr,
    );
    expect(c2.errors).toBeUndefined();
    const jammer = await gql(
      gw.url,
      CreateAssignment,
      {
        input: {
          system: 'Jammer BUG',
          use: 'JAMMER',
          lowMHz: 29,
          highMHz: 32,
          eirpDbm: 50,
          location: { point: { lat: 50.6, lon: 23.6 }, antennaHeightM: 10 },
          priority: 5,
          classification: 'CONFIDENTIAL',
          releasableTo: ['UKR'],
        },
      },
      pol,
    );
    expect(jammer.errors).toBeUndefined();
    const jammerId = jammer.data!.createAssignment.id;
    const onTheNet = async (token: string) =>
      (await spectrumConflicts(token)).find((c) => c.spectrum?.kind === 'RESTRICTED_BAND' && c.state === 'OPEN');
    await expect.poll(() => onTheNet(ukr), SETTLE).toMatchObject({ sanitized: false, parties: ['POL', 'UKR'] });
    const polView = (await onTheNet(pol))!;
    expect(polView).toMatchObject({ sanitized: true, parties: ['POL', 'XXX'] });
    expect(polView.sides).toEqual([
      expect.objectContaining({ nation: 'POL', id: jammerId, withheld: false }),
      { nation: 'XXX', kind: 'TABOO', withheld: true, id: null, name: null, version: null, label: null },
    ]);
    expect(polView.spectrum).toMatchObject({ lowMHz: 30, highMHz: 31, marginDb: null });
    // Nowhere but in the labels of POL's own jammer (releasable to UKR): not its nation, id or reason.
    const unlabelled = { ...polView, label: null, sides: polView.sides.map((x) => ({ ...x, label: null })) };
    expect(JSON.stringify(unlabelled)).not.toMatch(/UKR|ukr-c2-net|brigade|C2/);
    // POL may still negotiate it: the withheld entry is a side nobody versions, so its proposal names its jammer only.
    const retune = await gql(
      gw.url,
      Propose,
      {
        input: {
          conflictId: polView.id,
          kind: 'CHANGE',
          rationale: 'We move the jammer off the restricted band.',
          basedOn: [{ nation: 'POL', id: jammerId, version: 1 }],
          conflictVersion: polView.version,
          assignmentChanges: [{ nation: 'POL', id: jammerId, action: 'END' }],
        },
      },
      pol,
    );
    expect(retune.data?.proposeResolution, JSON.stringify(retune.errors)).toMatchObject({ state: 'OPEN' });
    // POL ends its jammer: the service's own rule, the version it saw.
    const ended = await gql(gw.url, EndAssignment, { id: jammerId, version: 1 }, pol);
    expect(ended.data?.endAssignment, JSON.stringify(ended.errors)).toMatchObject({ state: 'ENDED', version: 2 });
    // Not UKR's to end, and POL may not end what it may not see: both NOT_FOUND at the gateway.
    expect(errorOf(await gql(gw.url, EndAssignment, { id: dronesId, version: 1 }, pol))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("shows a commander the audit records of their nation's assignments and entries only", async () => {
    const [polCmdr, ukrCmdr] = await loginTokens(gw.url, ['pol-cmdr', 'ukr-cmdr'] as const);
    const subjectsFor = async (token: string) =>
      new Set(
        (
          await gql<{ auditLog: { subject: string }[] }, unknown>(
            gw.url,
            '{ auditLog(limit: 500) { subject } }',
            {},
            token,
          )
        ).data!.auditLog.map((r) => r.subject),
      );
    await expect.poll(async () => (await subjectsFor(polCmdr)).has(`assignment:POL/${radioId}`), SETTLE).toBe(true);
    const polSees = [...(await subjectsFor(polCmdr))];
    expect(polSees.filter((x) => /UKR/.test(x))).toEqual([]);
    // The gateway reads the chain every second: wait for UKR's latest record to be read, not only POL's.
    await expect.poll(async () => (await subjectsFor(ukrCmdr)).has('restricted:UKR/ukr-c2-net'), SETTLE).toBe(true);
    const ukrSees = await subjectsFor(ukrCmdr);
    expect([...ukrSees]).toContain(`assignment:UKR/${dronesId}`);
    expect([...ukrSees]).toContain('restricted:UKR/ukr-sigint-1');
    expect(ukrSees.has(`assignment:POL/${radioId}`)).toBe(false);
  });
});
