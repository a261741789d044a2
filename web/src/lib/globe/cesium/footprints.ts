import * as Cesium from 'cesium';
import type { Footprint, LatLon } from '../globe.ts';
import { deepEqual } from '../../view/equal.ts';

/** Degrees of a point on the ellipsoid. */
export function toLatLon(position: Cesium.Cartesian3): LatLon {
  const c = Cesium.Cartographic.fromCartesian(position);
  return { lat: Cesium.Math.toDegrees(c.latitude), lon: Cesium.Math.toDegrees(c.longitude) };
}

/** The point on the ground under a screen position, if the globe is there. */
export function groundAt(viewer: Cesium.Viewer, screen: Cesium.Cartesian2): LatLon | null {
  const position = viewer.camera.pickEllipsoid(screen, viewer.scene.globe.ellipsoid);
  return position ? toLatLon(position) : null;
}

export const hierarchyOf = (outline: readonly LatLon[]) =>
  new Cesium.PolygonHierarchy(Cesium.Cartesian3.fromDegreesArray(outline.flatMap((p) => [p.lon, p.lat])));

/**
 * An extruded footprint as an entity's graphics: a polygon or an ellipse from floor to ceiling.
 * `style` gives the fill (none when null) and the outline colour.
 */
export function volumeGraphics(
  f: Footprint,
  style: { fill: Cesium.Color | Cesium.MaterialProperty | null; outline: Cesium.Color },
): Cesium.Entity.ConstructorOptions {
  const common = {
    height: f.floorM,
    extrudedHeight: f.ceilingM,
    fill: style.fill !== null,
    ...(style.fill !== null ? { material: style.fill } : {}),
    outline: true,
    outlineColor: style.outline,
  };
  if (f.circle) {
    return {
      position: Cesium.Cartesian3.fromDegrees(f.circle.center.lon, f.circle.center.lat, f.ceilingM),
      ellipse: { ...common, semiMajorAxis: f.circle.radiusM, semiMinorAxis: f.circle.radiusM },
    };
  }
  const centre = centreOf(f);
  return {
    position: Cesium.Cartesian3.fromDegrees(centre.lon, centre.lat, f.ceilingM),
    polygon: { ...common, hierarchy: hierarchyOf(f.outline ?? []), perPositionHeight: false },
  };
}

/** The centre of a footprint (where its label goes): the circle's centre or the mean of the outline's points. */
export function centreOf(f: Pick<Footprint, 'circle' | 'outline'>): LatLon {
  if (f.circle) return f.circle.center;
  const outline = f.outline ?? [];
  return outline.reduce((a, p) => ({ lat: a.lat + p.lat / outline.length, lon: a.lon + p.lon / outline.length }), {
    lat: 0,
    lon: 0,
  });
}

/**
 * A layer of entities drawn from a list of overlays, `entitiesOf` each. Entities are costly to
 * rebuild: they are only when what is drawn changed.
 */
export async function entityLayer<T>(
  viewer: Cesium.Viewer,
  name: string,
  entitiesOf: (item: T) => Cesium.Entity.ConstructorOptions[],
) {
  const source = new Cesium.CustomDataSource(name);
  await viewer.dataSources.add(source);
  let drawn: readonly T[] = [];
  return {
    set(items: readonly T[]) {
      if (deepEqual(items, drawn)) return;
      drawn = items;
      source.entities.removeAll();
      for (const item of items) for (const entity of entitiesOf(item)) source.entities.add(entity);
    },
    count: () => drawn.length,
    show(on: boolean) {
      source.show = on;
    },
  };
}
