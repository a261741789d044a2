import { describe, expect, it } from 'vitest';
import { DrawnFootprint, MAX_DRAWN_CORNERS, outlineProblem } from './airspace.ts';

/** Outlines a person may draw: any simple polygon; never one whose edges cross or touch each other. */
const pts = (...xy: [number, number][]) => xy.map(([lon, lat]) => ({ lat, lon }));

describe('outlineProblem', () => {
  it.each<[string, { lat: number; lon: number }[], RegExp | null]>([
    ['a triangle', pts([0, 0], [1, 0], [0, 1]), null],
    ['a square, closed with its first corner again', pts([0, 0], [1, 0], [1, 1], [0, 1], [0, 0]), null],
    ['a corner clicked twice', pts([0, 0], [1, 0], [1, 0], [0, 1]), null],
    ['a concave arrow', pts([0, 0], [2, 0], [1, 0.5], [2, 1], [0, 1]), null],
    ['one corner thrice', pts([0, 0], [0, 0], [0, 0]), /3 distinct corners/],
    ['two corners and back', pts([0, 0], [1, 0], [0, 0]), /3 distinct corners/],
    ['three corners on one line', pts([0, 0], [1, 0], [2, 0]), /no area/],
    ['folded onto a line', pts([0, 0], [2, 0], [1, 0]), /no area/],
    ['a bow tie', pts([0, 0], [1, 1], [1, 0], [0, 1]), /edges 1 and 3 cross/],
    ['a corner on another edge', pts([0, 0], [2, 0], [2, 1], [1, 0], [0, 1]), /edges \d and \d cross or touch/],
    ['an edge folded back on itself', pts([0, 0], [2, 0], [1, 0], [1, 1]), /cross or touch/],
    [
      'too many corners',
      Array.from({ length: MAX_DRAWN_CORNERS + 1 }, (_, i) => {
        const a = (2 * Math.PI * i) / (MAX_DRAWN_CORNERS + 1);
        return { lat: Math.sin(a), lon: Math.cos(a) };
      }),
      /at most 256 corners/,
    ],
  ])('%s', (_what, outline, problem) => {
    const found = outlineProblem(outline);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it('a drawn footprint is a circle or an outline without a problem', () => {
    expect(DrawnFootprint.safeParse({ circle: { center: { lat: 50, lon: 23 }, radiusM: 500 } }).success).toBe(true);
    expect(DrawnFootprint.safeParse({ outline: pts([0, 0], [1, 0], [0, 1]) }).success).toBe(true);
    const bowTie = DrawnFootprint.safeParse({ outline: pts([0, 0], [1, 1], [1, 0], [0, 1]) });
    expect(bowTie.success).toBe(false);
    expect(bowTie.error?.issues[0]).toMatchObject({ path: ['outline'], message: expect.stringMatching(/cross/) });
  });
});
