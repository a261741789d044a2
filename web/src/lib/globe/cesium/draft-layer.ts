import * as Cesium from 'cesium';
import type { DraftEdit, DraftOverlay, LatLon } from '../globe.ts';
import { OVERLAY_COLOR } from './colors.ts';
import { groundAt, hierarchyOf } from './footprints.ts';

/** East of the centre at the radius: where the circle's radius handle sits. */
function radiusPoint(center: LatLon, radiusM: number): LatLon {
  return { lat: center.lat, lon: center.lon + radiusM / (111_320 * Math.cos((center.lat * Math.PI) / 180)) };
}

type Handle = { kind: 'vertex'; index: number } | { kind: 'center' } | { kind: 'radius' };

/**
 * The reservation being drawn or edited: its volume (drawn from the current draft through callbacks,
 * so dragging does not rebuild it), and handles on the ground for each vertex, or the centre and the
 * radius of a circle. Clicks and drags become DraftEdits; the app decides what they do to the draft.
 */
export function createDraftLayer(viewer: Cesium.Viewer, onEdit: (edit: DraftEdit) => void) {
  const scene = viewer.scene;
  let draft: DraftOverlay | null = null;
  const handles = scene.primitives.add(new Cesium.PointPrimitiveCollection()) as Cesium.PointPrimitiveCollection;
  const color = OVERLAY_COLOR.draft;

  const polygon = viewer.entities.add({
    id: 'draft:polygon',
    show: false,
    polygon: {
      hierarchy: new Cesium.CallbackProperty(() => hierarchyOf(draft?.outline ?? []), false),
      height: new Cesium.CallbackProperty(() => draft?.floorM ?? 0, false),
      extrudedHeight: new Cesium.CallbackProperty(() => draft?.ceilingM ?? 0, false),
      material: color.withAlpha(0.22),
      outline: true,
      outlineColor: color,
    },
  });
  const line = viewer.entities.add({
    id: 'draft:line',
    show: false,
    polyline: {
      positions: new Cesium.CallbackProperty(() => Cesium.Cartesian3.fromDegreesArrayHeights((draft?.outline ?? []).flatMap((p) => [p.lon, p.lat, draft?.floorM ?? 0])), false),
      width: 2,
      material: color,
    },
  });
  const circle = viewer.entities.add({
    id: 'draft:circle',
    show: false,
    position: new Cesium.CallbackProperty(() => (draft?.center ? Cesium.Cartesian3.fromDegrees(draft.center.lon, draft.center.lat) : Cesium.Cartesian3.ZERO), false) as unknown as Cesium.PositionProperty,
    ellipse: {
      semiMajorAxis: new Cesium.CallbackProperty(() => draft?.radiusM ?? 1, false),
      semiMinorAxis: new Cesium.CallbackProperty(() => draft?.radiusM ?? 1, false),
      height: new Cesium.CallbackProperty(() => draft?.floorM ?? 0, false),
      extrudedHeight: new Cesium.CallbackProperty(() => draft?.ceilingM ?? 0, false),
      material: color.withAlpha(0.22),
      outline: true,
      outlineColor: color,
    },
  });

  function drawHandles() {
    handles.removeAll();
    if (!draft) return;
    const add = (p: LatLon, handle: Handle, size = 11) =>
      handles.add({
        position: Cesium.Cartesian3.fromDegrees(p.lon, p.lat, 0),
        pixelSize: size,
        color: OVERLAY_COLOR.draft,
        outlineColor: Cesium.Color.BLACK,
        outlineWidth: 2,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        id: { draftHandle: handle },
      });
    if (draft.shape === 'polygon') draft.outline.forEach((p, index) => add(p, { kind: 'vertex', index }));
    else if (draft.center) {
      add(draft.center, { kind: 'center' });
      add(radiusPoint(draft.center, draft.radiusM), { kind: 'radius' }, 9);
    }
  }

  const handleOf = (picked: unknown): Handle | null => {
    const id = (picked as { id?: { draftHandle?: Handle } } | undefined)?.id;
    return id?.draftHandle ?? null;
  };

  // Dragging a handle: the camera stands still while it moves.
  let dragging: Handle | null = null;
  const input = new Cesium.ScreenSpaceEventHandler(scene.canvas);
  input.setInputAction((e: { position: Cesium.Cartesian2 }) => {
    if (!draft) return;
    dragging = handleOf(scene.pick(e.position));
    if (dragging) scene.screenSpaceCameraController.enableInputs = false;
  }, Cesium.ScreenSpaceEventType.LEFT_DOWN);
  input.setInputAction((e: { endPosition: Cesium.Cartesian2 }) => {
    if (!dragging || !draft) return;
    const point = groundAt(viewer, e.endPosition);
    if (!point) return;
    if (dragging.kind === 'vertex') onEdit({ type: 'move', index: dragging.index, point });
    else if (dragging.kind === 'center') onEdit({ type: 'center', point });
    else if (draft.center) onEdit({ type: 'radius', radiusM: Cesium.Cartesian3.distance(Cesium.Cartesian3.fromDegrees(draft.center.lon, draft.center.lat), Cesium.Cartesian3.fromDegrees(point.lon, point.lat)) });
  }, Cesium.ScreenSpaceEventType.MOUSE_MOVE);
  input.setInputAction(() => {
    dragging = null;
    scene.screenSpaceCameraController.enableInputs = true;
  }, Cesium.ScreenSpaceEventType.LEFT_UP);

  return {
    active: () => draft !== null,
    set(next: DraftOverlay | null) {
      const redraw = next === null || draft === null || next.shape !== draft.shape || next.outline.length !== draft.outline.length || !next.center !== !draft.center;
      draft = next;
      polygon.show = !!next && next.shape === 'polygon' && next.outline.length >= 3;
      line.show = !!next && next.shape === 'polygon' && next.outline.length === 2;
      circle.show = !!next && next.shape === 'circle' && next.center !== null;
      if (redraw) drawHandles();
      else moveHandles();
    },
    /** A click while drawing: a new vertex, or the circle's centre (a click on a handle does nothing). */
    click(screen: Cesium.Cartesian2) {
      if (!draft || handleOf(scene.pick(screen))) return;
      const point = groundAt(viewer, screen);
      if (point) onEdit({ type: 'add', point });
    },
    destroy() {
      input.destroy();
    },
  };

  /** Handles follow a drag without being rebuilt. */
  function moveHandles() {
    if (!draft) return;
    const points = draft.shape === 'polygon' ? draft.outline : draft.center ? [draft.center, radiusPoint(draft.center, draft.radiusM)] : [];
    points.forEach((p, i) => {
      const h = handles.get(i);
      if (h) h.position = Cesium.Cartesian3.fromDegrees(p.lon, p.lat, 0);
    });
  }
}
