import * as Cesium from 'cesium';
import type { PredictionOverlay } from '../globe.ts';
import { deepEqual } from '../../view/equal.ts';
import { OVERLAY_COLOR } from './colors.ts';

/**
 * Lines with an end circle: predicted paths and impacts (dashed), engagements' flyouts to their
 * intercept point and danger radius (solid).
 */
export async function createPredictionLayer(viewer: Cesium.Viewer) {
  const entities = new Cesium.CustomDataSource('predictions');
  await viewer.dataSources.add(entities);
  let drawn: readonly PredictionOverlay[] = [];

  return {
    count: () => drawn.length,
    set(predictions: readonly PredictionOverlay[]) {
      // Entities are costly to rebuild: only when what is drawn changed.
      if (deepEqual(predictions, drawn)) return;
      drawn = predictions;
      entities.entities.removeAll();
      for (const p of predictions) {
        const color = OVERLAY_COLOR[p.style];
        if (p.path.length >= 2) {
          entities.entities.add({
            id: `prediction:${p.id}`,
            polyline: {
              positions: Cesium.Cartesian3.fromDegreesArrayHeights(p.path.flatMap((g) => [g.lon, g.lat, g.altM])),
              width: p.style === 'engagement' ? 3 : 2,
              material:
                p.style === 'engagement'
                  ? color
                  : new Cesium.PolylineDashMaterialProperty({ color: color.withAlpha(0.9), dashLength: 12 }),
            },
          });
        }
        if (p.impact) {
          entities.entities.add({
            id: `impact:${p.id}`,
            position: Cesium.Cartesian3.fromDegrees(p.impact.lon, p.impact.lat, 0),
            ellipse: {
              semiMajorAxis: Math.max(p.impact.radiusM, 50),
              semiMinorAxis: Math.max(p.impact.radiusM, 50),
              height: 0,
              material: color.withAlpha(0.22),
              outline: true,
              outlineColor: color,
            },
          });
        }
      }
    },
  };
}
