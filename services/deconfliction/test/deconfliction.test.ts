import { Kvm, type KV } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AIRSPACE_BUCKET,
  airspaceKeys,
  AUTHORITY_BUCKET,
  authorityKeys,
  AirspaceVolume,
  Conflict,
  Proposal,
  referenceKeys,
  subjects,
  type DeconflictionCommand,
  type DeconflictionReply,
  type ReservationChange,
  type ReservationDraft,
  type ReservationRef,
} from '@tessera/schema';
import { createRejector, startReferenceFeed, type NatsLink } from '@tessera/service-kit';
import { engagementRequest } from '@tessera/service-kit/fixtures';
import type { AuditTrail } from '../src/audit-client.ts';
import type { DeconflictionService } from '../src/service.ts';
import {
  ask,
  commandId as cid,
  draft,
  label,
  logger,
  person,
  startDeconfliction,
  startTestBus,
  writeScenarioVolume,
  type TestBus,
} from './support.ts';

/**
 * Two nations' liaison cells share the airspace over the POL/UKR border. POL's liaison reserves a
 * ROZ for interceptor drones; UKR's liaison lays a transit corridor through it. The deconfliction
 * service (its real NATS user, the real authority writing the audit chain on JetStream) finds the
 * conflict, refuses what the rules forbid by name, and carries the negotiation to one agreed change.
 * Then the service is killed between an acceptance and its application, and comes back with the
 * change either wholly applied or not at all.
 */
const polLiaison = person('pol-liaison', 'POL');
const ukrLiaison = person('ukr-liaison', 'UKR');
const WAIT = { timeout: 10_000, interval: 50 };

let bus: TestBus;
let gateway: NatsLink;
let twin: NatsLink;
let service: DeconflictionService;
let serviceLink: NatsLink;
/** TESSERA_AIRSPACE as the gateway reads it. */
let airspace: KV;

const ok = (reply: DeconflictionReply) => {
  if (!reply.ok) throw new Error(`refused: ${reply.rule}: ${reply.message}`);
  return reply;
};
type Propose = Extract<DeconflictionCommand, { type: 'PROPOSE' }>;
/** A person proposes through the gateway: a change when it names changes, else accepting the risk; a counter when it names one. */
const propose = (
  by: Propose['by'],
  conflictId: string,
  p: Pick<Propose, 'rationale' | 'basedOn'> &
    Partial<Pick<Propose, 'kind' | 'changes' | 'assignmentChanges' | 'counterTo'>>,
) =>
  ask(gateway, {
    type: 'PROPOSE',
    commandId: cid(),
    conflictId,
    kind: p.kind ?? (p.changes?.length || p.assignmentChanges?.length ? 'CHANGE' : 'ACCEPT_RISK'),
    rationale: p.rationale,
    basedOn: p.basedOn,
    changes: p.changes ?? [],
    assignmentChanges: p.assignmentChanges ?? [],
    counterTo: p.counterTo ?? null,
    by,
  });
/** A person creates a reservation of their nation through the gateway. */
const create = (by: Propose['by'], id: string, draft: ReservationDraft) =>
  ask(gateway, { type: 'CREATE_RESERVATION', commandId: cid(), id, draft, by });
/** A change of one reservation's altitude block or window. */
const modify = (
  nation: string,
  id: string,
  patch: Omit<ReservationChange, 'reservation' | 'action'>,
): ReservationChange => ({
  reservation: { nation, id },
  action: 'MODIFY',
  ...patch,
});
/** A person answers a proposal through the gateway. */
const respond = (
  by: Propose['by'],
  proposalId: string,
  response: 'ACCEPT' | 'REJECT',
  basedOn: ReservationRef[],
  reason = '',
) => ask(gateway, { type: 'RESPOND', commandId: cid(), proposalId, response, reason, basedOn, by });
async function stored<T>(key: string, schema: { parse(v: unknown): T }): Promise<T | undefined> {
  const e = await airspace.get(key);
  return e && e.operation === 'PUT' ? schema.parse(e.json()) : undefined;
}
const reservation = (nation: string, id: string) => stored(airspaceKeys.reservation(nation, id), AirspaceVolume);
const conflictOf = async (a: string, b: string): Promise<Conflict | undefined> => {
  for await (const key of await airspace.keys('conflict.>')) {
    const c = await stored(key, Conflict);
    if (c && [a, b].every((k) => c.sides.some((s) => `${s.nation}/${s.id}` === k))) return c;
  }
  return undefined;
};
const refs = async (...keys: [string, string][]): Promise<ReservationRef[]> =>
  Promise.all(keys.map(async ([nation, id]) => ({ nation, id, version: (await reservation(nation, id))!.version })));

