import { describe, expect, it } from 'vitest';
import { highestClassification } from './classification.ts';
import { freshness, HIDE_AFTER_STALE_MS } from './freshness.ts';
import { BLEND_MS, deadReckon, nextMotion, positionAt, type Report } from './motion.ts';
import { filterAndSort, type ListedTrack, type TrackFilter } from './track-filter.ts';
import { formatAge, formatAltitude, formatLatLon } from './format.ts';
import { assessmentsDisagree, stancesConflict } from './assessments.ts';
import { iso, T0 } from './fixtures.ts';
import { announcer, applyBatch } from './picture.ts';

describe('classification banner', () => {
  it('shows the highest classification on screen', () => {
    expect(highestClassification([])).toBe('UNCLASSIFIED');
    expect(
      highestClassification([
        { classification: 'RESTRICTED' },
        { classification: 'SECRET' },
        { classification: 'CONFIDENTIAL' },
      ]),
    ).toBe('SECRET');
  });
});

describe('freshness', () => {
  const t = { staleAt: iso(T0) };
  it('is fresh until staleAt, stale for a while after, then expired', () => {
    expect(freshness(t, T0)).toBe('fresh');
    expect(freshness(t, T0 + 1)).toBe('stale');
    expect(freshness(t, T0 + HIDE_AFTER_STALE_MS)).toBe('stale');
    expect(freshness(t, T0 + HIDE_AFTER_STALE_MS + 1)).toBe('expired');
  });
});

describe('motion', () => {
  const report = (lat: number, at: number, courseDeg = 0, speedMps = 100): Report => ({
    position: { lat, lon: 23, altM: 1000 },
    velocity: { speedMps, courseDeg, climbMps: -10 },
    updatedAt: iso(at),
    staleAt: iso(at + 10_000),
  });

  it('dead-reckons along course and climb, never beyond staleAt', () => {
    const r = report(50, T0);
    const p = deadReckon(r, T0, T0 + 10_000, T0 + 5000); // 500 m north, 50 m down
    expect((p.lat - 50) * 111_195).toBeCloseTo(500, 0);
    expect(p.lon).toBeCloseTo(23, 9);
    expect(p.altM).toBeCloseTo(950, 6);
    const late = deadReckon(r, T0, T0 + 10_000, T0 + 60_000);
    expect((late.lat - 50) * 111_195).toBeCloseTo(1000, 0);
  });

  it('moves east at 90 degrees, scaled by latitude', () => {
    const p = deadReckon(report(60, T0, 90), T0, T0 + 10_000, T0 + 10_000); // 1 km east at 60N
    expect((p.lon - 23) * 111_195 * Math.cos((60 * Math.PI) / 180)).toBeCloseTo(1000, 0);
  });

  it('blends from the drawn position to the new path instead of jumping', () => {
    const first = nextMotion(undefined, report(50, T0), T0);
    const drawn = positionAt(first, T0 + 2000);
    const corrected = nextMotion(first, report(50.01, T0 + 2000), T0 + 2000);
    expect(positionAt(corrected, T0 + 2000)).toEqual(drawn); // no jump at the moment of the update
    const halfway = positionAt(corrected, T0 + 2000 + BLEND_MS / 2).lat;
    expect(halfway).toBeGreaterThan(drawn.lat);
    expect(positionAt(corrected, T0 + 2000 + BLEND_MS).lat).toBeCloseTo(
      deadReckon(corrected.report, corrected.reportMs, corrected.staleMs, T0 + 2000 + BLEND_MS).lat,
      12,
    );
  });
});

describe('track list filter and sort', () => {
  const t = (
    id: string,
    identity: ListedTrack['identity'],
    kind: ListedTrack['kind'],
    originator: string,
    altM = 0,
  ): ListedTrack => ({
    id,
    identity,
    kind,
    position: { altM },
    velocity: { speedMps: 0 },
    label: { originator, classification: 'UNCLASSIFIED' },
    updatedAt: iso(T0),
  });
  const tracks = [
    t('POL-b-1', 'FRIEND', 'FIXED_WING', 'POL', 9000),
    t('UKR-a-2', 'HOSTILE', 'UAS', 'UKR', 100),
    t('UKR-a-1', 'HOSTILE', 'GLIDE_BOMB', 'UKR', 5000),
    t('POL-c-1', 'NEUTRAL', 'FIXED_WING', 'POL', 11000),
  ];
  const none: TrackFilter = { search: '', identities: new Set(), kinds: new Set(), nations: new Set() };

  it('sorts by threat with hostile first and ties by id', () => {
    expect(filterAndSort(tracks, none, 'threat', false).map((x) => x.id)).toEqual([
      'UKR-a-1',
      'UKR-a-2',
      'POL-c-1',
      'POL-b-1',
    ]);
  });
  it('filters by identity, kind, nation and search text', () => {
    expect(filterAndSort(tracks, { ...none, identities: new Set(['HOSTILE']) }, 'id', false).map((x) => x.id)).toEqual([
      'UKR-a-1',
      'UKR-a-2',
    ]);
    expect(
      filterAndSort(
        tracks,
        { ...none, kinds: new Set(['FIXED_WING']), nations: new Set(['POL']) },
        'altitude',
        true,
      ).map((x) => x.id),
    ).toEqual(['POL-c-1', 'POL-b-1']);
    expect(filterAndSort(tracks, { ...none, search: 'glide' }, 'id', false).map((x) => x.id)).toEqual(['UKR-a-1']);
  });
});

