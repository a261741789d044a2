import { z } from 'zod';
import { Label, NationCode } from './label.ts';
import { Timestamp } from './provenance.ts';

export const VOLUME_KINDS = [
  'SECTOR',
  'ROZ',
  'NO_FIRE_AREA',
  'ENGAGEMENT_ZONE',
  'TRANSIT_CORRIDOR',
  'DEFENDED_ASSET',
] as const;
export const VolumeKind = z.enum(VOLUME_KINDS);
export type VolumeKind = z.infer<typeof VolumeKind>;

/** A reservation's life: asked for, in force (within its time window), ended (kept for the record). */
export const RESERVATION_STATES = ['PROPOSED', 'ACTIVE', 'ENDED'] as const;
export const ReservationState = z.enum(RESERVATION_STATES);
export type ReservationState = z.infer<typeof ReservationState>;

export const WeaponsControlStatus = z.enum(['HOLD', 'TIGHT', 'FREE']);
export type WeaponsControlStatus = z.infer<typeof WeaponsControlStatus>;

const GeoPoint = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

/** An outline polygon or a circle: the horizontal extent of a volume. */
export const Footprint = z.union([
  z.object({ outline: z.array(GeoPoint).min(3), circle: z.undefined().optional() }),
  z.object({
    circle: z.object({ center: GeoPoint, radiusM: z.number().positive() }),
    outline: z.undefined().optional(),
  }),
]);

/** At most this many corners in an outline a person draws or types. */
export const MAX_DRAWN_CORNERS = 256;

type Point = { lat: number; lon: number };
/** Which side of the line a-b the point c lies on: +1, -1, or 0 on it (plane of lon/lat). */
const side = (a: Point, b: Point, c: Point) =>
  Math.sign((b.lon - a.lon) * (c.lat - a.lat) - (b.lat - a.lat) * (c.lon - a.lon));
const within = (a: Point, b: Point, c: Point) =>
  Math.min(a.lon, b.lon) <= c.lon &&
  c.lon <= Math.max(a.lon, b.lon) &&
  Math.min(a.lat, b.lat) <= c.lat &&
  c.lat <= Math.max(a.lat, b.lat);
/** Whether segments a-b and c-d meet (touching counts). */
function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const [d1, d2, d3, d4] = [side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)];
  if (d1 !== d2 && d3 !== d4 && d1 !== 0 && d2 !== 0 && d3 !== 0 && d4 !== 0) return true;
  return (
    (d1 === 0 && within(c, d, a)) ||
    (d2 === 0 && within(c, d, b)) ||
    (d3 === 0 && within(a, b, c)) ||
    (d4 === 0 && within(a, b, d))
  );
}

/**
 * Why an outline cannot be a reservation's, or null: more than MAX_DRAWN_CORNERS corners, or edges
 * that cross or touch each other other than at the corner they share (a bow tie, a loop). Such an
 * outline has no agreed inside, and polygon clipping of it is ill-defined (one clipper was seen
 * never to return). A corner repeated at once, or a closing corner equal to the first, counts once.
 */
export function outlineProblem(outline: readonly Point[]): string | null {
  const same = (a: Point, b: Point) => a.lat === b.lat && a.lon === b.lon;
  // A corner repeated at once (a double click, a closing corner) is one corner.
  const ring = outline.filter((p, i) => !same(p, outline[(i + 1) % outline.length]!) || outline.length === 1);
  if (ring.length > MAX_DRAWN_CORNERS) return `an outline has at most ${MAX_DRAWN_CORNERS} corners`;
  if (new Set(ring.map((p) => `${p.lat},${p.lon}`)).size < 3) return 'an outline needs at least 3 distinct corners';
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // Neighbouring edges share a corner; every other pair must stay apart.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsMeet(ring[i]!, ring[(i + 1) % n]!, ring[j]!, ring[(j + 1) % n]!))
        return `the outline's edges ${i + 1} and ${j + 1} cross or touch: draw it without crossing itself`;
    }
  }
  // Twice the signed area (shoelace): zero when every corner lies on one line (a simple ring that is not crossing).
  const area = ring.reduce((sum, p, i) => {
    const q = ring[(i + 1) % ring.length]!;
    return sum + p.lon * q.lat - q.lon * p.lat;
  }, 0);
  if (area === 0) return 'the outline encloses no area: its corners lie on one line';
  return null;
}

/** A footprint a person draws or types: a circle, or an outline that does not cross itself. */
export const DrawnFootprint = Footprint.superRefine((f, ctx) => {
  const problem = f.outline ? outlineProblem(f.outline) : null;
  if (problem) ctx.addIssue({ code: 'custom', path: ['outline'], message: problem });
});

/**
 * A 4D airspace volume as the COP draws it: sectors (with their weapons control status), defended
 * assets and reservations. ASTM F3548 Volume4D in shape; deconfliction builds on it later.
 */
export const AirspaceVolume = z.intersection(
  Footprint,
  z.object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(120),
    kind: VolumeKind,
    nation: NationCode,
    label: Label,
    floorM: z.number().min(-500),
    ceilingM: z.number(),
    /** Weapons control status; sectors only. */
    wcs: WeaponsControlStatus.optional(),
    validFrom: Timestamp.optional(),
    validTo: Timestamp.optional(),
    /** Absent: ACTIVE (scenario volumes); the deconfliction service sets it on every reservation. */
    state: ReservationState.optional(),
    /** Changes with every edit (a proposal names the versions it saw). */
    version: z.number().int().nonnegative(),
  }),
);
export type AirspaceVolume = z.infer<typeof AirspaceVolume>;

/** Where the scenario happens: the COP opens on it. */
export const OperationalArea = z.object({
  scenario: z.string(),
  center: GeoPoint,
  radiusKm: z.number().positive(),
  /** The scenario's random seed: services that draw chance outcomes use it, so runs are reproducible. */
  seed: z.number().int().optional(),
});
export type OperationalArea = z.infer<typeof OperationalArea>;

/** A volume's state: ACTIVE unless it says otherwise. */
export const reservationState = (v: Pick<AirspaceVolume, 'state'>): ReservationState => v.state ?? 'ACTIVE';
