import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultTabooList, SPECTRUM_USES, type SpectrumAssignment, type SpectrumLocation } from '@tessera/schema';
import {
  findSpectrumConflicts,
  findSpectrumConflictsPairwise,
  interference,
  spectrumConflictsWith,
  SpectrumIndex,
  type SpectrumConflict,
} from './engine.ts';
import { locationDistanceKm, prepareLocation } from './location.ts';
import { suggestChannel, suggestPowerReductions } from './suggest.ts';
import { assignment, HOUR, iso, T0 } from './test-assignments.ts';

/**
 * Properties of the engine on random assignments. Bands lie on a 0.5 MHz grid around 400 MHz
 * (touching after widening comes up often, and the COSPAS-SARSAT TABOO band is in reach), places
 * on a 0.02° grid within about 45 km, heights, powers and windows on coarse steps.
 */

const grid = fc.integer({ min: 0, max: 20 });
const location: fc.Arbitrary<SpectrumLocation> = fc.oneof(
  fc.record({ y: grid, x: grid, h: fc.constantFrom(0, 2, 10, 50, 300) }).map(({ y, x, h }): SpectrumLocation => ({
    kind: 'POINT',
    point: { lat: 50 + y * 0.02, lon: 22 + x * 0.02 },
    antennaHeightM: h,
  })),
  fc
    .record({ y: grid, x: grid, r: fc.integer({ min: 1, max: 20 }), h: fc.constantFrom(0, 10, 120) })
    .map(({ y, x, r, h }): SpectrumLocation => ({
      kind: 'AREA',
      area: { circle: { center: { lat: 50 + y * 0.02, lon: 22 + x * 0.02 }, radiusM: r * 1000 } },
      antennaHeightM: h,
    })),
  fc
    .record({
      y: grid,
      x: grid,
      dy: fc.integer({ min: 1, max: 6 }),
      dx: fc.integer({ min: 1, max: 6 }),
      h: fc.constantFrom(0, 10, 120),
    })
    .map(({ y, x, dy, dx, h }): SpectrumLocation => {
      const [s, w, n, e] = [50 + y * 0.02, 22 + x * 0.02, 50 + (y + dy) * 0.02, 22 + (x + dx) * 0.02];
      return {
        kind: 'AREA',
        area: {
          outline: [
            { lat: s, lon: w },
            { lat: s, lon: e },
            { lat: n, lon: e },
            { lat: n, lon: w },
          ],
        },
        antennaHeightM: h,
      };
    }),
);
const spec = fc.record({
  nation: fc.constantFrom('POL', 'UKR', 'LTU'),
  use: fc.constantFrom(...SPECTRUM_USES),
  low: fc.integer({ min: 780, max: 830 }),
  width: fc.integer({ min: 1, max: 20 }),
  eirp: fc.option(fc.integer({ min: -10, max: 70 })),
  threshold: fc.option(fc.integer({ min: -130, max: -60 })),
  location,
  from: fc.option(fc.integer({ min: 0, max: 8 })),
  length: fc.option(fc.integer({ min: 1, max: 6 })),
  state: fc.constantFrom<SpectrumAssignment['state']>('ACTIVE', 'ACTIVE', 'PROPOSED', 'ENDED'),
});
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function assignmentOf(id: string, s: Spec): SpectrumAssignment {
  const a = assignment(id, s.nation, s.use, [s.low / 2, (s.low + s.width) / 2], s.location, {
    state: s.state,
    tunable: { lowMHz: 380, highMHz: 420 },
    ...(s.eirp === null ? {} : { eirpDbm: s.eirp }),
    ...(s.threshold === null ? {} : { thresholdDbm: s.threshold }),
    ...(s.from === null ? {} : { validFrom: iso(T0 + s.from * HOUR) }),
    ...(s.length === null ? {} : { validTo: iso(T0 + ((s.from ?? 0) + s.length) * HOUR) }),
  });
  return a;
}
const sets = fc
  .array(spec, { minLength: 2, maxLength: 40, size: '+1' })
  .map((xs) => xs.map((s, i) => assignmentOf(`a${i}`, s)));
