import * as Cesium from 'cesium';
import type { Layers } from '../state/settings.svelte.ts';
import type { Area, DraftEdit, Globe, TrackSource } from './globe.ts';
import { createCamera } from './cesium/camera.ts';
import { createConflictLayer } from './cesium/conflict-layer.ts';
import { createDraftLayer } from './cesium/draft-layer.ts';
import { paceFrames } from './cesium/frame-pacing.ts';
import { createPredictionLayer } from './cesium/prediction-layer.ts';
import { createPreviewLayer } from './cesium/preview-layer.ts';
import { createRangeLayer } from './cesium/range-layer.ts';
import { createTrackLayer } from './cesium/track-layer.ts';
import { applyLite, createViewer } from './cesium/viewer.ts';
import { createVolumeLayer } from './cesium/volume-layer.ts';
import { FrameMeter } from './drawing-load.ts';

/**
 * The Cesium globe: the one implementation of `Globe`, composed of layers (tracks, volumes,
 * predictions, conflicts, spectrum ranges, a proposal's preview, the reservation being drawn), the camera and frame
 * pacing. Only the files in `./cesium/` and this one import Cesium.
 */
export async function createCesiumGlobe(
  container: HTMLElement,
  source: TrackSource,
  opts: { lite: boolean; layers: Layers; area?: Area },
): Promise<Globe> {
  const viewer = createViewer(container, opts.lite);
  const scene = viewer.scene;
  const camera = createCamera(viewer);
  const tracks = createTrackLayer(scene, source, opts);
  const volumes = await createVolumeLayer(viewer);
  const predictions = await createPredictionLayer(viewer);
  const conflicts = await createConflictLayer(viewer);
  const preview = await createPreviewLayer(viewer);
  const ranges = await createRangeLayer(viewer);
  const draftListeners = new Set<(edit: DraftEdit) => void>();
  const draft = createDraftLayer(viewer, (edit) => draftListeners.forEach((l) => l(edit)));
  const pacing = paceFrames(viewer, () => source.lagMs());
  const status = createStatus(container);
  const meter = new FrameMeter(performance.now(), source.applyMs());
  let statusAt = 0;

  scene.preRender.addEventListener(() => {
    const start = performance.now();
    const now = Date.now();
    tracks.update(now, viewer.camera.positionWC);
    camera.track(tracks.selectedPosition());
    if (now - statusAt >= STATUS_EVERY_MS) {
      statusAt = now;
      status.set(tracks.status(now));
    }
    meter.record(performance.now() - start);
  });

  // A click draws while a reservation is being drawn; otherwise it picks a conflict or a track.
  const pickListeners = new Set<(id: string | null) => void>();
  const conflictListeners = new Set<(id: string) => void>();
  const handler = new Cesium.ScreenSpaceEventHandler(scene.canvas);
  handler.setInputAction((e: { position: Cesium.Cartesian2 }) => {
    if (draft.active()) return draft.click(e.position);
    const picked = scene.pick(e.position) as { id?: unknown } | undefined;
    const conflict = conflicts.conflictOf(picked?.id);
    if (conflict) return conflictListeners.forEach((l) => l(conflict));
    const id = picked && typeof picked.id === 'string' && tracks.has(picked.id) ? picked.id : null;
    for (const l of pickListeners) l(id);
  }, Cesium.ScreenSpaceEventType.LEFT_CLICK);

  if (opts.area) camera.flyHome(opts.area, 0);

  const onScreen = (position: Cesium.Cartesian3 | undefined) => {
    const p = position ? Cesium.SceneTransforms.worldToWindowCoordinates(scene, position) : undefined;
    return p ? { x: p.x, y: p.y } : null;
  };

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
    setFollow: (on) => camera.follow(on),
    setConflicts: (c) => conflicts.set(c),
    setRanges: (r) => ranges.set(r),
    setPreview: (p) => preview.set(p),
    setDraft: (d) => draft.set(d),
    onDraftEdit(listener) {
      draftListeners.add(listener);
    },
    flyHome: (area, seconds) => camera.flyHome(area, seconds),
    flyTo: (footprint, seconds) => camera.flyTo(footprint, seconds),
    onPick(listener) {
      pickListeners.add(listener);
    },
    onPickConflict(listener) {
      conflictListeners.add(listener);
    },
    stats: () => ({ drawnSymbols: tracks.drawnSymbols(), fps: pacing.fps(), predictions: predictions.count() }),
    frameStats(reset = false) {
      const now = performance.now();
      const summary = meter.summary(now, source.applyMs());
      if (reset) meter.reset(now, source.applyMs());
      return { ...summary, lagMs: source.lagMs() };
    },
    screenPosition: (id) => onScreen(tracks.shownPosition(id)),
    screenPositionOf: (p) => onScreen(Cesium.Cartesian3.fromDegrees(p.lon, p.lat, p.altM ?? 0)),
    draftHandleAt: ({ x, y }) => {
      const handle = draft.handleAt(new Cesium.Cartesian2(x, y));
      return handle === null ? null : handle.kind === 'vertex' ? `vertex ${handle.index}` : handle.kind;
    },
    destroy() {
      status.destroy();
      draft.destroy();
      handler.destroy();
      viewer.destroy();
    },
  };
}

/** How often the status on the globe is brought up to date (ms). */
const STATUS_EVERY_MS = 500;

/**
 * A small status line on the globe, shown while the picture is drawn simplified: the user sees that
 * it is, and how (never a silent degradation).
 */
function createStatus(container: HTMLElement): { set(text: string | null): void; destroy(): void } {
  const el = document.createElement('div');
  el.setAttribute('role', 'status');
  el.dataset.testid = 'globe-status';
  Object.assign(el.style, {
    position: 'absolute',
    top: '6px',
    left: '6px',
    zIndex: '2',
    maxWidth: 'calc(100% - 12px)',
    padding: '3px 7px',
    borderRadius: '3px',
    borderLeft: '3px solid #ffb020',
    background: 'rgba(5, 7, 10, 0.85)',
    color: '#d7e1ea',
    font: '11px/1.35 "DejaVu Sans", "Liberation Sans", system-ui, sans-serif',
    pointerEvents: 'none',
  });
  el.hidden = true;
  container.appendChild(el);
  let shown: string | null = null;
  return {
    set(text) {
      if (text === shown) return;
      shown = text;
      el.hidden = text === null;
      el.textContent = text ?? '';
    },
    destroy: () => el.remove(),
  };
}
