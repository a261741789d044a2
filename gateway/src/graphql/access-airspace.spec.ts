import { describe, expect, it } from 'vitest';
import {
  canSee,
  type AirspaceVolume,
  type Classification,
  type Conflict,
  type Label,
  type ReservationChange,
  type User,
} from '@tessera/schema';
import { label } from '@tessera/service-kit/fixtures';
import { conflict as conflictOf, proposal as proposalOf, reservation } from '../../test/fixtures.ts';
import {
  releaseConflict,
  releaseMessage,
  releaseProposal,
  releaseRefs,
  type ReleasedReservationChange,
  type ReservationLabels,
} from './access-airspace.ts';

/**
 * Who receives what of a conflict and of a proposal (DOMAIN.md, "Confidentiality label": derived
 * objects and sanitized views), worked through for a POL ROZ over a UKR transit corridor. The labels
 * of the two reservations vary per row; so do the viewer's nation and clearance.
 */
const user = (nation: string | null, clearance: Classification = 'SECRET'): User => ({
  username: `${nation ?? 'admin'}-${clearance}`.toLowerCase(),
  displayName: 'viewer',
  nation,
  roles: nation ? ['LIAISON'] : ['ADMIN'],
  clearance,
});

const shared = label('POL', ['UKR', 'LTU'], 'CONFIDENTIAL');
const polOnly = label('POL', [], 'CONFIDENTIAL');
const ukrShared = label('UKR', ['POL', 'LTU'], 'CONFIDENTIAL');
const ukrNational = label('UKR', [], 'SECRET');
const ukrWithPol = label('UKR', ['POL'], 'SECRET');

const roz = (l: Label) => reservation('POL', 'pol-roz-alpha', { name: 'POL ROZ ALPHA', label: l });
const corridor = (l: Label) =>
  reservation('UKR', 'ukr-corridor-7', { name: 'UKR CORRIDOR SEVEN', kind: 'TRANSIT_CORRIDOR', label: l });

/** What a viewer receives: the full view, a sanitized one withholding these nations' sides, or nothing. */
type Expected = 'full' | { withheld: string[] } | null;

interface Row {
  what: string;
  polLabel: Label;
  ukrLabel: Label;
  viewer: User;
  expected: Expected;
  /** What the gateway knows of each reservation now (the current label in the airspace bucket). */
  now?: Record<string, Label>;
  over?: Partial<Conflict>;
}