/** POL's ROZ: a circle of 8 km around Hrubieszow, 0-1500 m. UKR's corridor crosses it west-east at 500-2500 m. */
const roz = draft({
  name: 'ROZ HRUBIESZOW',
  kind: 'ROZ',
  circle: { center: { lat: 50.75, lon: 23.8 }, radiusM: 8000 },
  floorM: 0,
  ceilingM: 1500,
  label: label('POL', ['UKR']),
});
const corridorOutline = [
  { lat: 50.73, lon: 23.4 },
  { lat: 50.73, lon: 24.3 },
  { lat: 50.77, lon: 24.3 },
  { lat: 50.77, lon: 23.4 },
];
const corridor = draft({
  name: 'TRANSIT CORRIDOR VOLYN',
  kind: 'TRANSIT_CORRIDOR',
  outline: corridorOutline,
  floorM: 500,
  ceilingM: 2500,
  label: label('UKR', ['POL']),
});

/** POL's sector as the twin writes it into the scenario. */
const polSouth = (over: Record<string, unknown>) => ({
  id: 'pol-south',
  name: 'POL SOUTH',
  kind: 'SECTOR',
  nation: 'POL',
  label: label('POL', ['UKR'], 'UNCLASSIFIED'),
  outline: corridorOutline,
  floorM: 0,
  ceilingM: 15_000,
  wcs: 'HOLD',
  version: 1,
  ...over,
});

beforeAll(async () => {
  bus = await startTestBus();
  gateway = await bus.as('gateway');
  twin = await bus.as('twin');
  // The scenario as the twin writes it, before the service's first start: a POL sector and a UKR no-fire area.
  await writeScenarioVolume(twin, referenceKeys.volume('POL', 'pol-south'), polSouth({}));
  ({ service, link: serviceLink } = await startDeconfliction(bus));
  airspace = await new Kvm(gateway.nc).open(AIRSPACE_BUCKET);
});

afterAll(async () => {
  await service?.stop();
  await bus?.stop();
});

