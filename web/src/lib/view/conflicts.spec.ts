import { describe, expect, it } from 'vitest';
import { conflict } from './fixtures.ts';
import {
  conflictOverlays,
  conflictRows,
  conflictsAt,
  conflictTitle,
  newConflictsOf,
  regionSummary,
} from './conflicts.ts';

const T0 = Date.UTC(2026, 10, 30, 21, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

describe('conflicts', () => {
  it('lists open conflicts by severity, then the oldest; settled ones after, newest first', () => {
    const rows = conflictRows([
      conflict('resolved-old', { state: 'RESOLVED', updatedAt: iso(T0 + 1) }),
      conflict('low', { severity: 'LOW' }),
      conflict('high-new', { severity: 'HIGH', detectedAt: iso(T0 + 5) }),
      conflict('high-old', { severity: 'HIGH' }),
      conflict('resolved-new', { state: 'ACCEPTED_RISK', updatedAt: iso(T0 + 9) }),
    ]);
    expect(rows.map((c) => c.id)).toEqual(['high-old', 'high-new', 'low', 'resolved-new', 'resolved-old']);
  });

  it('names both sides, withholding what the user may not see, and says where, how high and when', () => {
    const withheld = conflict('c', {
      sides: [
        conflict('x').sides[0]!,
        {
          nation: 'UKR',
          kind: 'TRANSIT_CORRIDOR',
          withheld: true,
          id: null,
          name: null,
          version: null,
          label: null as never,
        },
      ],
    });
    expect(conflictTitle(conflict('c'))).toBe('ROZ Alpha (POL roz) × Corridor K (UKR transit corridor)');
    expect(conflictTitle(withheld)).toBe('ROZ Alpha (POL roz) × UKR transit corridor (withheld)');
    expect(regionSummary(conflict('c'), T0)).toBe('500–1,500 m · 21:00Z – 01 Dec 01:00Z · 39.7 km²');
  });

  it('draws open conflicts in force at the slider time, the selected one highlighted', () => {
    const all = [
      conflict('now'),
      conflict('later', { region: { ...conflict('x').region, from: iso(T0 + 5 * H), to: iso(T0 + 6 * H) } }),
      conflict('done', { state: 'RESOLVED' }),
    ];
    expect(conflictsAt(all, T0 + H).map((c) => c.id)).toEqual(['now']);
    expect(conflictOverlays(conflictsAt(all, T0 + 5 * H), 'later')).toEqual([
      { id: 'later', outline: all[1]!.region.outline, circle: null, floorM: 500, ceilingM: 1500, selected: true },
    ]);
  });
});

describe('announcing conflicts', () => {
  it('announces each new open conflict of the user’s nation once', () => {
    const all = [
      conflict('mine'),
      conflict('old'),
      conflict('theirs', { parties: ['DEU', 'LTU'] }),
      conflict('done', { state: 'RESOLVED' }),
    ];
    expect(newConflictsOf(all, 'POL', new Set(['old'])).map((c) => c.id)).toEqual(['mine']);
    expect(newConflictsOf(all, null, new Set())).toEqual([]);
  });
});
