import * as Cesium from 'cesium';
import type { Volume } from '../globe.ts';
import { volumeColor } from './colors.ts';
import { entityLayer, volumeGraphics } from './footprints.ts';

/** The few static airspace volumes (sectors, zones, corridors): extruded entities with a label. */
export const createVolumeLayer = (viewer: Cesium.Viewer) =>
  entityLayer<Volume>(viewer, 'volumes', (v) => {
    const color = volumeColor(v.kind);
    return [
      {
        id: `volume:${v.nation}:${v.id}`,
        ...volumeGraphics(v, {
          fill: color.withAlpha(v.kind === 'SECTOR' ? 0.06 : 0.16),
          outline: color.withAlpha(0.7),
        }),
        label: {
          text: v.kind === 'SECTOR' ? `${v.name}\nWCS ${v.wcs ?? '?'}` : v.name,
          font: '12px "DejaVu Sans", sans-serif',
          fillColor: color.brighten(0.3, new Cesium.Color()),
          outlineColor: Cesium.Color.BLACK,
          outlineWidth: 3,
          style: Cesium.LabelStyle.FILL_AND_OUTLINE,
          // Names hang below their point, a conflict's label sits above it: the two never cover each other.
          verticalOrigin: Cesium.VerticalOrigin.TOP,
          pixelOffset: new Cesium.Cartesian2(0, 4),
          showBackground: true,
          backgroundColor: new Cesium.Color(0.05, 0.07, 0.1, 0.7),
          distanceDisplayCondition: new Cesium.DistanceDisplayCondition(0, v.kind === 'SECTOR' ? 3_000_000 : 900_000),
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        },
      },
    ];
  });
