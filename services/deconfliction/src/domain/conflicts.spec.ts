import { describe, expect, it } from 'vitest';
import type { AirspaceVolume, Conflict } from '@tessera/schema';
import { iso, label, T0 } from '@tessera/service-kit/fixtures';
import { createConflictTracker } from './conflict-tracker.ts';
import { reconcileConflicts, riskAccepted, type ConflictChange } from './conflicts.ts';

/**
 * What the engine's findings mean for the stored conflicts. The geometry is the engine's
 * (`@tessera/service-kit/airspace`, with its own worked examples); here boxes over the border.
 */
const box = (south: number, west: number, north: number, east: number) => [
  { lat: south, lon: west },
  { lat: south, lon: east },
  { lat: north, lon: east },
  { lat: north, lon: west },
];
const HOUR = 3_600_000;
const volume = (
  nation: string,
  id: string,
  kind: AirspaceVolume['kind'],
  over: Partial<AirspaceVolume> = {},
): AirspaceVolume =>
  ({
    id,
    nation,
    name: id.toUpperCase(),
    kind,
    label: label(nation, nation === 'POL' ? ['UKR'] : ['POL']),
    outline: box(50, 23, 50.2, 23.2),
    floorM: 0,
    ceilingM: 1500,
    validFrom: iso(T0),
    validTo: iso(T0 + 4 * HOUR),
    state: 'ACTIVE',
    version: 1,
    ...over,
  }) as AirspaceVolume;

const roz = volume('POL', 'roz-1', 'ROZ');
// Crosses the ROZ west to east at 500-2500 m.
const corridor = volume('UKR', 'corridor-1', 'TRANSIT_CORRIDOR', {
  outline: box(50.08, 22.8, 50.12, 23.6),
  floorM: 500,
  ceilingM: 2500,
});

/** Stored conflicts after applying changes, as the store would hold them. */
const after = (existing: ReadonlyMap<string, Conflict>, changes: readonly ConflictChange[]) =>
  new Map([...existing, ...changes.map((c) => [c.conflict.id, c.conflict] as const)]);
const actions = (changes: readonly ConflictChange[]) =>
  changes.map((c) => [c.action, c.conflict.state, c.conflict.version]);