const rows: Row[] = [
  {
    what: 'a POL liaison, both reservations shared',
    polLabel: shared,
    ukrLabel: ukrShared,
    viewer: user('POL', 'CONFIDENTIAL'),
    expected: 'full',
  },
  {
    what: 'a UKR liaison, both reservations shared',
    polLabel: shared,
    ukrLabel: ukrShared,
    viewer: user('UKR', 'CONFIDENTIAL'),
    expected: 'full',
  },
  {
    what: 'a non-party that may see both (LTU)',
    polLabel: shared,
    ukrLabel: ukrShared,
    viewer: user('LTU'),
    expected: 'full',
  },
  {
    what: 'the POL party, the UKR corridor national',
    polLabel: shared,
    ukrLabel: ukrNational,
    viewer: user('POL'),
    expected: { withheld: ['UKR'] },
  },
  {
    what: 'the UKR party, the corridor national but the ROZ shared with UKR',
    polLabel: shared,
    ukrLabel: ukrNational,
    viewer: user('UKR'),
    expected: 'full',
  },
  {
    what: 'both parties see only their own: POL',
    polLabel: polOnly,
    ukrLabel: ukrNational,
    viewer: user('POL'),
    expected: { withheld: ['UKR'] },
  },
  {
    what: 'both parties see only their own: UKR',
    polLabel: polOnly,
    ukrLabel: ukrNational,
    viewer: user('UKR'),
    expected: { withheld: ['POL'] },
  },
  {
    what: 'a non-party that may see one side only (LTU)',
    polLabel: shared,
    ukrLabel: ukrNational,
    viewer: user('LTU'),
    expected: null,
  },
  {
    what: 'a non-party that may see neither (DEU)',
    polLabel: shared,
    ukrLabel: ukrShared,
    viewer: user('DEU'),
    expected: null,
  },
  {
    what: 'a party whose clearance is below its own side (UKR, CONFIDENTIAL)',
    polLabel: shared,
    ukrLabel: ukrNational,
    viewer: user('UKR', 'CONFIDENTIAL'),
    expected: null,
  },
  {
    what: 'a party whose clearance is below the other side (POL, CONFIDENTIAL)',
    polLabel: shared,
    ukrLabel: ukrWithPol,
    viewer: user('POL', 'CONFIDENTIAL'),
    expected: { withheld: ['UKR'] },
  },
  {
    what: 'the same party cleared for it (POL, SECRET)',
    polLabel: shared,
    ukrLabel: ukrWithPol,
    viewer: user('POL', 'SECRET'),
    expected: 'full',
  },
  {
    what: 'a clearance below both (POL, RESTRICTED)',
    polLabel: shared,
    ukrLabel: ukrShared,
    viewer: user('POL', 'RESTRICTED'),
    expected: null,
  },
  { what: 'someone of no nation (ADMIN)', polLabel: shared, ukrLabel: ukrShared, viewer: user(null), expected: null },
  // A side's reservation labelled stricter now than when the conflict was computed: like a field label, it withholds that side.
  {
    what: 'POL, the corridor now national',
    polLabel: shared,
    ukrLabel: ukrShared,
    now: { 'UKR/ukr-corridor-7': ukrNational },
    viewer: user('POL'),
    expected: { withheld: ['UKR'] },
  },
  {
    what: 'LTU, the corridor now national',
    polLabel: shared,
    ukrLabel: ukrShared,
    now: { 'UKR/ukr-corridor-7': ukrNational },
    viewer: user('LTU'),
    expected: null,
  },
  {
    what: 'POL, its own ROZ now above its clearance',
    polLabel: shared,
    ukrLabel: ukrShared,
    now: { 'POL/pol-roz-alpha': label('POL', ['UKR'], 'SECRET') },
    viewer: user('POL', 'CONFIDENTIAL'),
    expected: null,
  },
  // The conflict's label as the service set it: null (no nation may see both) gives nobody the full view, a stricter one withholds it.
  {
    what: 'a label of nobody, a non-party that sees both',
    polLabel: shared,
    ukrLabel: ukrShared,
    over: { label: null },
    viewer: user('LTU'),
    expected: null,
  },
  {
    what: 'a label of nobody, a party',
    polLabel: shared,
    ukrLabel: ukrShared,
    over: { label: null },
    viewer: user('POL'),
    expected: { withheld: [] },
  },
  {
    what: 'a conflict labelled SECRET, a CONFIDENTIAL non-party',
    polLabel: shared,
    ukrLabel: ukrShared,
    over: { label: label('POL', ['UKR', 'LTU'], 'SECRET') },
    viewer: user('LTU', 'CONFIDENTIAL'),
    expected: null,
  },
];

const labelsFrom =
  (now: Record<string, Label> = {}): ReservationLabels =>
  (ref) => {
    const l = now[`${ref.nation}/${ref.id}`];
    return l ? [l] : [];
  };
/** What the gateway knows now: these reservations at their labels, then the row's changes (`now`). */
const known = (volumes: AirspaceVolume[], now: Record<string, Label> = {}): ReservationLabels =>
  labelsFrom({ ...Object.fromEntries(volumes.map((v) => [`${v.nation}/${v.id}`, v.label])), ...now });

/** Every id, name and geometry of the reservations a viewer may not see: none may appear in what they receive. */
function secretsOf(viewer: User, volumes: AirspaceVolume[], now: Record<string, Label> = {}): string[] {
  return volumes
    .filter(
      (v) =>
        !canSee({ nation: viewer.nation, clearance: viewer.clearance }, v.label) ||
        (now[`${v.nation}/${v.id}`] &&
          !canSee({ nation: viewer.nation, clearance: viewer.clearance }, now[`${v.nation}/${v.id}`]!)),
    )
    .flatMap((v) => [v.id, v.name]);
}

