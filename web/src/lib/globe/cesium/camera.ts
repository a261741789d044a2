import * as Cesium from 'cesium';
import type { Area, Footprint } from '../globe.ts';

/** The camera: back to the area of operations, and following a moving position. */
export function createCamera(viewer: Cesium.Viewer) {
  const camera = viewer.camera;
  let following = false;
  /** The distance kept to the followed track: taken at the first frame that draws it. */
  let range: number | null = null;

  /** Looking north at a point from the south, high enough to see `radiusM` around it. */
  function lookFromSouth(center: { lat: number; lon: number }, radiusM: number, seconds: number) {
    following = false;
    camera.lookAtTransform(Cesium.Matrix4.IDENTITY);
    const heightM = radiusM * 2;
    const pitch = Cesium.Math.toRadians(-58);
    const backM = heightM / Math.tan(-pitch);
    camera.flyTo({
      destination: Cesium.Cartesian3.fromDegrees(center.lon, center.lat - backM / 111_000, heightM),
      orientation: { heading: 0, pitch, roll: 0 },
      duration: seconds,
    });
  }

  return {
    flyHome(area: Area, seconds = 1.5): void {
      lookFromSouth(area.center, area.radiusKm * 1000, seconds);
    },
    flyTo(f: Footprint, seconds = 1.2): void {
      const outline = f.outline ?? [];
      const center =
        f.circle?.center ??
        outline.reduce((a, p) => ({ lat: a.lat + p.lat / outline.length, lon: a.lon + p.lon / outline.length }), {
          lat: 0,
          lon: 0,
        });
      const extent =
        f.circle?.radiusM ??
        Math.max(
          ...outline.map((p) =>
            Math.hypot(
              (p.lat - center.lat) * 111_000,
              (p.lon - center.lon) * 111_000 * Math.cos((center.lat * Math.PI) / 180),
            ),
          ),
        );
      lookFromSouth(center, Math.max(3000, extent * 1.8 + f.ceilingM), seconds);
    },
    /**
     * Follow the selected track (or stop). Following is what the user asked for, kept until they stop
     * it: a track not drawn yet (the globe still loading, the picture resynchronizing after a
     * reconnection) is followed from the first frame that draws it, at the distance the camera then
     * has, up to 150 km.
     */
    follow(on: boolean): void {
      following = on;
      range = null;
      if (!on) camera.lookAtTransform(Cesium.Matrix4.IDENTITY);
    },
    /** Once a frame: keep the followed track, where it is drawn, at the centre. */
    track(target: Cesium.Cartesian3 | undefined): void {
      if (!following || !target) return;
      range ??= Math.min(Cesium.Cartesian3.distance(camera.positionWC, target), 150_000);
      camera.lookAt(target, new Cesium.HeadingPitchRange(camera.heading, camera.pitch, range));
    },
  };
}
