import {
  covers,
  identityAsSeenBy,
  isFriendlyTo,
  type AirspaceVolume,
  type AuthorizationRequest,
  type Label,
  type Track,
  type WeaponsControlStatus,
} from '@tessera/schema';
import type { Situation } from './checks.ts';

/**
 * The situation around an engagement as the authority sees it now: the target's identity by the
 * requesting nation, the weapons control status in force in its sector, the friendly tracks, the
 * no-fire areas and the transit corridors (as they are: outlines or circles, altitude blocks, time
 * windows and states; the kit's airspace engine measures them). Each friendly and volume says
 * whether every party of the request may see it (`shareable`): only then may a check or reason
 * name it or give a distance (rules.ts).
 */
export function situationOf(
  req: AuthorizationRequest,
  tracks: Iterable<Track>,
  volumes: Iterable<AirspaceVolume>,
  wcs: WeaponsControlStatus | null,
): Situation {
  const e = req.engagement;
  // A JAMMING request has no target track, intercept point or danger radius to check.
  if (!e) return { targetIdentity: null, wcs, friendlies: [], noFireAreas: [], corridors: [] };
  const shareable = (label: Label) => covers(req.label, label);
  let target: Track | undefined;
  const friendlies: Situation['friendlies'][number][] = [];
  for (const t of tracks) {
    if (t.id === e.targetTrackId) target = t;
    else if (isFriendlyTo(t, req.nation))
      friendlies.push({ id: t.id, lat: t.position.lat, lon: t.position.lon, shareable: shareable(t.label) });
  }
  const noFireAreas: Situation['noFireAreas'][number][] = [];
  const corridors: Situation['corridors'][number][] = [];
  for (const v of volumes) {
    if (v.kind === 'NO_FIRE_AREA') noFireAreas.push({ ...v, shareable: shareable(v.label) });
    else if (v.kind === 'TRANSIT_CORRIDOR') corridors.push({ ...v, shareable: shareable(v.label) });
  }
  return {
    targetIdentity: target ? identityAsSeenBy(target, req.nation) : null,
    wcs,
    friendlies,
    noFireAreas,
    corridors,
  };
}
