import * as Cesium from 'cesium';
import type { Volume } from '../globe.ts';
import { volumeColor } from './colors.ts';

/** The centre of a volume's outline (for its label): the circle's centre or the mean of the vertices. */
export function volumeCentre(v: Pick<Volume, 'circle' | 'outline'>): { lat: number; lon: number } {
  if (v.circle) return v.circle.center;
  const outline = v.outline ?? [];
  return outline.reduce((a, p) => ({ lat: a.lat + p.lat / outline.length, lon: a.lon + p.lon / outline.length }), {
    lat: 0,
    lon: 0,
  });
}

/** The few static airspace volumes (sectors, zones, corridors): extruded entities with a label. */
export async function createVolumeLayer(viewer: Cesium.Viewer) {
  const entities = new Cesium.CustomDataSource('volumes');
  await viewer.dataSources.add(entities);
  return {
    show(on: boolean) {
      entities.show = on;
    },
    set(volumes: readonly Volume[]) {
      entities.entities.removeAll();
      for (const v of volumes) {
        const color = volumeColor(v.kind);
        const common = {
          height: v.floorM,
          extrudedHeight: v.ceilingM,
          material: color.withAlpha(v.kind === 'SECTOR' ? 0.06 : 0.16),
          outline: true,
          outlineColor: color.withAlpha(0.7),
        };
        const center = volumeCentre(v);
        const text = v.kind === 'SECTOR' ? `${v.name}\nWCS ${v.wcs ?? '?'}` : v.name;
        entities.entities.add({
          id: `volume:${v.nation}:${v.id}`,
          position: Cesium.Cartesian3.fromDegrees(center.lon, center.lat, v.ceilingM),
          ...(v.circle
            ? { ellipse: { ...common, semiMajorAxis: v.circle.radiusM, semiMinorAxis: v.circle.radiusM } }
            : {
                polygon: {
                  ...common,
                  hierarchy: Cesium.Cartesian3.fromDegreesArray(v.outline!.flatMap((p) => [p.lon, p.lat])),
                  perPositionHeight: false,
                },
              }),
          label: {
            text,
            font: '12px "DejaVu Sans", sans-serif',
            fillColor: color.brighten(0.3, new Cesium.Color()),
            outlineColor: Cesium.Color.BLACK,
            outlineWidth: 3,
            style: Cesium.LabelStyle.FILL_AND_OUTLINE,
            distanceDisplayCondition: new Cesium.DistanceDisplayCondition(0, v.kind === 'SECTOR' ? 3_000_000 : 900_000),
            disableDepthTestDistance: Number.POSITIVE_INFINITY,
          },
        });
      }
    },
  };
}