describe('formatting', () => {
  it('formats positions, altitudes and ages for the watch floor', () => {
    expect(formatLatLon(50.12346, 23.5)).toBe('50.1235N 023.5000E');
    expect(formatLatLon(-1.5, -70.25)).toBe('01.5000S 070.2500W');
    expect(formatAltitude(150)).toBe('150 m');
    expect(formatAltitude(10668)).toBe('10,668 m (FL350)');
    expect(formatAge(400)).toBe('now');
    expect(formatAge(12_000)).toBe('12 s');
    expect(formatAge(600_000)).toBe('10 min');
  });
});

describe('identity assessments', () => {
  it('flags any disagreement, and stance conflicts separately', () => {
    expect(assessmentsDisagree([{ identity: 'HOSTILE' }, { identity: 'HOSTILE' }])).toBe(false);
    expect(assessmentsDisagree([{ identity: 'HOSTILE' }, { identity: 'SUSPECT' }])).toBe(true);
    expect(stancesConflict([{ identity: 'HOSTILE' }, { identity: 'SUSPECT' }])).toBe(false);
    expect(stancesConflict([{ identity: 'FRIEND' }, { identity: 'SUSPECT' }])).toBe(true);
  });
});

describe('applying batches', () => {
  it('replaces the picture on reset, applies deltas in order and reports a gap', () => {
    const pic = new Map<string, { id: string; v: number }>([['ghost', { id: 'ghost', v: 0 }]]);
    expect(applyBatch(pic, 0, { seq: 1, reset: true, upserts: [{ id: 'a', v: 1 }], removals: [] }).ok).toBe(true);
    expect([...pic.keys()]).toEqual(['a']);
    expect(applyBatch(pic, 1, { seq: 2, reset: false, upserts: [{ id: 'b', v: 1 }], removals: ['a'] })).toEqual({
      ok: true,
      changed: 2,
    });
    expect(applyBatch(pic, 2, { seq: 4, reset: false, upserts: [], removals: ['b'] })).toEqual({
      ok: false,
      reason: 'gap',
      expected: 3,
      got: 4,
    });
    expect([...pic.keys()]).toEqual(['b']); // nothing applied from a batch after a gap
  });

  it('announces what newly needs the user, each once, and nothing a snapshot brings', () => {
    const heard: string[][] = [];
    const onApplied = announcer<{ id: string; hot: boolean }>(
      (x) => x.hot,
      (items) => heard.push(items.map((x) => x.id)),
    );
    const batch = (seq: number, reset: boolean, ...upserts: { id: string; hot: boolean }[]) => ({
      seq,
      reset,
      upserts,
      removals: [],
    });
    onApplied(batch(1, true, { id: 'there', hot: true }));
    onApplied(batch(2, false, { id: 'new', hot: true }, { id: 'calm', hot: false }, { id: 'there', hot: true }));
    onApplied(batch(3, false, { id: 'new', hot: true }, { id: 'calm', hot: true }));
    onApplied(batch(1, true, { id: 'later', hot: true })); // a new subscription's snapshot
    expect(heard).toEqual([['new'], ['calm']]);
  });
});

describe('keyboard shortcuts', () => {
  it('map every listed key, and only those, to its action', async () => {
    const { SHORTCUTS, shortcutFor } = await import('./shortcuts.ts');
    for (const s of SHORTCUTS) for (const k of s.keys) expect(shortcutFor(k)).toBe(s.action);
    expect(shortcutFor('x')).toBeUndefined();
    expect(new Set(SHORTCUTS.flatMap((s) => s.keys)).size).toBe(SHORTCUTS.flatMap((s) => s.keys).length); // no key bound twice
    // The spectrum chart's keys: each dispatches its action, none is bound twice, none hides a page shortcut.
    const { CHART_KEYS, chartKeyFor } = await import('./shortcuts.ts');
    for (const c of CHART_KEYS)
      for (const k of c.keys) expect([chartKeyFor(k), shortcutFor(k)]).toEqual([c.action, undefined]);
    expect(new Set(CHART_KEYS.flatMap((c) => c.keys)).size).toBe(CHART_KEYS.flatMap((c) => c.keys).length);
  });
});
