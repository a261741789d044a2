import * as Cesium from 'cesium';
import type { Layers } from '../state/settings.svelte.ts';
import type { Area, Globe, TrackSource } from './globe.ts';
import { createCamera } from './cesium/camera.ts';
import { paceFrames } from './cesium/frame-pacing.ts';
import { createPredictionLayer } from './cesium/prediction-layer.ts';
import { createTrackLayer } from './cesium/track-layer.ts';
import { applyLite, createViewer } from './cesium/viewer.ts';
import { createVolumeLayer } from './cesium/volume-layer.ts';

/**
 * The Cesium globe: the one implementation of `Globe`, composed of layers (tracks, volumes,
 * predictions), the camera and frame pacing. Only the files in `./cesium/` and this one import Cesium.
 */
export async function createCesiumGlobe(container: HTMLElement, source: TrackSource, opts: { lite: boolean; layers: Layers; area?: Area }): Promise<Globe> {
  const viewer = createViewer(container, opts.lite);
  const scene = viewer.scene;
  const camera = createCamera(viewer);
  const tracks = createTrackLayer(scene, source, opts);
  const volumes = await createVolumeLayer(viewer);
  const predictions = await createPredictionLayer(viewer);
  const pacing = paceFrames(viewer, () => source.lagMs());

  scene.preRender.addEventListener(() => {
    tracks.update(Date.now(), viewer.camera.positionWC);
    camera.track(tracks.selectedPosition());
  });

  const pickListeners = new Set<(id: string | null) => void>();
  const handler = new Cesium.ScreenSpaceEventHandler(scene.canvas);
  handler.setInputAction((e: { position: Cesium.Cartesian2 }) => {
    const picked = scene.pick(e.position) as { id?: unknown } | undefined;
    const id = picked && typeof picked.id === 'string' && tracks.has(picked.id) ? picked.id : null;
    for (const l of pickListeners) l(id);
  }, Cesium.ScreenSpaceEventType.LEFT_CLICK);

  if (opts.area) camera.flyHome(opts.area, 0);

  return {
    setLite(lite) {
      tracks.setLite(lite);
      applyLite(viewer, lite);
    },
    setLayers(layers) {
      tracks.setLayers(layers);
      volumes.show(layers.volumes);
    },
    setVolumes: (v) => volumes.set(v),
    setSelected: (id) => tracks.setSelected(id),
    setPredictions: (p) => predictions.set(p),
    setFollow: (on) => camera.follow(on ? (tracks.selectedPosition() ?? null) : null),
    flyHome: (area, seconds) => camera.flyHome(area, seconds),
    onPick(listener) {
      pickListeners.add(listener);
    },
    stats: () => ({ drawnSymbols: tracks.drawnSymbols(), fps: pacing.fps(), predictions: predictions.count() }),
    screenPosition(id) {
      const position = tracks.shownPosition(id);
      const p = position ? Cesium.SceneTransforms.worldToWindowCoordinates(scene, position) : undefined;
      return p ? { x: p.x, y: p.y } : null;
    },
    destroy() {
      handler.destroy();
      viewer.destroy();
    },
  };
}
