import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VOLUME_KINDS, type AirspaceVolume } from '@tessera/schema';
import {
  conflictsWith,
  findConflicts,
  findConflictsPairwise,
  ReservationIndex,
  type AirspaceConflict,
} from './conflicts.ts';
import { AREA_EPSILON_M2, overlapOf } from './overlap.ts';
import { box, disc, HOUR, iso, M_PER_DEG, outline, T0 } from './test-volumes.ts';

/**
 * Properties of the engine on random volumes. Corners lie on a 0.01° grid and altitudes and times
 * on coarse steps, so shared edges, boundary altitudes and boundary instants come up often.
 */

const GRID = 0.01;
const nation = fc.constantFrom('POL', 'UKR', 'LTU');
/** Mostly kinds that conflict with each other, so that sets have conflicts to find. */
const kind = fc.oneof(
  { arbitrary: fc.constantFrom('ROZ', 'TRANSIT_CORRIDOR', 'ENGAGEMENT_ZONE'), weight: 4 },
  { arbitrary: fc.constantFrom(...VOLUME_KINDS), weight: 1 },
);

type Shape =
  | { kind: 'box'; south: number; west: number; rows: number; cols: number }
  | { kind: 'circle'; south: number; west: number; radiusM: number }
  | { kind: 'star'; south: number; west: number; radiiM: number[]; turn: number };