describe('conflicts that live with their reservations', () => {
  it("detects a conflict between two nations' incompatible reservations, with both as parties and both sides' versions", () => {
    const tracker = createConflictTracker();
    const changes = tracker.all([roz, corridor], new Map(), T0);
    expect(actions(changes)).toEqual([['CONFLICT_DETECTED', 'OPEN', 1]]);
    const c = changes[0]!.conflict;
    expect(c).toMatchObject({
      parties: ['POL', 'UKR'],
      state: 'OPEN',
      resolvedBy: null,
      detectedAt: iso(T0),
      region: { floorM: 500, ceilingM: 1500 },
    });
    expect(c.sides.map((s) => [s.nation, s.id, s.version])).toEqual([
      ['POL', 'roz-1', 1],
      ['UKR', 'corridor-1', 1],
    ]);
    // Both sides are releasable to the other nation: the full view is for both.
    expect(c.label).toEqual({
      policy: 'NATO',
      classification: 'UNCLASSIFIED',
      originator: 'POL',
      releasableTo: ['UKR'],
    });
  });

  it('labels the full view for those who may see both sides: one nation, or nobody (parties then get sanitized views)', () => {
    const polOnly = { ...roz, label: label('POL', [], 'CONFIDENTIAL') };
    const [oneSided] = createConflictTracker().all([polOnly, corridor], new Map(), T0);
    expect(oneSided?.conflict.label).toEqual({
      policy: 'NATO',
      classification: 'CONFIDENTIAL',
      originator: 'POL',
      releasableTo: [],
    });
    const [nobody] = createConflictTracker().all([polOnly, { ...corridor, label: label('UKR') }], new Map(), T0);
    expect(nobody?.conflict).toMatchObject({ state: 'OPEN', parties: ['POL', 'UKR'], label: null });
  });

  it('finds nothing between compatible kinds or within one nation', () => {
    const tracker = createConflictTracker();
    expect(tracker.all([roz, volume('UKR', 'nfa-1', 'NO_FIRE_AREA')], new Map(), T0)).toEqual([]);
    expect(
      tracker.all(
        [roz, volume('POL', 'corridor-2', 'TRANSIT_CORRIDOR', { outline: corridor.outline, floorM: 500 })],
        new Map(),
        T0,
      ),
    ).toEqual([]);
  });

  it('updates on an edit that still overlaps, resolves on one that does not, reopens when they overlap again', () => {
    const tracker = createConflictTracker();
    let stored = after(new Map(), tracker.all([roz, corridor], new Map(), T0));
    const lower = { ...roz, ceilingM: 1000, version: 2 };
    let changes = tracker.changed([lower], stored, T0 + 1000);
    expect(actions(changes)).toEqual([['CONFLICT_UPDATED', 'OPEN', 2]]);
    expect(changes[0]!.conflict.sides[0]).toMatchObject({ id: 'roz-1', version: 2 });
    stored = after(stored, changes);

    // Below the corridor's floor exactly: touching at a boundary altitude is no conflict.
    changes = tracker.changed([{ ...lower, ceilingM: 500, version: 3 }], stored, T0 + 2000, 'p-1');
    expect(actions(changes)).toEqual([['CONFLICT_RESOLVED', 'RESOLVED', 3]]);
    expect(changes[0]!.conflict.resolvedBy).toBe('p-1');
    stored = after(stored, changes);

    changes = tracker.changed([{ ...lower, ceilingM: 800, version: 4 }], stored, T0 + 3000);
    expect(actions(changes)).toEqual([['CONFLICT_REOPENED', 'OPEN', 4]]);
    expect(changes[0]!.conflict).toMatchObject({ resolvedBy: null, detectedAt: iso(T0 + 3000) });
  });

  it('resolves when either side ends', () => {
    const tracker = createConflictTracker();
    const stored = after(new Map(), tracker.all([roz, corridor], new Map(), T0));
    expect(actions(tracker.changed([{ ...corridor, state: 'ENDED', version: 2 }], stored, T0))).toEqual([
      ['CONFLICT_RESOLVED', 'RESOLVED', 2],
    ]);
  });

  it('changes nothing when an edit leaves the conflict as it was (another reservation moved)', () => {
    const tracker = createConflictTracker();
    const far = volume('POL', 'roz-far', 'ROZ', { outline: box(52, 20, 52.1, 20.1) });
    const stored = after(new Map(), tracker.all([roz, corridor, far], new Map(), T0));
    expect(tracker.changed([{ ...far, ceilingM: 900, version: 2 }], stored, T0)).toEqual([]);
  });

  it('keeps a risk accepted while both sides stay at the versions it was accepted for, and reopens it when one changes', () => {
    const tracker = createConflictTracker();
    const [detected] = tracker.all([roz, corridor], new Map(), T0);
    const accepted = riskAccepted(detected!.conflict, 'p-risk', T0 + 1000);
    let stored = new Map([[accepted.id, accepted]]);
    expect(tracker.all([roz, corridor], stored, T0 + 2000)).toEqual([]);
    const changes = tracker.changed([{ ...corridor, floorM: 400, version: 2 }], stored, T0 + 3000);
    expect(actions(changes)).toEqual([['CONFLICT_REOPENED', 'OPEN', 3]]);
    stored = after(stored, changes);
    expect(stored.get(accepted.id)?.resolvedBy).toBeNull();
  });

  it("resolves as time passes: once the overlap's window is over, the conflict is past", () => {
    const tracker = createConflictTracker();
    const short = { ...corridor, validTo: iso(T0 + HOUR) };
    const stored = after(new Map(), tracker.all([roz, short], new Map(), T0));
    expect(tracker.past(stored, T0 + HOUR - 1)).toEqual([]);
    expect(actions(tracker.past(stored, T0 + HOUR))).toEqual([['CONFLICT_RESOLVED', 'RESOLVED', 2]]);
    // A full evaluation at that time agrees.
    expect(actions(createConflictTracker().all([roz, short], stored, T0 + HOUR))).toEqual([
      ['CONFLICT_RESOLVED', 'RESOLVED', 2],
    ]);
  });

  it('an incremental evaluation after each change ends where a full one does', () => {
    const tracker = createConflictTracker();
    const others = [
      volume('UKR', 'ez-1', 'ENGAGEMENT_ZONE', { outline: box(50.15, 23.1, 50.3, 23.3) }),
      volume('LTU', 'roz-2', 'ROZ', { outline: box(49.9, 22.9, 50.05, 23.05) }),
    ];
    let stored = after(new Map(), tracker.all([roz, corridor, ...others], new Map(), T0));
    const edits = [
      { ...roz, outline: box(50.1, 23.1, 50.4, 23.4), version: 2 },
      { ...corridor, state: 'ENDED' as const, version: 2 },
      { ...others[1]!, outline: box(50.1, 23.1, 50.2, 23.2), version: 2 },
    ] as AirspaceVolume[];
    for (const e of edits) stored = after(stored, tracker.changed([e], stored, T0));
    const latest = [edits[0]!, edits[1]!, others[0]!, edits[2]!];
    const open = (m: ReadonlyMap<string, Conflict>) =>
      [...m.values()]
        .filter((c) => c.state === 'OPEN')
        .map((c) => [c.id, c.sides.map((s) => `${s.nation}/${s.id} v${s.version}`)])
        .sort();
    expect(open(stored)).toEqual(open(after(new Map(), createConflictTracker().all(latest, new Map(), T0))));
    expect(open(stored)).toHaveLength(3);
  });

  it('reconciles only what was re-evaluated', () => {
    const [detected] = createConflictTracker().all([roz, corridor], new Map(), T0);
    const stored = new Map([[detected!.conflict.id, detected!.conflict]]);
    expect(reconcileConflicts({ existing: stored, evaluated: () => false, found: [], nowMs: T0 })).toEqual([]);
    expect(actions(reconcileConflicts({ existing: stored, evaluated: () => true, found: [], nowMs: T0 }))).toEqual([
      ['CONFLICT_RESOLVED', 'RESOLVED', 2],
    ]);
  });
});
