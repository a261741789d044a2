import * as Cesium from 'cesium';
import type { ConflictOverlay } from '../globe.ts';
import { OVERLAY_COLOR } from './colors.ts';
import { entityLayer, volumeGraphics } from './footprints.ts';

const PREFIX = 'conflict:';

/**
 * Conflicts' overlap volumes: where two reservations collide, drawn in a colour no reservation has;
 * the selected one pulses so it is found at a glance.
 */
export async function createConflictLayer(viewer: Cesium.Viewer) {
  const color = OVERLAY_COLOR.conflict;
  const pulse = new Cesium.ColorMaterialProperty(
    new Cesium.CallbackProperty(() => color.withAlpha(0.35 + 0.25 * Math.sin(performance.now() / 250)), false),
  );
  const layer = await entityLayer<ConflictOverlay>(viewer, 'conflicts', (c) => [
    {
      id: `${PREFIX}${c.id}`,
      ...volumeGraphics(c, {
        fill: c.selected ? pulse : color.withAlpha(0.3),
        outline: c.selected ? Cesium.Color.WHITE : color,
      }),
      label: {
        text: 'CONFLICT',
        font: 'bold 12px "DejaVu Sans", sans-serif',
        fillColor: Cesium.Color.WHITE,
        outlineColor: color.darken(0.6, new Cesium.Color()),
        outlineWidth: 3,
        style: Cesium.LabelStyle.FILL_AND_OUTLINE,
        // Above the reservations' names, which sit at the same spot when a conflict covers a reservation's centre.
        verticalOrigin: Cesium.VerticalOrigin.BOTTOM,
        pixelOffset: new Cesium.Cartesian2(0, -14),
        showBackground: true,
        backgroundColor: color.darken(0.7, new Cesium.Color()).withAlpha(0.85),
        distanceDisplayCondition: new Cesium.DistanceDisplayCondition(0, 1_500_000),
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      },
    },
  ]);

  return {
    set: layer.set,
    /** The conflict an entity picked on the globe stands for, if any. */
    conflictOf(picked: unknown): string | null {
      const id = picked instanceof Cesium.Entity ? picked.id : null;
      return id?.startsWith(PREFIX) ? id.slice(PREFIX.length) : null;
    },
  };
}
