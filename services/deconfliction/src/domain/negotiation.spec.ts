import { describe, expect, it } from 'vitest';
import type {
  AirspaceVolume,
  Conflict,
  DeconflictionCommand,
  Proposal,
  ReservationChange,
  ReservationRef,
} from '@tessera/schema';
import { iso, label, T0 } from '@tessera/service-kit/fixtures';
import { DEFAULT_NEGOTIATION, expired, proposalUpkeep, propose, respond, superseded } from './negotiation.ts';
import type { Reservations } from './reservations.ts';
import type { Sides } from './negotiation.ts';
import { ltuLiaison, polLiaison, ukrCmdr, ukrLiaison, ukrWatch } from './fixtures.ts';
import { sideOf } from './conflicts.ts';

type Propose = Extract<DeconflictionCommand, { type: 'PROPOSE' }>;
type Respond = Extract<DeconflictionCommand, { type: 'RESPOND' }>;

const square = [
  { lat: 50.0, lon: 23.0 },
  { lat: 50.0, lon: 23.2 },
  { lat: 50.2, lon: 23.2 },
  { lat: 50.2, lon: 23.0 },
];
const volume = (nation: string, id: string, kind: AirspaceVolume['kind'], version: number): AirspaceVolume => ({
  id,
  nation,
  name: id.toUpperCase(),
  kind,
  label: label(nation, nation === 'POL' ? ['UKR'] : ['POL']),
  outline: square,
  floorM: 0,
  ceilingM: 1500,
  validFrom: iso(T0),
  validTo: iso(T0 + 4 * 3_600_000),
  state: 'ACTIVE',
  version,
});
const roz = volume('POL', 'roz-1', 'ROZ', 2);
const corridor = volume('UKR', 'corridor-1', 'TRANSIT_CORRIDOR', 1);
const world =
  (...vs: AirspaceVolume[]): Reservations =>
  (nation, id) =>
    vs.find((v) => v.nation === nation && v.id === id);
const reservations = world(roz, corridor);
/** The sides of an airspace conflict: these reservations, no assignments. */
const sidesOf = (r: Reservations): Sides => ({ reservations: r, assignments: () => undefined });
const sides = sidesOf(reservations);
const seen: ReservationRef[] = [
  { nation: 'POL', id: 'roz-1', version: 2 },
  { nation: 'UKR', id: 'corridor-1', version: 1 },
];

const conflict: Conflict = {
  id: 'c-1',
  kind: 'AIRSPACE',
  parties: ['POL', 'UKR'],
  sides: [roz, corridor].map(sideOf),
  region: { outline: square, floorM: 0, ceilingM: 1500, from: iso(T0), to: iso(T0 + 4 * 3_600_000), areaKm2: 490 },
  severity: 'MEDIUM',
  state: 'OPEN',
  label: label('POL', ['UKR']),
  detectedAt: iso(T0),
  updatedAt: iso(T0),
  resolvedBy: null,
  version: 1,
};

const lower: ReservationChange = { reservation: { nation: 'POL', id: 'roz-1' }, action: 'MODIFY', ceilingM: 400 };
const raise: ReservationChange = { reservation: { nation: 'UKR', id: 'corridor-1' }, action: 'MODIFY', floorM: 600 };
let commands = 0;
const proposeCmd = (over: Partial<Propose> = {}): Propose => ({
  type: 'PROPOSE',
  commandId: `cmd-propose-${++commands}`,
  conflictId: 'c-1',
  kind: 'CHANGE',
  rationale: 'drones stay below the corridor',
  basedOn: seen,
  changes: [lower],
  assignmentChanges: [],
  counterTo: null,
  by: polLiaison,
  ...over,
});
const respondCmd = (proposalId: string, over: Partial<Respond> = {}): Respond => ({
  type: 'RESPOND',
  commandId: `cmd-respond-${++commands}`,
  proposalId,
  response: 'ACCEPT',
  reason: 'agreed',
  basedOn: seen,
  by: ukrLiaison,
  ...over,
});

const ctx = (over: Partial<Parameters<typeof propose>[1]> = {}) => ({
  conflict,
  open: undefined,
  sides,
  nowMs: T0,
  policy: DEFAULT_NEGOTIATION,
  ...over,
});
const made = (cmd = proposeCmd(), over: Partial<Parameters<typeof propose>[1]> = {}): Proposal => {
  const r = propose(cmd, ctx(over));
  if (!r.ok) throw new Error(`${r.rule}: ${r.message}`);
  return r.value.proposal;
};