const summary = (cs: SpectrumConflict[]) => cs.map((c) => [c.id, c.kind, c.parties, c.severityDb, c.paths.length]);
const restricted = defaultTabooList();
const at = fc.option(fc.integer({ min: -1, max: 14 }).map((h) => T0 + h * HOUR));

describe('spectrum engine properties', () => {
  it('the indexed engine finds exactly what comparing every pair finds', () => {
    // The sets are not trivial: most have conflicts of both kinds.
    const found = fc.sample(sets, { numRuns: 100, seed: 1 }).map((all) => findSpectrumConflicts(all, { restricted }));
    expect(found.filter((cs) => cs.some((c) => c.kind === 'INTERFERENCE')).length).toBeGreaterThan(50);
    expect(found.filter((cs) => cs.some((c) => c.kind === 'RESTRICTED_BAND')).length).toBeGreaterThan(20);
    fc.assert(
      fc.property(sets, at, fc.boolean(), (all, atMs, sameNation) => {
        const opts = { restricted, sameNation, ...(atMs === null ? {} : { at: atMs }) };
        expect(summary(findSpectrumConflicts(all, opts))).toEqual(summary(findSpectrumConflictsPairwise(all, opts)));
      }),
      { numRuns: 150 },
    );
  });

  it('after any edit, the incremental answer is the full answer restricted to the edited one', () => {
    fc.assert(
      fc.property(sets, spec, fc.nat(), (all, edit, pick) => {
        fc.pre(all.length > 0);
        const old = all[pick % all.length]!;
        const changed = { ...assignmentOf(old.id, edit), nation: old.nation, version: old.version + 1 };
        const index = new SpectrumIndex(all);
        const incremental = spectrumConflictsWith(changed, index, { restricted });
        index.upsert(changed);
        const full = findSpectrumConflicts(index, { restricted }).filter((c) =>
          c.sides.some((s) => s.nation === changed.nation && s.id === changed.id),
        );
        expect(summary(incremental)).toEqual(summary(full));
        expect(summary(findSpectrumConflicts(index, { restricted }))).toEqual(
          summary(findSpectrumConflictsPairwise(index.values(), { restricted })),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('symmetry: conflicts do not depend on input order; distances are symmetric; a pair conflicts iff either harms the other', () => {
    fc.assert(
      fc.property(sets, (all) => {
        expect(summary(findSpectrumConflicts([...all].reverse()))).toEqual(summary(findSpectrumConflicts(all)));
        for (let i = 0; i + 1 < all.length; i += 2) {
          const [a, b] = [all[i]!, all[i + 1]!];
          const [pa, pb] = [prepareLocation(a.location), prepareLocation(b.location)];
          expect(locationDistanceKm(pa, pb)).toBeCloseTo(locationDistanceKm(pb, pa), 6);
          const harms = interference(a, b) !== null || interference(b, a) !== null;
          expect(findSpectrumConflicts([a, b], { sameNation: true }).length === 1).toBe(harms);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a suggested channel always leaves its assignment without conflicts; a power cut always clears its path', () => {
    fc.assert(
      fc.property(sets, (all) => {
        const index = new SpectrumIndex(all);
        for (const c of findSpectrumConflicts(index, { restricted }).slice(0, 3)) {
          for (const side of c.sides) {
            const s = suggestChannel(side, index, { restricted });
            if (s)
              expect(
                spectrumConflictsWith({ ...side, lowMHz: s.lowMHz, highMHz: s.highMHz }, index, { restricted }),
              ).toEqual([]);
          }
          for (const p of suggestPowerReductions(c)) {
            const path = c.paths.find((x) => x.interferer.id === p.assignment.id)!;
            const i = c.sides.find((x) => x.id === path.interferer.id)!;
            const v = c.sides.find((x) => x !== i)!;
            expect(interference({ ...i, eirpDbm: p.toDbm }, v)).toBeNull();
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