describe("airspace deconfliction between two nations' liaison cells", () => {
  it("takes the scenario's volumes over at first start, ACTIVE at version 1, and owns them from then on", async () => {
    await expect
      .poll(() => reservation('POL', 'pol-south'), WAIT)
      .toMatchObject({ kind: 'SECTOR', wcs: 'HOLD', state: 'ACTIVE', version: 1 });
    // A volume the twin adds later is seeded too; one the service owns is never overwritten from the scenario.
    await writeScenarioVolume(twin, referenceKeys.volume('UKR', 'ukr-nfa-lviv'), {
      id: 'ukr-nfa-lviv',
      name: 'NFA LVIV',
      kind: 'NO_FIRE_AREA',
      nation: 'UKR',
      label: label('UKR', ['POL'], 'UNCLASSIFIED'),
      circle: { center: { lat: 49.83, lon: 24.0 }, radiusM: 1200 },
      floorM: 0,
      ceilingM: 3000,
      version: 1,
    });
    await writeScenarioVolume(
      twin,
      referenceKeys.volume('POL', 'pol-south'),
      polSouth({ name: 'RENAMED', wcs: 'FREE', version: 9 }),
    );
    await expect.poll(() => reservation('UKR', 'ukr-nfa-lviv'), WAIT).toMatchObject({ state: 'ACTIVE', version: 1 });
    expect(await reservation('POL', 'pol-south')).toMatchObject({ name: 'POL SOUTH', wcs: 'HOLD', version: 1 });
  });

  it("finds the conflict when POL's ROZ and UKR's corridor overlap, with both nations as parties", async () => {
    expect(ok(await create(polLiaison, 'pol-roz-hrubieszow', roz)).reservation).toMatchObject({
      nation: 'POL',
      state: 'ACTIVE',
      version: 1,
    });
    expect(await conflictOf('POL/pol-roz-hrubieszow', 'UKR/ukr-corridor-volyn')).toBeUndefined();
    ok(await create(ukrLiaison, 'ukr-corridor-volyn', corridor));
    const conflict = await vi.waitFor(
      async () => (await conflictOf('POL/pol-roz-hrubieszow', 'UKR/ukr-corridor-volyn'))!,
      WAIT,
    );
    expect(conflict).toMatchObject({
      kind: 'AIRSPACE',
      parties: ['POL', 'UKR'],
      state: 'OPEN',
      resolvedBy: null,
      version: 1,
      region: { floorM: 500, ceilingM: 1500 },
    });
    expect(conflict.sides.map((s) => [s.nation, s.id, s.kind, s.version])).toEqual([
      ['POL', 'pol-roz-hrubieszow', 'ROZ', 1],
      ['UKR', 'ukr-corridor-volyn', 'TRANSIT_CORRIDOR', 1],
    ]);
    expect(conflict.region!.areaKm2).toBeGreaterThan(0);
    // Both sides are releasable to both nations: the full view is theirs, at the stricter classification.
    expect(conflict.label).toEqual({
      policy: 'NATO',
      classification: 'RESTRICTED',
      originator: 'POL',
      releasableTo: ['UKR'],
    });
    // The sector and the no-fire area conflict with nothing: their kinds do not.
    expect(await conflictOf('POL/pol-south', 'UKR/ukr-corridor-volyn')).toBeUndefined();
  });

  it("refuses by name: a liaison cannot edit or end another nation's reservation, a watch officer nothing", async () => {
    const seen = { nation: 'POL', id: 'pol-roz-hrubieszow', version: 1 };
    expect(
      await ask(gateway, {
        type: 'EDIT_RESERVATION',
        commandId: cid(),
        reservation: seen,
        draft: { ...roz, label: label('UKR', ['POL']), ceilingM: 100 },
        by: ukrLiaison,
      }),
    ).toMatchObject({ ok: false, rule: 'NOT_YOUR_RESERVATION' });
    expect(
      await ask(gateway, { type: 'END_RESERVATION', commandId: cid(), reservation: seen, by: ukrLiaison }),
    ).toMatchObject({ ok: false, rule: 'NOT_YOUR_RESERVATION' });
    expect(await create(person('pol-watch', 'POL', 'WATCH_OFFICER'), 'pol-roz-2', roz)).toMatchObject({
      ok: false,
      rule: 'NOT_A_LIAISON',
    });
    expect(await reservation('POL', 'pol-roz-hrubieszow')).toMatchObject({
      version: 1,
      ceilingM: 1500,
      state: 'ACTIVE',
    });
    expect(await reservation('POL', 'pol-roz-2')).toBeUndefined();
  });

  it('answers a repeated command from its stored reply and never applies it twice', async () => {
    const cmd = {
      type: 'EDIT_RESERVATION' as const,
      commandId: cid(),
      reservation: { nation: 'UKR', id: 'ukr-corridor-volyn', version: 1 },
      draft: { ...corridor, name: 'TRANSIT CORRIDOR VOLYN 2' },
      by: ukrLiaison,
    };
    const first = ok(await ask(gateway, cmd));
    expect(first.reservation).toMatchObject({ version: 2, name: 'TRANSIT CORRIDOR VOLYN 2' });
    expect(await ask(gateway, cmd)).toEqual(first);
    expect(await reservation('UKR', 'ukr-corridor-volyn')).toMatchObject({ version: 2 });
    // The conflict follows its sides' versions.
    await expect
      .poll(
        async () => (await conflictOf('POL/pol-roz-hrubieszow', 'UKR/ukr-corridor-volyn'))?.sides.map((s) => s.version),
        WAIT,
      )
      .toEqual([1, 2]);
  });

  it('refuses a proposal based on stale versions, with the current ones (proof of awareness)', async () => {
    const conflict = (await conflictOf('POL/pol-roz-hrubieszow', 'UKR/ukr-corridor-volyn'))!;
    const stale = [
      { nation: 'POL', id: 'pol-roz-hrubieszow', version: 1 },
      { nation: 'UKR', id: 'ukr-corridor-volyn', version: 1 },
    ];
    const lower = modify('POL', 'pol-roz-hrubieszow', { ceilingM: 400 });
    const reply = await propose(polLiaison, conflict.id, {
      rationale: 'drones stay below the corridor',
      basedOn: stale,
      changes: [lower],
    });
    expect(reply).toEqual({
      ok: false,
      rule: 'STALE_VERSION',
      message: expect.any(String),
      current: [stale[0], { ...stale[1], version: 2 }],
    });
    expect([...service.state().proposals]).toEqual([]);
  });

  it('negotiates: POL proposes, UKR counters, POL accepts; the change applies and the conflict resolves', async () => {
    const conflict = (await conflictOf('POL/pol-roz-hrubieszow', 'UKR/ukr-corridor-volyn'))!;
    const basedOn = await refs(['POL', 'pol-roz-hrubieszow'], ['UKR', 'ukr-corridor-volyn']);
    const lowerRoz = modify('POL', 'pol-roz-hrubieszow', { ceilingM: 400 });
    const proposal = ok(
      await propose(polLiaison, conflict.id, {
        rationale: 'our drones stay below 400 m',
        basedOn,
        changes: [lowerRoz],
      }),
    ).proposal!;
    expect(proposal).toMatchObject({ state: 'OPEN', proposedBy: { nation: 'POL' }, basedOn, label: conflict.label });

    // UKR would rather fly its corridor higher than have POL's drones squeezed: a counter replaces POL's proposal.
    const raiseCorridor = modify('UKR', 'ukr-corridor-volyn', { floorM: 1500 });
    const counter = ok(
      await propose(ukrLiaison, conflict.id, {
        rationale: 'we climb to 1500 m before the border',
        basedOn,
        changes: [raiseCorridor],
        counterTo: proposal.id,
      }),
    ).proposal!;
    expect(counter).toMatchObject({ state: 'OPEN', counterTo: proposal.id });
    expect(await stored(airspaceKeys.proposal(proposal.id), Proposal)).toMatchObject({ state: 'COUNTERED' });
    // POL's proposal is no longer open: answering it is refused.
    expect(await respond(ukrLiaison, proposal.id, 'ACCEPT', basedOn)).toMatchObject({ ok: false, rule: 'NOT_OPEN' });
    // UKR made the counter: it does not answer it too.
    expect(await respond(ukrLiaison, counter.id, 'ACCEPT', basedOn)).toMatchObject({
      ok: false,
      rule: 'ALREADY_RESPONDED',
    });

    const accepted = ok(
      await respond(polLiaison, counter.id, 'ACCEPT', basedOn, 'agreed: the corridor climbs'),
    ).proposal!;
    expect(accepted).toMatchObject({
      state: 'ACCEPTED',
      responses: [{ nation: 'POL', username: 'pol-liaison', response: 'ACCEPT' }],
    });
    expect(await reservation('UKR', 'ukr-corridor-volyn')).toMatchObject({ floorM: 1500, ceilingM: 2500, version: 3 });
    expect(await reservation('POL', 'pol-roz-hrubieszow')).toMatchObject({ ceilingM: 1500, version: 1 });
    // The corridor's floor now meets the ROZ's ceiling: touching at a boundary altitude is no conflict.
    await expect
      .poll(() => conflictOf('POL/pol-roz-hrubieszow', 'UKR/ukr-corridor-volyn'), WAIT)
      .toMatchObject({ state: 'RESOLVED', resolvedBy: counter.id });
  });

  it("keeps every change in the signed chain, in the service's name or the person's it vouched for", async () => {
    const chain = await bus.verifyChain();
    expect(chain.ok).toBe(true);
    expect(chain.actions).toEqual(
      expect.arrayContaining([
        'RESERVATION_SEEDED',
        'RESERVATION_CREATED',
        'RESERVATION_EDITED',
        'CONFLICT_DETECTED',
        'CONFLICT_UPDATED',
        'REFUSED',
        'PROPOSAL_MADE',
        'PROPOSAL_COUNTERED',
        'PROPOSAL_ACCEPTED',
        'CONFLICT_RESOLVED',
      ]),
    );
  });

  it('lets the readers of volumes (the authority, the gateway, the interceptor) see the airspace as the service keeps it, ENDED left out', async () => {
    const link = await bus.as('authority');
    const feed = startReferenceFeed({
      link,
      rejector: createRejector({ nc: link.nc, service: 'authority', logger }),
      logger,
    });
    try {
      await expect
        .poll(() => [...feed.volumes()].map((v) => `${v.nation}/${v.id} v${v.version}`).sort(), WAIT)
        .toEqual(['POL/pol-roz-hrubieszow v1', 'POL/pol-south v1', 'UKR/ukr-corridor-volyn v3', 'UKR/ukr-nfa-lviv v1']);
      ok(
        await ask(gateway, {
          type: 'END_RESERVATION',
          commandId: cid(),
          reservation: { nation: 'UKR', id: 'ukr-nfa-lviv', version: 1 },
          by: person('ukr-cmdr', 'UKR', 'COMMANDER'),
        }),
      );
      await expect.poll(() => [...feed.volumes()].some((v) => v.id === 'ukr-nfa-lviv'), WAIT).toBe(false);
      expect(await reservation('UKR', 'ukr-nfa-lviv')).toMatchObject({ state: 'ENDED', version: 2 });
    } finally {
      feed.stop();
    }
  });

  it('expires a proposal nobody answered, at its deadline', async () => {
    let offsetMs = 0;
    await service.stop();
    ({ service, link: serviceLink } = await startDeconfliction(bus, { clock: { now: () => Date.now() + offsetMs } }));
    ok(await create(polLiaison, 'pol-roz-2', { ...roz, name: 'ROZ 2', floorM: 2000, ceilingM: 3000 }));
    const conflict = await vi.waitFor(async () => (await conflictOf('POL/pol-roz-2', 'UKR/ukr-corridor-volyn'))!, WAIT);
    const basedOn = await refs(['POL', 'pol-roz-2'], ['UKR', 'ukr-corridor-volyn']);
    const proposal = ok(
      await propose(polLiaison, conflict.id, { rationale: 'separated by time on the day', basedOn }),
    ).proposal!;
    offsetMs = Date.parse(proposal.expiresAt) - Date.now();
    await service.tick();
    expect(await stored(airspaceKeys.proposal(proposal.id), Proposal)).toMatchObject({ state: 'EXPIRED' });
    expect(await respond(ukrLiaison, proposal.id, 'ACCEPT', basedOn, 'late')).toMatchObject({
      ok: false,
      rule: 'NOT_OPEN',
    });
  });
});

