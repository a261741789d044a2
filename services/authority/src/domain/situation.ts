import { covers, identityAsSeenBy, isFriendlyTo, type AirspaceVolume, type AuthorizationRequest, type Label, type Track, type WeaponsControlStatus } from '@tessera/schema';
import { distanceM } from '@tessera/service-kit/geo';
import type { Situation } from './rules.ts';

/**
 * The situation around an engagement as the authority sees it now: the target's identity by the
 * requesting nation, the weapons control status in force in its sector, the friendly tracks and
 * no-fire areas. Each friendly and no-fire area says whether every party of the request may see it
 * (`shareable`): only then may a check or reason name it or give a distance (rules.ts).
 */
export function situationOf(req: AuthorizationRequest, tracks: Iterable<Track>, volumes: Iterable<AirspaceVolume>, wcs: WeaponsControlStatus | null): Situation {
  const e = req.engagement;
  // A JAMMING request has no target track, intercept point or danger radius to check.
  if (!e) return { targetIdentity: null, wcs, friendlies: [], noFireAreas: [] };
  const shareable = (label: Label) => covers(req.label, label);
  let target: Track | undefined;
  const friendlies: Situation['friendlies'][number][] = [];
  for (const t of tracks) {
    if (t.id === e.targetTrackId) target = t;
    else if (isFriendlyTo(t, req.nation)) friendlies.push({ id: t.id, lat: t.position.lat, lon: t.position.lon, shareable: shareable(t.label) });
  }
  const noFireAreas = [...volumes]
    .filter((v) => v.kind === 'NO_FIRE_AREA')
    .map((v) => {
      if (v.circle) return { id: v.id, center: v.circle.center, radiusM: v.circle.radiusM, shareable: shareable(v.label) };
      // A polygon is checked as its enclosing circle about the vertices' mean: never closer than the truth.
      const pts = v.outline!;
      const center = { lat: pts.reduce((s, p) => s + p.lat, 0) / pts.length, lon: pts.reduce((s, p) => s + p.lon, 0) / pts.length };
      return { id: v.id, center, radiusM: Math.max(...pts.map((p) => distanceM(center, p))), shareable: shareable(v.label) };
    });
  return { targetIdentity: target ? identityAsSeenBy(target, req.nation) : null, wcs, friendlies, noFireAreas };
}