const cell = fc.integer({ min: 0, max: 15 });
const shape: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({
    kind: fc.constant('box' as const),
    south: cell,
    west: cell,
    rows: fc.integer({ min: 1, max: 15 }),
    cols: fc.integer({ min: 1, max: 15 }),
  }),
  fc.record({
    kind: fc.constant('circle' as const),
    south: cell,
    west: cell,
    radiusM: fc.integer({ min: 300, max: 12_000 }),
  }),
  fc.record({
    kind: fc.constant('star' as const),
    south: cell,
    west: cell,
    radiiM: fc.array(fc.integer({ min: 500, max: 10_000 }), { minLength: 3, maxLength: 8 }),
    turn: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);
const block = fc.record({ floor: fc.integer({ min: 0, max: 4 }), height: fc.integer({ min: 1, max: 6 }) });
/** Hours after T0, either end possibly open. */
const window = fc.record({
  from: fc.option(fc.integer({ min: -4, max: 12 })),
  length: fc.option(fc.integer({ min: 1, max: 10 })),
});
const state = fc.constantFrom<AirspaceVolume['state']>(undefined, undefined, 'ACTIVE', 'PROPOSED', 'ENDED');
const spec = fc.record({ nation, kind, shape, block, window, state });
type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

/** The volume a spec describes, moved by (dLat, dLon) degrees, dAltM metres and dHours hours. */
function volumeOf(id: string, s: Spec, shift = { dLat: 0, dLon: 0, dAltM: 0, dHours: 0 }): AirspaceVolume {
  const lat = 50 + s.shape.south * GRID + shift.dLat;
  const lon = 22 + s.shape.west * GRID + shift.dLon;
  const startH = s.window.from ?? (s.window.length === null ? null : 0);
  const over: Partial<AirspaceVolume> = {
    floorM: s.block.floor * 500 + shift.dAltM,
    ceilingM: (s.block.floor + s.block.height) * 500 + shift.dAltM,
    ...(s.window.from === null ? {} : { validFrom: iso(T0 + (s.window.from + shift.dHours) * HOUR) }),
    ...(s.window.length === null || startH === null
      ? {}
      : { validTo: iso(T0 + (startH + s.window.length + shift.dHours) * HOUR) }),
    ...(s.state === undefined ? {} : { state: s.state }),
  };
  switch (s.shape.kind) {
    case 'box':
      return box(
        id,
        s.nation,
        s.kind,
        [
          lat,
          lon,
          50 + (s.shape.south + s.shape.rows) * GRID + shift.dLat,
          22 + (s.shape.west + s.shape.cols) * GRID + shift.dLon,
        ],
        over,
      );
    case 'circle':
      return disc(id, s.nation, s.kind, { lat, lon }, s.shape.radiusM, over);
    case 'star': {
      const n = s.shape.radiiM.length;
      // Shaped in metres where it was generated, then moved in degrees: translated exactly.
      const k = M_PER_DEG * Math.cos(((lat - shift.dLat) * Math.PI) / 180);
      const corners = s.shape.radiiM.map((r, i): [number, number] => {
        const a = ((i + (s.shape.kind === 'star' ? s.shape.turn : 0)) / n) * 2 * Math.PI;
        return [lat + (r * Math.cos(a)) / M_PER_DEG, lon + (r * Math.sin(a)) / k];
      });
      return outline(id, s.nation, s.kind, corners, over);
    }
  }
}

const summary = (cs: AirspaceConflict[]) =>
  cs.map((c) => ({
    id: c.id,
    parties: c.parties,
    severity: c.severity,
    basedOn: c.basedOn,
    from: c.region.from,
    to: c.region.to,
    floorM: c.region.floorM,
    ceilingM: c.region.ceilingM,
  }));
const areas = (cs: AirspaceConflict[]) => cs.map((c) => c.region.areaKm2);
const expectSameAreas = (x: number[], y: number[]) => {
  expect(x.length).toBe(y.length);
  x.forEach((a, i) => expect(Math.abs(a - y[i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, a)));
};

describe('properties of the conflict engine', () => {
  it('symmetry: A against B is B against A', () => {
    fc.assert(
      fc.property(spec, spec, (sa, sb) => {
        const a = volumeOf('a', sa);
        const b = volumeOf('b', sb);
        const ab = overlapOf(a, b);
        const ba = overlapOf(b, a);
        expect(ba === null).toBe(ab === null);
        if (ab && ba) {
          expect({ ...ba, outline: null, areaKm2: null }).toEqual({ ...ab, outline: null, areaKm2: null });
          expectSameAreas([ba.areaKm2], [ab.areaKm2]);
        }
        expect(summary(findConflicts([b, a]))).toEqual(summary(findConflicts([a, b])));
      }),
      { numRuns: 400 },
    );
  });

  it('translation: moving both volumes by the same offset keeps the verdict', () => {
    // East-west by any amount; north-south only without circles: on the sphere a circle moved north
    // changes its shape in degrees (a polygon's corners move with it), so that is no symmetry.
    const shift = fc.record({
      dLat: fc.double({ min: -3, max: 3, noNaN: true }),
      dLon: fc.double({ min: -30, max: 30, noNaN: true }),
      dAltM: fc.integer({ min: -400, max: 9000 }),
      dHours: fc.integer({ min: -48, max: 48 }),
    });
    fc.assert(
      fc.property(spec, spec, shift, (sa, sb, d) => {
        const s = sa.shape.kind === 'circle' || sb.shape.kind === 'circle' ? { ...d, dLat: 0 } : d;
        const before = overlapOf(volumeOf('a', sa), volumeOf('b', sb));
        const after = overlapOf(volumeOf('a', sa, s), volumeOf('b', sb, s));
        // Areas are in m², which change with latitude (by 7 % at most over 3°): an overlap right at
        // the 1 m² threshold may cross it, nothing larger.
        if ((before === null) !== (after === null))
          expect((before ?? after)!.areaKm2 * 1e6).toBeLessThan(1.1 * AREA_EPSILON_M2);
      }),
      { numRuns: 400 },
    );
  });

  it('the indexed engine finds what comparing every pair finds', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 40 }), (specs) => {
        const volumes = specs.map((s, i) => volumeOf(`v${i}`, s));
        const indexed = findConflicts(volumes);
        const pairwise = findConflictsPairwise(volumes);
        expect(summary(indexed)).toEqual(summary(pairwise));
        expectSameAreas(areas(indexed), areas(pairwise));
      }),
      { numRuns: 150 },
    );
  });

  it('after one edit, the edited reservation against the index gives its conflicts of a full evaluation', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 30 }), spec, fc.nat(), (specs, edit, which) => {
        const volumes = specs.map((s, i) => volumeOf(`v${i}`, s));
        const index = new ReservationIndex(volumes);
        const old = volumes[which % volumes.length]!;
        const edited = {
          ...volumeOf(old.id, { ...edit, nation: old.nation as Spec['nation'] }),
          version: old.version + 1,
        };
        const incremental = conflictsWith(edited, index);
        index.upsert(edited);
        const full = findConflicts(index).filter((c) =>
          c.sides.some((v) => v.nation === edited.nation && v.id === edited.id),
        );
        expect(summary(incremental)).toEqual(summary(full));
      }),
      { numRuns: 150 },
    );
  });
});
