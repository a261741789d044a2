import * as Cesium from 'cesium';
import type { PredictionOverlay } from '../globe.ts';
import { OVERLAY_COLOR } from './colors.ts';
import { entityLayer } from './footprints.ts';

/**
 * Lines with an end circle: predicted paths and impacts (dashed), engagements' flyouts to their
 * intercept point and danger radius (solid).
 */
export const createPredictionLayer = (viewer: Cesium.Viewer) =>
  entityLayer<PredictionOverlay>(viewer, 'predictions', (p) => {
    const color = OVERLAY_COLOR[p.style];
    const entities: Cesium.Entity.ConstructorOptions[] = [];
    if (p.path.length >= 2) {
      entities.push({
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
      entities.push({
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
    return entities;
  });
