import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type {
  AirspaceVolume,
  AssignmentDraft,
  Conflict,
  DeconflictionCommand,
  SpectrumAssignment,
} from '@tessera/schema';
import { asFlown, suggestChannel, SpectrumIndex } from '@tessera/service-kit/spectrum';
import { loadScenarioFile } from '@tessera/twin/scenario-file';
import { referenceData } from '@tessera/twin/reference';
import {
  applyAssignmentChange,
  assignmentChangeProblem,
  createAssignment,
  editAssignment,
  endAssignment,
  seededAssignment,
  type Assignments,
} from './assignments.ts';
import { polLiaison, polWatch, ukrLiaison } from './fixtures.ts';
import { DEFAULT_NEGOTIATION, propose, respond, type Sides } from './negotiation.ts';
import { removeRestricted, setRestricted, type RestrictedList } from './restricted.ts';
import { createSpectrumTracker, severityOfMargin } from './spectrum-conflicts.ts';

const T0 = Date.UTC(2026, 10, 26, 12);
const label = (nation: string, releasableTo: string[] = []) => ({
  policy: 'NATO',
  classification: 'RESTRICTED' as const,
  originator: nation,
  releasableTo,
});
const datalink: AssignmentDraft = {
  system: 'ROZ drone datalink',
  use: 'DATALINK',
  lowMHz: 5740,
  highMHz: 5760,
  eirpDbm: 30,
  thresholdDbm: -95,
  tunable: { lowMHz: 5650, highMHz: 5925 },
  location: { kind: 'POINT', point: { lat: 50.75, lon: 23.8 }, antennaHeightM: 300 },
  priority: 6,
  label: label('POL', ['UKR']),
};
const none: Assignments = () => undefined;
const noReservations = () => undefined;
const one =
  (...as: SpectrumAssignment[]): Assignments =>
  (nation, id) =>
    as.find((a) => a.nation === nation && a.id === id);