describe('proposing a resolution', () => {
  const open = made();
  it.each([
    ['a liaison of a party', proposeCmd(), ctx(), 'ok'],
    ['a commander of a party', proposeCmd({ by: ukrCmdr, changes: [raise] }), ctx(), 'ok'],
    ['a watch officer of a party', proposeCmd({ by: ukrWatch }), ctx(), 'NOT_A_LIAISON'],
    ['a liaison of a nation not party to it', proposeCmd({ by: ltuLiaison }), ctx(), 'NOT_A_PARTY'],
    [
      'for a conflict that is not open',
      proposeCmd(),
      ctx({ conflict: { ...conflict, state: 'RESOLVED' } }),
      'NOT_OPEN',
    ],
    ['for a conflict that does not exist', proposeCmd(), ctx({ conflict: undefined }), 'INVALID'],
    [
      'based on an older version',
      proposeCmd({ basedOn: [{ ...seen[0]!, version: 1 }, seen[1]!] }),
      ctx(),
      'STALE_VERSION',
    ],
    ['naming only one side', proposeCmd({ basedOn: [seen[0]!] }), ctx(), 'STALE_VERSION'],
    [
      'naming a reservation of no side',
      proposeCmd({ basedOn: [...seen, { nation: 'LTU', id: 'x', version: 1 }] }),
      ctx(),
      'INVALID',
    ],
    ['while another is open, without countering it', proposeCmd(), ctx({ open }), 'INVALID'],
    ['countering a proposal that is not the open one', proposeCmd({ counterTo: 'p-other' }), ctx({ open }), 'NOT_OPEN'],
    ['countering when nothing is open', proposeCmd({ counterTo: open.id }), ctx(), 'NOT_OPEN'],
    ['accepting the risk with changes', proposeCmd({ kind: 'ACCEPT_RISK' }), ctx(), 'INVALID'],
    ['a change without changes', proposeCmd({ changes: [] }), ctx(), 'INVALID'],
    [
      'changing a reservation of no side',
      proposeCmd({ changes: [{ ...lower, reservation: { nation: 'LTU', id: 'x' } }] }),
      ctx(),
      'INVALID',
    ],
    ['changing one reservation twice', proposeCmd({ changes: [lower, lower] }), ctx(), 'INVALID'],
    [
      'a MODIFY that changes nothing',
      proposeCmd({ changes: [{ reservation: lower.reservation, action: 'MODIFY' }] }),
      ctx(),
      'INVALID',
    ],
    ['an END that also reshapes', proposeCmd({ changes: [{ ...lower, action: 'END' }] }), ctx(), 'INVALID'],
    [
      'a change leaving the floor above the ceiling',
      proposeCmd({ changes: [{ ...raise, floorM: 5000 }] }),
      ctx(),
      'INVALID',
    ],
  ])('%s → %s', (_what, cmd, context, expected) => {
    const r = propose(cmd, context);
    expect(r.ok ? 'ok' : r.rule).toBe(expected);
  });

  it('refuses stale versions with the current ones', () => {
    expect(propose(proposeCmd({ basedOn: [{ ...seen[0]!, version: 1 }, seen[1]!] }), ctx())).toMatchObject({
      ok: false,
      rule: 'STALE_VERSION',
      current: seen,
    });
  });

  it("opens a proposal with the versions it saw, expiring after the policy's time, labelled as its conflict", () => {
    expect(made()).toMatchObject({
      conflictId: 'c-1',
      state: 'OPEN',
      basedOn: seen,
      responses: [],
      counterTo: null,
      proposedBy: { nation: 'POL' },
      createdAt: iso(T0),
      expiresAt: iso(T0 + 30 * 60_000),
      label: conflict.label,
      version: 1,
    });
  });

  it('a counter replaces the open proposal, which is COUNTERED', () => {
    const r = propose(proposeCmd({ by: ukrLiaison, changes: [raise], counterTo: open.id }), ctx({ open }));
    expect(r).toMatchObject({
      ok: true,
      value: {
        proposal: { state: 'OPEN', counterTo: open.id, proposedBy: { nation: 'UKR' } },
        countered: { id: open.id, state: 'COUNTERED', version: 2 },
      },
    });
  });
});

