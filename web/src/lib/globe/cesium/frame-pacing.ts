import type * as Cesium from 'cesium';

/** When the picture lags the gateway by more than this, the globe yields frames to the data. */
const LAG_LIMIT_MS = 750;

/**
 * Frame pacing and the frame-rate meter. When rendering starves the page (software WebGL, many
 * tracks), data would queue up behind frames: fresh data matters more than frame rate, so the
 * globe drops to a few frames a second until the picture has caught up.
 */
export function paceFrames(viewer: Cesium.Viewer, lagMs: () => number): { fps(): number } {
  let yielding = false;
  let fps = 0;
  let frames = 0;
  let secondStart = performance.now();
  viewer.scene.postRender.addEventListener(() => {
    const behind = lagMs() > LAG_LIMIT_MS;
    if (behind !== yielding) {
      yielding = behind;
      viewer.targetFrameRate = behind ? 3 : (undefined as unknown as number);
    }
    frames++;
    const now = performance.now();
    if (now - secondStart >= 1000) {
      fps = (frames * 1000) / (now - secondStart);
      frames = 0;
      secondStart = now;
    }
  });
  return { fps: () => fps };
}
