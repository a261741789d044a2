import { describe, expect, it } from 'vitest';
import { volume } from './fixtures.ts';
import {
  applyEdit,
  draftFromVolume,
  draftProblems,
  draftToInput,
  formatCoordinates,
  fromUtcInput,
  newDraft,
  parseCoordinates,
  toUtcInput,
} from './draft.ts';

const T0 = Date.UTC(2026, 10, 30, 21, 0, 20);

describe('drawing a reservation', () => {
  it('adds corners where the user clicks, moves them when dragged, and places a circle’s centre and radius', () => {
    let d = newDraft(T0);
    d = applyEdit(d, { type: 'add', point: { lat: 50, lon: 22 } });
    d = applyEdit(d, { type: 'add', point: { lat: 50, lon: 22.2 } });
    d = applyEdit(d, { type: 'move', index: 0, point: { lat: 49.9, lon: 22 } });
    expect(d.outline).toEqual([
      { lat: 49.9, lon: 22 },
      { lat: 50, lon: 22.2 },
    ]);
    let c = newDraft(T0, 'circle');
    c = applyEdit(c, { type: 'add', point: { lat: 50, lon: 23 } });
    c = applyEdit(c, { type: 'radius', radiusM: 12_345.6 });
    expect([c.center, c.radiusM]).toEqual([{ lat: 50, lon: 23 }, 12_346]);
    expect(applyEdit(c, { type: 'radius', radiusM: 3 }).radiusM).toBe(100); // never a point
  });

  it('says what is missing before it can be sent', () => {
    const d = newDraft(T0);
    expect(draftProblems(d)).toEqual([
      'Give it a name.',
      'Click at least 3 points on the globe (0 so far), or type coordinates.',
    ]);
    const ready = {
      ...d,
      name: 'ROZ A',
      outline: [
        { lat: 50, lon: 22 },
        { lat: 50, lon: 22.2 },
        { lat: 50.1, lon: 22.1 },
      ],
    };
    expect(draftProblems(ready)).toEqual([]);
    const bowTie = [ready.outline[0]!, ready.outline[1]!, { lat: 50.1, lon: 22 }, { lat: 50.1, lon: 22.2 }];
    expect(draftProblems({ ...ready, outline: bowTie })).toEqual([
      "The outline's edges 2 and 4 cross or touch: draw it without crossing itself.",
    ]);
    expect(draftProblems({ ...ready, floorM: 2000, ceilingM: 1000, validTo: ready.validFrom })).toEqual([
      'The floor must be below the ceiling.',
      'The reservation must end after it starts.',
    ]);
    expect(draftProblems({ ...newDraft(T0, 'circle'), name: 'c' })).toEqual([
      'Click the centre on the globe, or type it.',
    ]);
  });

  it('starts this minute for six hours, and sends what the gateway takes', () => {
    const d = {
      ...newDraft(T0),
      name: ' ROZ A ',
      outline: [
        { lat: 50, lon: 22 },
        { lat: 50, lon: 22.2 },
        { lat: 50.1, lon: 22.1 },
      ],
      releasableTo: ['UKR'],
    };
    expect(draftToInput(d)).toEqual({
      name: 'ROZ A',
      kind: 'ROZ',
      outline: d.outline,
      floorM: 0,
      ceilingM: 1500,
      validFrom: '2026-11-30T21:00:00.000Z',
      validTo: '2026-12-01T03:00:00.000Z',
      classification: 'CONFIDENTIAL',
      releasableTo: ['UKR'],
    });
    const circle = { ...newDraft(T0, 'circle'), name: 'C', center: { lat: 50, lon: 23 } };
    expect(draftToInput(circle).circle).toEqual({ lat: 50, lon: 23, radiusM: 5000 });
    expect(draftToInput(circle).outline).toBeUndefined();
  });

  it('edits an existing reservation as it is', () => {
    const v = volume('r', {
      circle: { center: { lat: 50, lon: 23 }, radiusM: 2000 },
      outline: null,
      label: { policy: 'POL', classification: 'SECRET', originator: 'POL', releasableTo: ['UKR'] },
    });
    const d = draftFromVolume(v, T0);
    expect([d.shape, d.center, d.radiusM, d.classification, d.releasableTo, d.validFrom]).toEqual([
      'circle',
      { lat: 50, lon: 23 },
      2000,
      'SECRET',
      ['UKR'],
      Date.parse(v.validFrom!),
    ]);
  });
});

describe('typed coordinates', () => {
  it('reads decimal degrees with or without hemispheres, one point a line', () => {
    expect(parseCoordinates('50.1, 22.7\n50.1N 022.8000E\n\n-1.5 -70.25\n1.5S 70.25W')).toEqual({
      points: [
        { lat: 50.1, lon: 22.7 },
        { lat: 50.1, lon: 22.8 },
        { lat: -1.5, lon: -70.25 },
        { lat: -1.5, lon: -70.25 },
      ],
      error: null,
    });
  });
  it('names the line it cannot read', () => {
    expect(parseCoordinates('50.1, 22.7\nfifty, 22').error).toBe('Line 2: "fifty, 22" is not "lat, lon".');
    expect(parseCoordinates('91, 22').error).toBe('Line 1: latitude within ±90, longitude within ±180.');
  });
  it('round-trips what the box shows, and UTC times for datetime inputs', () => {
    const points = [{ lat: 50.12346, lon: 22.5 }];
    expect(formatCoordinates(points)).toBe('50.1235, 22.5000');
    expect(parseCoordinates(formatCoordinates(points)).points[0]!.lat).toBeCloseTo(50.1235, 6);
    expect(toUtcInput(Date.UTC(2026, 10, 30, 21, 5))).toBe('2026-11-30T21:05');
    expect(fromUtcInput('2026-11-30T21:05')).toBe(Date.UTC(2026, 10, 30, 21, 5));
    expect(fromUtcInput('')).toBeNaN();
  });
});