describe('answering a proposal', () => {
  const open = made();
  const answer = (cmd: Respond, over: Partial<Parameters<typeof respond>[1]> = {}) =>
    respond(cmd, { proposal: open, conflict, sides, nowMs: T0 + 60_000, ...over });

  it.each([
    ['the other party accepts', respondCmd(open.id), {}, 'ok'],
    ['the proposing nation answers its own proposal', respondCmd(open.id, { by: polLiaison }), {}, 'ALREADY_RESPONDED'],
    [
      'the other party answers twice',
      respondCmd(open.id),
      {
        proposal: {
          ...open,
          responses: [{ nation: 'UKR', username: 'ukr-cmdr', response: 'ACCEPT' as const, reason: '', at: iso(T0) }],
        },
      },
      'ALREADY_RESPONDED',
    ],
    ['a nation not party to it', respondCmd(open.id, { by: ltuLiaison }), {}, 'NOT_A_PARTY'],
    ['a watch officer', respondCmd(open.id, { by: ukrWatch }), {}, 'NOT_A_LIAISON'],
    [
      'having seen older versions',
      respondCmd(open.id, { basedOn: [seen[0]!, { ...seen[1]!, version: 0 }] }),
      {},
      'STALE_VERSION',
    ],
    [
      'after a reservation it was based on changed',
      respondCmd(open.id, { basedOn: [{ ...seen[0]!, version: 3 }, seen[1]!] }),
      { sides: sidesOf(world({ ...roz, version: 3 }, corridor)) },
      'STALE_VERSION',
    ],
    [
      'a proposal that was countered',
      respondCmd(open.id),
      { proposal: { ...open, state: 'COUNTERED' as const } },
      'NOT_OPEN',
    ],
    ['at the instant it expires', respondCmd(open.id), { nowMs: Date.parse(open.expiresAt) }, 'NOT_OPEN'],
    ['a proposal that does not exist', respondCmd('p-none'), { proposal: undefined }, 'INVALID'],
  ])('%s → %s', (_what, cmd, over, expected) => {
    const r = answer(cmd, over);
    expect(r.ok ? 'ok' : r.rule).toBe(expected);
  });

  it('one REJECT rejects and changes nothing', () => {
    expect(answer(respondCmd(open.id, { response: 'REJECT', reason: 'we fly at 300 m' }))).toMatchObject({
      ok: true,
      value: {
        proposal: { state: 'REJECTED', version: 2, responses: [{ nation: 'UKR', response: 'REJECT' }] },
        reservations: [],
        conflict: null,
      },
    });
  });

  it('when every other party accepted, every change applies at once and versions bump', () => {
    const both = made(proposeCmd({ changes: [lower, raise] }));
    const r = respond(respondCmd(both.id), { proposal: both, conflict, sides, nowMs: T0 });
    expect(r).toMatchObject({ ok: true, value: { proposal: { state: 'ACCEPTED' }, conflict: null } });
    expect(r.ok && r.value.reservations.map((v) => [v.id, v.version, v.floorM, v.ceilingM])).toEqual([
      ['roz-1', 3, 0, 400],
      ['corridor-1', 2, 600, 1500],
    ]);
  });

  it('accepting the risk changes no reservation and marks the conflict ACCEPTED_RISK', () => {
    const risk = made(proposeCmd({ kind: 'ACCEPT_RISK', changes: [] }));
    expect(respond(respondCmd(risk.id), { proposal: risk, conflict, sides, nowMs: T0 })).toMatchObject({
      ok: true,
      value: {
        proposal: { state: 'ACCEPTED' },
        reservations: [],
        conflict: { state: 'ACCEPTED_RISK', resolvedBy: risk.id, version: 2 },
      },
    });
  });
});

describe('proposals over time', () => {
  const open = made();
  it('expires exactly at its deadline, not before', () => {
    expect(expired(open, Date.parse(open.expiresAt) - 1)).toBeNull();
    expect(expired(open, Date.parse(open.expiresAt))).toMatchObject({ state: 'EXPIRED', version: 2 });
    expect(expired({ ...open, state: 'ACCEPTED' }, Date.parse(open.expiresAt) + 1)).toBeNull();
  });

  it.each([
    ['nothing changed', conflict, reservations, null],
    ['a reservation it was based on changed', conflict, world({ ...roz, version: 3 }, corridor), 'SUPERSEDED'],
    ['its conflict was resolved', { ...conflict, state: 'RESOLVED' as const }, reservations, 'SUPERSEDED'],
    ['its conflict is gone', undefined, reservations, 'SUPERSEDED'],
  ])('is superseded when %s', (_what, c, r, expected) => {
    expect(superseded(open, c, sidesOf(r))?.state ?? null).toBe(expected);
  });

  it('upkeep finds what expired and what was superseded, once each', () => {
    const other = made(proposeCmd({ conflictId: 'c-2' }), { conflict: { ...conflict, id: 'c-2' } });
    const conflicts = (id: string) =>
      id === 'c-1' ? conflict : { ...conflict, id: 'c-2', state: 'RESOLVED' as const };
    const late = Date.parse(open.expiresAt);
    expect(
      proposalUpkeep([open, other, { ...open, id: 'p-done', state: 'ACCEPTED' }], conflicts, sides, late).map((u) => [
        u.proposal.id,
        u.action,
      ]),
    ).toEqual([
      [open.id, 'PROPOSAL_EXPIRED'],
      [other.id, 'PROPOSAL_SUPERSEDED'],
    ]);
  });
});