describe("an assignment's life", () => {
  const made = createAssignment(polLiaison, 'dl-1', datalink, { assignments: none, reservations: noReservations });

  it('is created ACTIVE at version 1 for the liaison’s own nation', () => {
    expect(made).toMatchObject({ ok: true, value: { id: 'dl-1', nation: 'POL', state: 'ACTIVE', version: 1 } });
  });

  it.each([
    ['a watch officer', polWatch, datalink, 'NOT_A_LIAISON'],
    ['a label of another originator', polLiaison, { ...datalink, label: label('UKR') }, 'INVALID'],
    ['a band outside the tunable range', polLiaison, { ...datalink, lowMHz: 5600 }, 'INVALID'],
    ['a jammer without EIRP', polLiaison, { ...datalink, use: 'JAMMER' as const, eirpDbm: undefined }, 'INVALID'],
    [
      'a tie to another nation’s reservation',
      polLiaison,
      { ...datalink, tiedReservation: { nation: 'UKR', id: 'corridor' } },
      'INVALID',
    ],
  ])('refuses %s', (_what, by, draft, rule) => {
    const r = createAssignment(by, 'dl-2', draft as AssignmentDraft, {
      assignments: none,
      reservations: noReservations,
    });
    expect(r.ok ? 'ok' : r.rule).toBe(rule);
  });

  it('is edited at the version seen by its own nation only, and ended for the record', () => {
    const a = made.ok ? made.value : null!;
    const ctx = { assignments: one(a), reservations: noReservations };
    const moved = { ...datalink, lowMHz: 5800, highMHz: 5820 };
    expect(editAssignment(polLiaison, { nation: 'POL', id: 'dl-1', version: 1 }, moved, ctx)).toMatchObject({
      ok: true,
      value: { lowMHz: 5800, version: 2 },
    });
    const stale = editAssignment(polLiaison, { nation: 'POL', id: 'dl-1', version: 2 }, moved, ctx);
    expect(stale).toMatchObject({ ok: false, rule: 'STALE_VERSION', current: [{ version: 1 }] });
    const partner = editAssignment(ukrLiaison, { nation: 'POL', id: 'dl-1', version: 1 }, moved, ctx);
    expect(partner.ok ? 'ok' : partner.rule).toBe('NOT_YOUR_RESERVATION');
    expect(endAssignment(polLiaison, { nation: 'POL', id: 'dl-1', version: 1 }, one(a))).toMatchObject({
      ok: true,
      value: { state: 'ENDED', version: 2 },
    });
  });

  it('an agreed change retunes within the tunable range only; one without a range cannot be retuned', () => {
    const a = seededAssignment({ ...datalink, id: 'dl-1', nation: 'POL', state: 'ACTIVE', version: 4 });
    const change = { assignment: { nation: 'POL', id: 'dl-1' }, action: 'MODIFY' as const };
    expect(applyAssignmentChange(a, { ...change, lowMHz: 5671.75, highMHz: 5691.75 })).toMatchObject({
      lowMHz: 5671.75,
      highMHz: 5691.75,
      version: 2,
    });
    expect(assignmentChangeProblem(a, { ...change, lowMHz: 5600, highMHz: 5620 })).toMatch(/tunable/);
    const fixed = { ...a, tunable: undefined };
    expect(assignmentChangeProblem(fixed, { ...change, lowMHz: 5700, highMHz: 5720 })).toMatch(/cannot be retuned/);
    expect(assignmentChangeProblem(fixed, { ...change, eirpDbm: 20 })).toBeNull();
  });

  it('one tied to a reservation is judged wherever the reservation is, at its own antenna height', () => {
    const roz = { nation: 'POL', id: 'roz', circle: { center: { lat: 50, lon: 23 }, radiusM: 5000 } } as AirspaceVolume;
    const a = { ...datalink, id: 'dl', nation: 'POL', state: 'ACTIVE' as const, version: 1 };
    const tied = { ...a, tiedReservation: { nation: 'POL', id: 'roz' } };
    expect(asFlown(tied, () => roz).location).toEqual({
      kind: 'AREA',
      area: { circle: roz.circle },
      antennaHeightM: 300,
    });
    expect(asFlown(tied, () => ({ ...roz, state: 'ENDED' })).location).toEqual(a.location);
    expect(asFlown(a, () => roz)).toBe(a);
  });
});

describe('the restricted list', () => {
  const draft = { kind: 'PROTECTED' as const, lowMHz: 5740, highMHz: 5760, label: label('POL'), reason: 'datalinks' };
  const empty: RestrictedList = () => undefined;

  it('a liaison adds, replaces at the version seen, and removes (kept) only entries of their own nation', () => {
    const added = setRestricted(polLiaison, 'dl-band', undefined, draft, empty);
    expect(added).toMatchObject({ ok: true, value: { nation: 'POL', version: 1 } });
    const e = added.ok ? added.value : null!;
    const list: RestrictedList = (n, id) => (n === e.nation && id === e.id ? e : undefined);
    expect(setRestricted(polLiaison, 'dl-band', undefined, draft, list)).toMatchObject({ ok: false, rule: 'INVALID' });
    expect(setRestricted(polLiaison, 'dl-band', 2, draft, list)).toMatchObject({ ok: false, rule: 'STALE_VERSION' });
    expect(setRestricted(polLiaison, 'dl-band', 1, { ...draft, highMHz: 5770 }, list)).toMatchObject({
      ok: true,
      value: { highMHz: 5770, version: 2 },
    });
    // UKR names only its own nation's entries: POL's is not even addressable.
    expect(removeRestricted(ukrLiaison, { id: 'dl-band', version: 1 }, list)).toMatchObject({ rule: 'INVALID' });
    expect(removeRestricted(polLiaison, { id: 'dl-band', version: 1 }, list)).toMatchObject({
      ok: true,
      value: { removed: true, version: 2 },
    });
  });

  it('refuses a waiver in another nation’s name and a no-transmission band that is not TABOO', () => {
    const waived = { ...draft, waiver: { by: 'UKR', reason: 'trial' } };
    expect(setRestricted(polLiaison, 'x', undefined, waived, empty)).toMatchObject({ rule: 'INVALID' });
    expect(setRestricted(polLiaison, 'x', undefined, { ...draft, noTransmission: true }, empty)).toMatchObject({
      rule: 'INVALID',
    });
  });
});

