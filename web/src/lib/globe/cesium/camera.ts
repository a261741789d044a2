import * as Cesium from 'cesium';
import type { Area } from '../globe.ts';

/** The camera: back to the area of operations, and following a moving position. */
export function createCamera(viewer: Cesium.Viewer) {
  const camera = viewer.camera;
  let following = false;
  let range = 0;

  return {
    flyHome(area: Area, seconds = 1.5): void {
      following = false;
      camera.lookAtTransform(Cesium.Matrix4.IDENTITY);
      // Looking north-ish at the area from the south, high enough to see all of it.
      const heightM = area.radiusKm * 2000;
      const pitch = Cesium.Math.toRadians(-58);
      const backM = heightM / Math.tan(-pitch);
      camera.flyTo({
        destination: Cesium.Cartesian3.fromDegrees(area.center.lon, area.center.lat - backM / 111_000, heightM),
        orientation: { heading: 0, pitch, roll: 0 },
        duration: seconds,
      });
    },
    /** Start following `target` (null: stop), at the current distance up to 150 km. */
    follow(target: Cesium.Cartesian3 | null): void {
      following = target !== null;
      if (target) range = Math.min(Cesium.Cartesian3.distance(camera.positionWC, target), 150_000);
      else camera.lookAtTransform(Cesium.Matrix4.IDENTITY);
    },
    /** Once a frame: keep the followed position at the centre. */
    track(target: Cesium.Cartesian3 | undefined): void {
      if (following && target) camera.lookAt(target, new Cesium.HeadingPitchRange(camera.heading, camera.pitch, range));
    },
  };
}
