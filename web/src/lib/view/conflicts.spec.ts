import { describe, expect, it } from 'vitest';
import {
  concerns,
  conflictOverlays,
  conflictRows,
  conflictsAt,
  conflictTitle,
  endangers,
  regionSummary,
} from './conflicts.ts';
import { conflict, H, halfWithheld, iso, spectrumConflict, T0 } from './fixtures.ts';

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
    const withheld = halfWithheld('c');
    expect(conflictTitle(conflict('c'))).toBe('ROZ Alpha (POL roz) × Corridor K (UKR transit corridor)');
    expect(conflictTitle(withheld)).toBe('ROZ Alpha (POL roz) × UKR transit corridor (withheld)');
    expect(regionSummary(conflict('c'), T0)).toBe('500–1,500 m · 21:00Z – 01 Dec 01:00Z · 39.7 km²');
  });

  it('draws open conflicts in force at the slider time, the selected one highlighted', () => {
    const all = [
      conflict('now'),
      conflict('later', { region: { ...conflict('x').region!, from: iso(T0 + 5 * H), to: iso(T0 + 6 * H) } }),
      conflict('done', { state: 'RESOLVED' }),
    ];
    expect(conflictsAt(all, T0 + H).map((c) => c.id)).toEqual(['now']);
    expect(conflictOverlays(conflictsAt(all, T0 + 5 * H), 'later')).toEqual([
      { id: 'later', outline: all[1]!.region!.outline, circle: null, floorM: 500, ceilingM: 1500, selected: true },
    ]);
  });
});

describe('the console’s two pictures', () => {
  it('lists airspace conflicts with the airspace, SPECTRUM ones with the spectrum, a joint one in both', () => {
    const spectrum = spectrumConflict('s');
    const joint = spectrumConflict('j', {
      spectrum: { ...spectrum.spectrum!, tiedReservation: { nation: 'POL', id: 'roz', version: 1, withheld: false } },
    });
    const all = [conflict('a'), conflict('e', { kind: 'ENGAGEMENT' }), spectrum, joint];
    expect(all.filter((c) => concerns(c, 'airspace')).map((c) => c.id)).toEqual(['a', 'e', 'j']);
    expect(all.filter((c) => concerns(c, 'spectrum')).map((c) => c.id)).toEqual(['s', 'j']);
    // No region: nothing to draw in the airspace; the spectrum view draws its ends when selected.
    expect(conflictsAt(all, T0 + H).map((c) => c.id)).toEqual(['a', 'e']);
    expect(conflictOverlays(all, null).map((c) => c.id)).toEqual(['a', 'e']);
  });
});

describe('announcing conflicts', () => {
  it('announces the open conflicts of the user’s nation', () => {
    const all = [
      conflict('mine'),
      conflict('theirs', { parties: ['DEU', 'LTU'] }),
      conflict('done', { state: 'RESOLVED' }),
    ];
    expect(all.filter(endangers('POL')).map((c) => c.id)).toEqual(['mine']);
    expect(all.filter(endangers(null))).toEqual([]);
  });
});