describe('engagements against the airspace', () => {
  it("shows UKR's liaison a POL engagement whose flyout crosses UKR's no-fire area, until the request is over", async () => {
    ok(
      await create(
        ukrLiaison,
        'ukr-nfa-kovel',
        draft({
          name: 'NFA KOVEL',
          kind: 'NO_FIRE_AREA',
          outline: [
            { lat: 51.0, lon: 24.0 },
            { lat: 51.0, lon: 24.04 },
            { lat: 51.02, lon: 24.04 },
            { lat: 51.02, lon: 24.0 },
          ],
          floorM: 0,
          ceilingM: 10_000,
          label: label('UKR', ['POL']),
        }),
      ),
    );
    // The authority's state, as the authority writes it: POL's drone flies north across the area to its intercept.
    const authority = await new Kvm((await bus.as('authority')).nc).open(AUTHORITY_BUCKET);
    const now = Date.now();
    const request = engagementRequest({
      id: 'pol-eng-kovel-1',
      createdAt: new Date(now).toISOString(),
      deadline: new Date(now + 60_000).toISOString(),
    });
    request.engagement = {
      ...request.engagement!,
      effectorPosition: { lat: 50.98, lon: 24.02 },
      interceptPoint: { lat: 51.06, lon: 24.02, altM: 400 },
      interceptAt: new Date(now + 40_000).toISOString(),
    };
    await authority.put(authorityKeys.request(request.id), JSON.stringify(request));
    const engagementConflict = () =>
      [...service.state().conflicts].find((c) => c.kind === 'ENGAGEMENT' && c.sides[0]!.id === request.id);
    const conflict = await vi.waitFor(() => {
      const c = engagementConflict();
      if (!c) throw new Error('no engagement conflict yet');
      return c;
    }, WAIT);
    expect(conflict).toMatchObject({ parties: ['POL', 'UKR'], state: 'OPEN', severity: 'HIGH' });
    expect(conflict.sides.map((s) => [s.nation, s.kind, s.id])).toEqual([
      ['POL', 'ENGAGEMENT', request.id],
      ['UKR', 'NO_FIRE_AREA', 'ukr-nfa-kovel'],
    ]);
    // Stored where the gateway reads conflicts, like any other.
    expect((await stored(airspaceKeys.conflict(conflict.id), Conflict))?.kind).toBe('ENGAGEMENT');
    // A restart keeps it as it was: never resolved while the requests are read again, never re-detected.
    await service.stop();
    await serviceLink.nc.close();
    ({ service, link: serviceLink } = await startDeconfliction(bus));
    await service.tick();
    expect(engagementConflict()).toMatchObject({ state: 'OPEN', version: conflict.version });
    // Not negotiated: the commanders deciding the request settle it.
    expect(
      await propose(ukrLiaison, conflict.id, {
        rationale: 'the drone is small',
        basedOn: await refs(['UKR', 'ukr-nfa-kovel']),
      }),
    ).toMatchObject({ ok: false, rule: 'NOT_NEGOTIABLE' });
    // The commanders deny the request: the conflict is over.
    await authority.put(authorityKeys.request(request.id), JSON.stringify({ ...request, state: 'DENIED', version: 2 }));
    await vi.waitFor(() => expect(engagementConflict()?.state).toBe('RESOLVED'), WAIT);
    expect((await bus.verifyChain()).actions).toEqual(
      expect.arrayContaining(['CONFLICT_DETECTED', 'CONFLICT_RESOLVED']),
    );
  });

  it('dead-letters a malformed request read from the authority bucket and goes on', async () => {
    const operator = await bus.as('operator');
    const letters: string[] = [];
    const dl = operator.nc.subscribe(subjects.deadLetter('deconfliction'), {
      callback: (_e, m) => void letters.push(m.string()),
    });
    await operator.nc.flush();
    const authority = await new Kvm((await bus.as('authority')).nc).open(AUTHORITY_BUCKET);
    await authority.put(authorityKeys.request('garbage'), '{"kind":"ENGAGEMENT"');
    await authority.put(authorityKeys.request('not-a-request'), JSON.stringify({ id: 'x', kind: 'ENGAGEMENT' }));
    await vi.waitFor(() => expect(letters.filter((l) => l.includes('request.')).length).toBe(2), WAIT);
    dl.unsubscribe();
    // Still serving.
    ok(
      await create(
        ukrLiaison,
        'ukr-nfa-after-garbage',
        draft({
          name: 'NFA AFTER',
          kind: 'NO_FIRE_AREA',
          circle: { center: { lat: 52, lon: 25 }, radiusM: 500 },
          label: label('UKR', ['POL']),
        }),
      ),
    );
  });
});