describe('releaseConflict', () => {
  it.each(rows)('$what', ({ polLabel, ukrLabel, viewer, expected, now, over }) => {
    const a = roz(polLabel);
    const b = corridor(ukrLabel);
    const c = conflictOf('c-1', a, b, over);
    const out = releaseConflict(viewer, c, known([a, b], now));
    if (expected === null) return expect(out).toBeNull();
    expect(out).not.toBeNull();
    // The overlap region, state and severity are the parties' to act on, in every view.
    expect(out!.region).toEqual(c.region);
    expect(out!.parties).toEqual(['POL', 'UKR']);
    // What they receive is labelled so that they may see it.
    expect(canSee({ nation: viewer.nation, clearance: viewer.clearance }, out!.label)).toBe(true);
    if (expected === 'full') {
      expect(out!.sanitized).toBe(false);
      expect(out!.label).toEqual(c.label);
      expect(out!.sides.map((s) => ({ ...s, withheld: undefined }))).toEqual(
        c.sides.map((s) => ({ ...s, withheld: undefined })),
      );
      return;
    }
    expect(out!.sanitized).toBe(true);
    for (const [i, s] of out!.sides.entries()) {
      const source = c.sides[i]!;
      if (expected.withheld.includes(s.nation)) {
        expect(s).toEqual({
          nation: source.nation,
          kind: source.kind,
          withheld: true,
          id: null,
          name: null,
          version: null,
          label: null,
        });
      } else {
        expect(s).toEqual({ ...source, withheld: false });
      }
    }
    expect(JSON.stringify(out)).not.toMatch(new RegExp(secretsOf(viewer, [a, b], now).join('|') || '^$'));
  });

  it('is nothing for a conflict the gateway does not have', () => {
    expect(releaseConflict(user('POL'), undefined, labelsFrom())).toBeNull();
  });
});

/**
 * A change as a viewer receives it: only its nation and action when withheld (no `shown`), else
 * what `shown` states (its id at least) and null for every detail the change leaves as it is.
 */
function releasedChange(
  nation: string,
  action: ReservationChange['action'],
  shown: Partial<ReleasedReservationChange> = {},
): ReleasedReservationChange {
  return {
    nation,
    id: null,
    action,
    withheld: !shown.id,
    outline: null,
    circle: null,
    floorM: null,
    ceilingM: null,
    validFrom: null,
    validTo: null,
    ...shown,
  };
}

describe('releaseProposal', () => {
  it.each(rows)('$what', ({ polLabel, ukrLabel, viewer, expected, now, over }) => {
    const a = roz(polLabel);
    const b = corridor(ukrLabel);
    const c = conflictOf('c-1', a, b, over);
    // The UKR liaison counters: move its corridor (a new outline) and lower the POL ROZ.
    const p = proposalOf('p-1', c, {
      proposedBy: { username: 'ukr-liaison', nation: 'UKR' },
      rationale: 'Medevac needs the corridor at 14:00; please lower your zone.',
      changes: [
        {
          reservation: { nation: 'UKR', id: 'ukr-corridor-7' },
          action: 'MODIFY',
          footprint: {
            outline: [
              { lat: 51, lon: 24 },
              { lat: 51.1, lon: 24 },
              { lat: 51.1, lon: 24.1 },
            ],
          },
        },
        { reservation: { nation: 'POL', id: 'pol-roz-alpha' }, action: 'MODIFY', ceilingM: 900 },
      ],
    });
    const out = releaseProposal(viewer, p, c, known([a, b], now));
    if (expected === null) return expect(out).toBeNull();
    expect(out).not.toBeNull();
    expect(out!.rationale).toBe(p.rationale);
    expect(canSee({ nation: viewer.nation, clearance: viewer.clearance }, out!.label)).toBe(true);
    const withheld = expected === 'full' ? [] : expected.withheld;
    expect(out!.sanitized).toBe(expected !== 'full');
    expect(out!.changes).toEqual([
      releasedChange(
        'UKR',
        'MODIFY',
        withheld.includes('UKR') ? {} : { id: 'ukr-corridor-7', outline: p.changes[0]!.footprint!.outline },
      ),
      releasedChange('POL', 'MODIFY', withheld.includes('POL') ? {} : { id: 'pol-roz-alpha', ceilingM: 900 }),
    ]);
    expect(out!.basedOn).toEqual(
      p.basedOn.map((r) =>
        withheld.includes(r.nation)
          ? { nation: r.nation, id: null, version: null, withheld: true }
          : { ...r, withheld: false },
      ),
    );
    const json = JSON.stringify(out);
    expect(json).not.toMatch(new RegExp(secretsOf(viewer, [a, b], now).join('|') || '^$'));
    // The withheld side's new geometry does not travel either.
    if (withheld.includes('UKR')) expect(json).not.toContain('51.1');
  });

  it('withholds a change to a reservation the gateway knows nothing of (and so gives nobody the full view)', () => {
    const c = conflictOf('c-1', roz(shared), corridor(ukrShared));
    const p = proposalOf('p-1', c, { changes: [{ reservation: { nation: 'UKR', id: 'ukr-unknown' }, action: 'END' }] });
    const sides = { 'POL/pol-roz-alpha': shared, 'UKR/ukr-corridor-7': ukrShared };
    const pol = releaseProposal(user('POL'), p, c, labelsFrom(sides));
    expect(pol?.sanitized).toBe(true);
    expect(pol?.changes).toEqual([releasedChange('UKR', 'END')]);
    expect(releaseProposal(user('LTU'), p, c, labelsFrom(sides))).toBeNull();
    // Known now, and shared: released whole.
    const all = labelsFrom({ ...sides, 'UKR/ukr-unknown': ukrShared });
    expect(releaseProposal(user('LTU'), p, c, all)?.sanitized).toBe(false);
  });

  it('withholds a side the gateway does not know now (its mirror of reservations lags the conflicts)', () => {
    // UKR's corridor became national after the conflict was computed, and the gateway has not heard yet.
    const c = conflictOf('c-1', roz(shared), corridor(ukrShared));
    const p = proposalOf('p-1', c);
    const onlyPol = labelsFrom({ 'POL/pol-roz-alpha': shared });
    const conflict = releaseConflict(user('POL'), c, onlyPol);
    expect(conflict?.sanitized).toBe(true);
    expect(conflict?.sides.map((s) => [s.nation, s.withheld])).toEqual([
      ['POL', false],
      ['UKR', true],
    ]);
    expect(JSON.stringify(conflict)).not.toMatch(/ukr-corridor-7|UKR CORRIDOR SEVEN/);
    expect(JSON.stringify(releaseProposal(user('POL'), p, c, onlyPol))).not.toMatch(/ukr-corridor-7/);
    // Not a party: nothing until every side is known.
    expect(releaseConflict(user('LTU'), c, onlyPol)).toBeNull();
    // Nothing known at all: nobody, not even a party, gets anything.
    expect(releaseConflict(user('POL'), c, labelsFrom())).toBeNull();
  });

  it('without its conflict, nobody is known to be a party: the full view or nothing', () => {
    const c = conflictOf('c-1', roz(shared), corridor(ukrNational));
    const p = proposalOf('p-1', c);
    const sides = labelsFrom({ 'POL/pol-roz-alpha': shared, 'UKR/ukr-corridor-7': ukrNational });
    expect(releaseProposal(user('POL'), p, undefined, sides)).toBeNull();
    const another = conflictOf('another', roz(shared), corridor(ukrNational));
    expect(releaseProposal(user('POL'), p, another, sides)).toBeNull();
    const open = conflictOf('c-2', roz(shared), corridor(ukrShared));
    expect(
      releaseProposal(
        user('LTU'),
        proposalOf('p-2', open),
        undefined,
        labelsFrom({ 'POL/pol-roz-alpha': shared, 'UKR/ukr-corridor-7': ukrShared }),
      )?.sanitized,
    ).toBe(false);
  });
});

