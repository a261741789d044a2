import { isOpenRequest } from '@tessera/schema';
import type { AlertFieldsFragment, DetectionFieldsFragment, RequestFieldsFragment } from '@tessera/schema/operations';
import type { PredictionOverlay } from '../globe/globe.ts';

/**
 * What the globe draws as lines with an end circle: the predicted path of every track with an active
 * threat alert and of the selected track; for every open engagement its flyout (effector to intercept
 * point) and danger radius; for every open jamming request its area.
 */
export function predictionOverlays(
  detections: ReadonlyMap<string, DetectionFieldsFragment>,
  alerts: readonly AlertFieldsFragment[],
  requests: readonly RequestFieldsFragment[],
  selectedId: string | null,
): PredictionOverlay[] {
  const ids = new Set(alerts.filter((a) => a.kind === 'THREAT' && a.clearedAt === null).map((a) => a.trackId));
  if (selectedId) ids.add(selectedId);
  const out: PredictionOverlay[] = [];
  for (const id of ids) {
    const d = detections.get(id);
    if (!d) continue;
    const predicted = d.prediction.impact;
    const impact =
      d.threat?.predictedImpact ??
      (predicted ? { lat: predicted.lat, lon: predicted.lon, radiusM: predicted.radiusM } : null);
    out.push({ id, path: d.prediction.path, impact, style: d.threat != null ? 'threat' : 'selected' });
  }
  for (const r of requests) {
    if (!isOpenRequest(r)) continue;
    const j = r.jamming;
    if (j)
      out.push({
        id: `jam:${r.id}`,
        path: [],
        impact: { lat: j.center.lat, lon: j.center.lon, radiusM: j.radiusM },
        style: 'engagement',
      });
    const e = r.engagement;
    if (!e?.effectorPosition) continue;
    out.push({
      id: `eng:${r.id}`,
      path: [{ ...e.effectorPosition, altM: 0 }, e.interceptPoint],
      impact: { lat: e.interceptPoint.lat, lon: e.interceptPoint.lon, radiusM: e.dangerRadiusM },
      style: 'engagement',
    });
  }
  return out;
}