describe('a kill between acceptance and application', () => {
  /** A new conflict (POL ROZ 3 against the corridor) with an open proposal that changes both sides. */
  /**
   * After the restart the agreed change is in whole: the ROZ above 2600 m, the corridor below it one
   * version on, the proposal accepted, the conflict resolved; asked again, the acceptance is answered
   * as it was applied, not applied twice.
   */
  async function expectWhollyApplied(
    rozId: string,
    corridorVersionBefore: number,
    agreed: Pick<Awaited<ReturnType<typeof openProposalOnBothSides>>, 'conflict' | 'proposal' | 'accept'>,
  ) {
    expect(await reservation('POL', rozId)).toMatchObject({ floorM: 2600, ceilingM: 3000, version: 2 });
    const corridorAfter = { ceilingM: 2600, version: corridorVersionBefore + 1 };
    expect(await reservation('UKR', 'ukr-corridor-volyn')).toMatchObject(corridorAfter);
    expect(await stored(airspaceKeys.proposal(agreed.proposal.id), Proposal)).toMatchObject({ state: 'ACCEPTED' });
    expect(await stored(airspaceKeys.conflict(agreed.conflict.id), Conflict)).toMatchObject({ state: 'RESOLVED' });
    expect(await ask(gateway, agreed.accept)).toMatchObject({ ok: true, proposal: { state: 'ACCEPTED' } });
    expect(await reservation('UKR', 'ukr-corridor-volyn')).toMatchObject(corridorAfter);
  }

  async function openProposalOnBothSides(id: string) {
    ok(
      await ask(gateway, {
        type: 'CREATE_RESERVATION',
        commandId: cid(),
        id,
        draft: { ...roz, name: id, floorM: 2000, ceilingM: 2400 },
        by: polLiaison,
      }),
    );
    const conflict = await vi.waitFor(async () => (await conflictOf(`POL/${id}`, 'UKR/ukr-corridor-volyn'))!, WAIT);
    const basedOn = await refs(['POL', id], ['UKR', 'ukr-corridor-volyn']);
    const changes: ReservationChange[] = [
      { reservation: { nation: 'POL', id }, action: 'MODIFY', floorM: 2600, ceilingM: 3000 },
      { reservation: { nation: 'UKR', id: 'ukr-corridor-volyn' }, action: 'MODIFY', ceilingM: 2600 },
    ];
    const proposal = ok(
      await propose(polLiaison, conflict.id, { rationale: 'stack them', basedOn, changes }),
    ).proposal!;
    const accept = {
      type: 'RESPOND' as const,
      commandId: cid(),
      proposalId: proposal.id,
      response: 'ACCEPT' as const,
      reason: 'agreed',
      basedOn,
      by: ukrLiaison,
    };
    return { conflict, proposal, accept, basedOn };
  }

  async function kill() {
    await service.stop();
    await serviceLink.nc.close();
  }

  it('a write that fails after the first reservation is stored: half-applied until the restart, then wholly applied', async () => {
    let armed = false;
    let writes = 0;
    const failSecondReservationWrite = (kv: KV): KV =>
      new Proxy(kv, {
        get(target, prop, receiver) {
          if (prop !== 'update') return Reflect.get(target, prop, receiver);
          return async (key: string, ...rest: unknown[]) => {
            if (armed && key.startsWith('reservation.') && ++writes === 2)
              throw new Error('killed between the two writes');
            return (target.update as (...a: unknown[]) => Promise<number>)(key, ...rest);
          };
        },
      });
    await kill();
    ({ service, link: serviceLink } = await startDeconfliction(bus, { bucket: failSecondReservationWrite }));
    const { conflict, proposal, accept } = await openProposalOnBothSides('pol-roz-3');
    const corridorBefore = (await reservation('UKR', 'ukr-corridor-volyn'))!;
    armed = true;
    expect(await ask(gateway, accept)).toMatchObject({ ok: false, rule: 'UNAVAILABLE' });
    await kill();
    // Half-applied in KV: POL's ROZ moved, UKR's corridor and the proposal not.
    expect(await reservation('POL', 'pol-roz-3')).toMatchObject({ floorM: 2600, version: 2 });
    expect(await reservation('UKR', 'ukr-corridor-volyn')).toMatchObject({
      ceilingM: corridorBefore.ceilingM,
      version: corridorBefore.version,
    });

    ({ service, link: serviceLink } = await startDeconfliction(bus));
    await expectWhollyApplied('pol-roz-3', corridorBefore.version, { conflict, proposal, accept });
  });

  it("an acceptance audited but never written (the reply from the chain's writer lost): wholly applied after the restart", async () => {
    let armed = false;
    const loseTheAnswer = (trail: AuditTrail): AuditTrail => ({
      records: (from) => trail.records(from),
      async append(entry) {
        const seq = await trail.append(entry);
        if (armed && entry.action === 'PROPOSAL_ACCEPTED')
          throw new Error('killed right after the audit record was stored');
        return seq;
      },
    });
    await kill();
    ({ service, link: serviceLink } = await startDeconfliction(bus, { audit: loseTheAnswer }));
    const { conflict, proposal, accept } = await openProposalOnBothSides('pol-roz-4');
    const corridorBefore = (await reservation('UKR', 'ukr-corridor-volyn'))!;
    armed = true;
    expect(await ask(gateway, accept)).toMatchObject({ ok: false, rule: 'UNAVAILABLE' });
    await kill();
    // Nothing written yet: the chain is ahead of KV.
    expect(await reservation('POL', 'pol-roz-4')).toMatchObject({ version: 1 });
    expect(await stored(airspaceKeys.proposal(proposal.id), Proposal)).toMatchObject({ state: 'OPEN' });

    ({ service, link: serviceLink } = await startDeconfliction(bus));
    await expectWhollyApplied('pol-roz-4', corridorBefore.version, { conflict, proposal, accept });
    expect((await bus.verifyChain()).ok).toBe(true);
  });
});
