import { bearingDeg, destination, distanceM, type KinematicState, type LatLon } from '@tessera/service-kit/geo';

export interface RoutePoint extends LatLon {
  altM: number;
}

interface Leg {
  from: RoutePoint;
  to: RoutePoint;
  lengthM: number;
  startM: number;
}

export interface Route {
  legs: Leg[];
  lengthM: number;
  loop: boolean;
}

export type { KinematicState };

/** A route through waypoints; a looping route flies back to its first waypoint and round again. */
export function buildRoute(waypoints: RoutePoint[], loop: boolean): Route {
  if (waypoints.length < 2) throw new Error('a route needs at least two waypoints');
  const points = loop ? [...waypoints, waypoints[0]!] : waypoints;
  const legs: Leg[] = [];
  let startM = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const lengthM = distanceM(from, to);
    if (lengthM === 0) continue;
    legs.push({ from, to, lengthM, startM });
    startM += lengthM;
  }
  if (legs.length === 0) throw new Error('a route needs two distinct waypoints');
  return { legs, lengthM: startM, loop };
}

/**
 * Where an object is after flying `flownM` metres along the route at `speedMps`: great-circle legs,
 * altitude linear in distance within a leg (so a glide bomb from 9 km to the ground descends at a
 * constant glide angle). Past the end of a non-looping route it stays at the last waypoint.
 */
export function stateAlong(route: Route, flownM: number, speedMps: number): KinematicState {
  let d = route.loop
    ? ((flownM % route.lengthM) + route.lengthM) % route.lengthM
    : Math.min(Math.max(flownM, 0), route.lengthM);
  let leg = route.legs[route.legs.length - 1]!;
  for (const l of route.legs) {
    if (d < l.startM + l.lengthM) {
      leg = l;
      break;
    }
  }
  d -= leg.startM;
  const along = Math.min(d, leg.lengthM);
  const initial = bearingDeg(leg.from, leg.to);
  const here = destination(leg.from, along, initial);
  const remaining = leg.lengthM - along;
  const courseDeg = remaining > 1 ? bearingDeg(here, leg.to) : initial;
  const slope = (leg.to.altM - leg.from.altM) / leg.lengthM;
  return {
    lat: here.lat,
    lon: here.lon,
    altM: leg.from.altM + slope * along,
    speedMps,
    courseDeg,
    climbMps: slope * speedMps,
  };
}
