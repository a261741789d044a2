import * as Cesium from 'cesium';
import type { DraftEdit, DraftOverlay, LatLon } from '../globe.ts';
import { OVERLAY_COLOR } from './colors.ts';
import { groundAt, hierarchyOf } from './footprints.ts';

/** East of the centre at the radius: where the circle's radius handle sits. */
function radiusPoint(center: LatLon, radiusM: number): LatLon {
  return { lat: center.lat, lon: center.lon + radiusM / (111_320 * Math.cos((center.lat * Math.PI) / 180)) };
}

export type Handle = { kind: 'vertex'; index: number } | { kind: 'center' } | { kind: 'radius' };

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

  // The volume is read from the current draft through callbacks, so a drag does not rebuild it. Each
  // entity exists only while the draft can be drawn that way (Cesium evaluates callbacks of hidden
  // entities too, and an outline of fewer than three corners is no polygon).
  const at = (p: LatLon, altM = 0) => Cesium.Cartesian3.fromDegrees(p.lon, p.lat, altM);
  const shapes = {
    polygon: (): Cesium.Entity.ConstructorOptions => ({
      polygon: {
        hierarchy: new Cesium.CallbackProperty(() => hierarchyOf(draft!.outline), false),
        height: new Cesium.CallbackProperty(() => draft!.floorM, false),
        extrudedHeight: new Cesium.CallbackProperty(() => draft!.ceilingM, false),
        material: color.withAlpha(0.22),
        outline: true,
        outlineColor: color,
      },
    }),
    line: (): Cesium.Entity.ConstructorOptions => ({
      polyline: {
        positions: new Cesium.CallbackProperty(() => draft!.outline.map((p) => at(p, draft!.floorM)), false),
        width: 2,
        material: color,
      },
    }),
    circle: (): Cesium.Entity.ConstructorOptions => ({
      position: new Cesium.CallbackProperty(() => at(draft!.center!), false) as unknown as Cesium.PositionProperty,
      ellipse: {
        semiMajorAxis: new Cesium.CallbackProperty(() => draft!.radiusM, false),
        semiMinorAxis: new Cesium.CallbackProperty(() => draft!.radiusM, false),
        height: new Cesium.CallbackProperty(() => draft!.floorM, false),
        extrudedHeight: new Cesium.CallbackProperty(() => draft!.ceilingM, false),
        material: color.withAlpha(0.22),
        outline: true,
        outlineColor: color,
      },
    }),
  };
  type Shape = keyof typeof shapes;
  let shown: { shape: Shape; entity: Cesium.Entity } | null = null;
  function showShape(shape: Shape | null) {
    if (shown?.shape === shape) return;
    if (shown) viewer.entities.remove(shown.entity);
    shown = shape ? { shape, entity: viewer.entities.add({ id: `draft:${shape}`, ...shapes[shape]() }) } : null;
  }
  const shapeOf = (d: DraftOverlay | null): Shape | null => {
    if (!d) return null;
    if (d.shape === 'circle') return d.center ? 'circle' : null;
    return d.outline.length >= 3 ? 'polygon' : d.outline.length === 2 ? 'line' : null;
  };

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
    else if (draft.center)
      onEdit({
        type: 'radius',
        radiusM: Cesium.Cartesian3.distance(
          Cesium.Cartesian3.fromDegrees(draft.center.lon, draft.center.lat),
          Cesium.Cartesian3.fromDegrees(point.lon, point.lat),
        ),
      });
  }, Cesium.ScreenSpaceEventType.MOUSE_MOVE);
  input.setInputAction(() => {
    dragging = null;
    scene.screenSpaceCameraController.enableInputs = true;
  }, Cesium.ScreenSpaceEventType.LEFT_UP);

  return {
    active: () => draft !== null,
    set(next: DraftOverlay | null) {
      const redraw =
        next === null ||
        draft === null ||
        next.shape !== draft.shape ||
        next.outline.length !== draft.outline.length ||
        !next.center !== !draft.center;
      draft = next;
      showShape(shapeOf(next));
      if (redraw) drawHandles();
      else moveHandles();
    },
    /** A click while drawing: a new vertex, or the circle's centre (a click on a handle does nothing). */
    click(screen: Cesium.Cartesian2) {
      if (!draft || handleOf(scene.pick(screen))) return;
      const point = groundAt(viewer, screen);
      if (point) onEdit({ type: 'add', point });
    },
    /** For tests: the handle drawn under a point of the screen, as the mouse would press it. */
    handleAt(screen: Cesium.Cartesian2): Handle | null {
      return draft ? handleOf(scene.pick(screen)) : null;
    },
    destroy() {
      input.destroy();
    },
  };

  /** Handles follow a drag without being rebuilt. */
  function moveHandles() {
    if (!draft) return;
    const points =
      draft.shape === 'polygon'
        ? draft.outline
        : draft.center
          ? [draft.center, radiusPoint(draft.center, draft.radiusM)]
          : [];
    points.forEach((p, i) => {
      const h = handles.get(i);
      if (h) h.position = Cesium.Cartesian3.fromDegrees(p.lon, p.lat, 0);
    });
  }
}