describe('spectrum conflicts as objects', () => {
  it('severity follows the margin: ≥ 20 dB or a TABOO band HIGH, ≥ 6 dB MEDIUM, else LOW', () => {
    expect([null, 25, 20, 19.9, 6, 5.9, 0.1].map(severityOfMargin)).toEqual([
      'HIGH',
      'HIGH',
      'HIGH',
      'MEDIUM',
      'MEDIUM',
      'LOW',
      'LOW',
    ]);
  });
});

/** The demo: UKR's corridor jammer blinds POL's ROZ drone datalink; a liaison retunes it and the conflict resolves for both. */
describe("the demo's spectrum plan", async () => {
  const demo = await loadScenarioFile(fileURLToPath(import.meta.resolve('@tessera/twin/scenarios/demo.json')));
  const { assignments, restricted, volumes } = referenceData(demo, T0);
  const roz = volumes.find((v) => v.id === 'pol-roz-hrubieszow')!;
  const reservations = (nation: string, id: string) => volumes.find((v) => v.nation === nation && v.id === id);
  const flown = assignments.map((a) => asFlown(a, reservations));
  const tracker = createSpectrumTracker();
  const found = tracker.all(flown, restricted, new Map(), T0 + 60_000);

  it('has exactly one conflict: the jammer over the datalink tied to the ROZ, 9.1 dB over the threshold', () => {
    expect(found.map((c) => [c.action, c.conflict.kind, c.conflict.parties, c.conflict.severity])).toEqual([
      ['CONFLICT_DETECTED', 'SPECTRUM', ['POL', 'UKR'], 'MEDIUM'],
    ]);
    const c = found[0]!.conflict;
    expect(c.sides.map((s) => [s.nation, s.id, s.kind])).toEqual([
      ['POL', 'pol-roz-datalink', 'DATALINK'],
      ['UKR', 'ukr-ew-volyn', 'JAMMER'],
    ]);
    // By hand: the ROZ (8 km) and the jammer's area (2 km) are 28.35 km apart centre to centre, so
    // 18.35 km edge to edge; FSPL(18.35 km, 5738 MHz) = 25.27 + 75.18 + 32.44 = 132.89 dB;
    // 47 dBm − 132.89 dB = −85.89 dBm, 9.11 dB over the datalink's −95 dBm.
    expect(c.spectrum).toMatchObject({ kind: 'INTERFERENCE', lowMHz: 5738, highMHz: 5762, from: null, to: null });
    expect(c.spectrum!.tiedReservation).toEqual({ nation: 'POL', id: roz.id });
    expect(c.spectrum!.paths).toHaveLength(1);
    expect(c.spectrum!.paths[0]).toMatchObject({ interferer: 1, victim: 0, worstMHz: 5738 });
    expect(c.spectrum!.paths[0]!.distanceKm).toBeCloseTo(18.35, 1);
    expect(c.spectrum!.marginDb).toBeCloseTo(9.11, 1);
    expect(c.region).toBeNull();
  });

  it('the nearest free channel of the datalink, proposed by POL and accepted by UKR, resolves it', () => {
    const c: Conflict = found[0]!.conflict;
    const datalink = assignments.find((a) => a.id === 'pol-roz-datalink')!;
    const jammer = assignments.find((a) => a.id === 'ukr-ew-volyn')!;
    // By hand: the jammer widened by 25 % of 125 MHz starts at 5693.75; the datalink with its 2 MHz
    // guard band must end there: 5671.75-5691.75 MHz, 68.25 MHz down (touching is not overlapping).
    const index = new SpectrumIndex(flown);
    const channel = suggestChannel(asFlown(datalink, reservations), index, { at: T0, restricted });
    expect(channel).toMatchObject({ lowMHz: 5671.75, highMHz: 5691.75, shiftMHz: -68.25 });

    const sides: Sides = { reservations, assignments: one(datalink, jammer) };
    const basedOn = [
      { nation: 'POL', id: datalink.id, version: 1 },
      { nation: 'UKR', id: jammer.id, version: 1 },
    ];
    const cmd: Extract<DeconflictionCommand, { type: 'PROPOSE' }> = {
      type: 'PROPOSE',
      commandId: 'cmd-retune-1',
      conflictId: c.id,
      kind: 'CHANGE',
      rationale: 'Retune the datalink below the jammer',
      basedOn,
      changes: [],
      assignmentChanges: [
        { assignment: { nation: 'POL', id: datalink.id }, action: 'MODIFY', lowMHz: 5671.75, highMHz: 5691.75 },
      ],
      counterTo: null,
      by: polLiaison,
    };
    const policy = DEFAULT_NEGOTIATION;
    const made = propose(cmd, { conflict: c, open: undefined, sides, nowMs: T0, policy });
    if (!made.ok) throw new Error(made.message);
    // A reservation change on a spectrum conflict is refused.
    const wrong = propose(
      { ...cmd, assignmentChanges: [], changes: [{ reservation: { nation: 'POL', id: roz.id }, action: 'END' }] },
      { conflict: c, open: undefined, sides, nowMs: T0, policy },
    );
    expect(wrong).toMatchObject({ ok: false, rule: 'INVALID' });

    const accepted = respond(
      {
        type: 'RESPOND',
        commandId: 'cmd-accept-1',
        proposalId: made.value.proposal.id,
        response: 'ACCEPT',
        reason: 'agreed',
        basedOn,
        by: ukrLiaison,
      },
      { proposal: made.value.proposal, conflict: c, sides, nowMs: T0 + 1000 },
    );
    if (!accepted.ok) throw new Error(accepted.message);
    expect(accepted.value.assignments.map((a) => [a.id, a.lowMHz, a.highMHz, a.version])).toEqual([
      [datalink.id, 5671.75, 5691.75, 2],
    ]);
    const after = tracker.changed(
      accepted.value.assignments.map((a) => asFlown(a, reservations)),
      restricted,
      new Map([[c.id, c]]),
      T0 + 1000,
      made.value.proposal.id,
    );
    expect(after.map((x) => [x.action, x.conflict.state, x.conflict.resolvedBy])).toEqual([
      ['CONFLICT_RESOLVED', 'RESOLVED', made.value.proposal.id],
    ]);
  });

  it('a restricted-band conflict names the TABOO entry as its second side, with no margin', () => {
    // A 30 kHz channel inside COSPAS-SARSAT 406-406.1 MHz, widened by the 25 kHz floor: 405.995-406.075.
    const beacon = { ...assignments[0]!, id: 'beacon', use: 'COMMS' as const, lowMHz: 406.02, highMHz: 406.05 };
    const [c] = createSpectrumTracker().all([beacon], restricted, new Map(), T0);
    expect(c!.conflict.sides.map((s) => [s.nation, s.id, s.kind])).toEqual([
      ['POL', 'beacon', 'COMMS'],
      ['NAT', 'taboo-cospas-sarsat', 'TABOO'],
    ]);
    expect(c!.conflict.spectrum).toMatchObject({ kind: 'RESTRICTED_BAND', marginDb: null, lowMHz: 406, paths: [] });
    expect(c!.conflict.spectrum!.highMHz).toBeCloseTo(406.075, 9);
    expect(c!.conflict.severity).toBe('HIGH');
  });
});
