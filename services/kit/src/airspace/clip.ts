import { featureCollection } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import polygonClipping from 'polygon-clipping';
import { areaOfPolygons, polygonsOf, type Area } from './footprint.ts';

/**
 * The intersection of two areas, the one polygon clipping of the engine (overlap.ts).
 *
 * - Fast: `polygon-clipping` 0.15.7, plain floating point (the clipper of turf 6). polyclip-ts, which
 *   @turf/intersect 7 uses, was made from it and does the same sweep in arbitrary precision
 *   (bignumber.js), about 11x slower per pair on the engine's inputs with identical areas.
 * - Robust: where polygon-clipping throws (it gives up on some nearly degenerate inputs: "Unable to
 *   complete output ring", "Unable to find segment", its infinite-loop guards), the same pair is
 *   clipped again by @turf/intersect (polyclip-ts). `clipCounts()` counts how often that happened.
 *
 * Both return null for an empty intersection, a Polygon for one piece and a MultiPolygon for more.
 * Whatever the robust clipper throws is thrown on (overlap.ts then stands in the bounding boxes).
 */

const counts = { fast: 0, robust: 0 };

/** How many pairs each clipper has clipped in this process: `robust` counts the fallbacks, after polygon-clipping threw. */
export const clipCounts = (): Readonly<typeof counts> => ({ ...counts });

/** The intersection of two areas: polygon-clipping, or @turf/intersect where polygon-clipping throws. */
export function clipIntersection(a: Area, b: Area): Area | null {
  let fast: Area | null;
  try {
    fast = fastIntersection(a, b);
  } catch {
    counts.robust++;
    return robustIntersection(a, b);
  }
  counts.fast++;
  return fast;
}

/** polygon-clipping alone (plain floating point); throws where it gives up. */
export function fastIntersection(a: Area, b: Area): Area | null {
  return areaOfPolygons(polygonClipping.intersection(polygonsOf(a) as Pairs, polygonsOf(b) as Pairs));
}

/** @turf/intersect alone (polyclip-ts, arbitrary precision). */
export function robustIntersection(a: Area, b: Area): Area | null {
  const feature = (geometry: Area) => ({ type: 'Feature' as const, properties: {}, geometry });
  return intersect(featureCollection([feature(a), feature(b)]))?.geometry ?? null;
}

/** GeoJSON positions as polygon-clipping types them (the same arrays: [lon, lat]). */
type Pairs = [number, number][][][];