describe('what a refusal may tell', () => {
  const known = labelsFrom({ 'POL/pol-roz-alpha': shared, 'UKR/ukr-corridor-7': ukrNational });

  it('reports current versions only of reservations the caller may see', () => {
    const current = [
      { nation: 'POL', id: 'pol-roz-alpha', version: 3 },
      { nation: 'UKR', id: 'ukr-corridor-7', version: 5 },
      { nation: 'UKR', id: 'never-heard-of', version: 1 },
    ];
    expect(releaseRefs(user('POL'), current, known)).toEqual([
      { nation: 'POL', id: 'pol-roz-alpha', version: 3, withheld: false },
      { nation: 'UKR', id: null, version: null, withheld: true },
      { nation: 'UKR', id: null, version: null, withheld: true },
    ]);
    expect(releaseRefs(user('UKR'), current, known).map((r) => r.withheld)).toEqual([false, false, true]);
  });

  it("shows the service's message unless it names a reservation withheld from the caller", () => {
    const named = [{ label: ukrNational, words: ['ukr-corridor-7', 'UKR CORRIDOR SEVEN'] }];
    expect(releaseMessage(user('POL'), 'validTo must be after validFrom', named, 'generic')).toBe(
      'validTo must be after validFrom',
    );
    expect(releaseMessage(user('POL'), 'ukr-corridor-7 is at version 5', named, 'generic')).toBe('generic');
    expect(releaseMessage(user('POL'), 'overlaps ukr corridor seven.', named, 'generic')).toBe('generic');
    expect(releaseMessage(user('UKR'), 'ukr-corridor-7 is at version 5', named, 'generic')).toBe(
      'ukr-corridor-7 is at version 5',
    );
    // Only whole ids: ukr-corridor-70 is not ukr-corridor-7.
    expect(releaseMessage(user('POL'), 'ukr-corridor-70 moved', named, 'generic')).toBe('ukr-corridor-70 moved');
  });
});
