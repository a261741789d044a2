import * as Cesium from 'cesium';
import type { LatLon, RangeOverlay } from '../globe.ts';
import { OVERLAY_COLOR } from './colors.ts';
import { centreOf, entityLayer, hierarchyOf } from './footprints.ts';

const ROLE_COLOR: Record<RangeOverlay['role'], Cesium.Color> = {
  selected: OVERLAY_COLOR.selected,
  interferer: OVERLAY_COLOR.threat,
  victim: OVERLAY_COLOR.engagement,
};

type Shape = { outline: readonly LatLon[] | null; circle: { center: LatLon; radiusM: number } | null };

/** A shape on the ground: a circle or a polygon, clamped to the terrain's ellipsoid. */
function ground(shape: Shape, fill: Cesium.Color, outline: Cesium.Color): Cesium.Entity.ConstructorOptions {
  const common = { height: 0, material: fill, outline: true, outlineColor: outline };
  if (shape.circle)
    return {
      position: Cesium.Cartesian3.fromDegrees(shape.circle.center.lon, shape.circle.center.lat, 0),
      ellipse: { ...common, semiMajorAxis: shape.circle.radiusM, semiMinorAxis: shape.circle.radiusM },
    };
  return { polygon: { ...common, hierarchy: hierarchyOf(shape.outline ?? []) } };
}

/**
 * Spectrum assignments' radio ranges: the range faint, the site (a point or an area) strong, with the
 * system's name; the ends of a selected conflict coloured as interferer (red) and victim (amber).
 */
export const createRangeLayer = (viewer: Cesium.Viewer) =>
  entityLayer<RangeOverlay>(viewer, 'spectrum-ranges', (r) => {
    const color = ROLE_COLOR[r.role];
    const site = r.point ?? centreOf(r.area ?? r.range);
    const entities: Cesium.Entity.ConstructorOptions[] = [
      { id: `range:${r.id}`, ...ground(r.range, color.withAlpha(0.12), color.withAlpha(0.9)) },
    ];
    if (r.area) entities.push({ id: `range-area:${r.id}`, ...ground(r.area, color.withAlpha(0.35), color) });
    entities.push({
      id: `range-site:${r.id}`,
      position: Cesium.Cartesian3.fromDegrees(site.lon, site.lat, 0),
      ...(r.point
        ? {
            point: {
              pixelSize: 9,
              color,
              outlineColor: Cesium.Color.BLACK,
              outlineWidth: 1,
              disableDepthTestDistance: Number.POSITIVE_INFINITY,
            },
          }
        : {}),
      label: {
        text: r.label,
        font: '12px "DejaVu Sans", sans-serif',
        fillColor: Cesium.Color.WHITE,
        outlineColor: Cesium.Color.BLACK,
        outlineWidth: 3,
        style: Cesium.LabelStyle.FILL_AND_OUTLINE,
        verticalOrigin: Cesium.VerticalOrigin.BOTTOM,
        pixelOffset: new Cesium.Cartesian2(0, -10),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      },
    });
    return entities;
  });
