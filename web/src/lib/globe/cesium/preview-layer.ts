import * as Cesium from 'cesium';
import type { PreviewOverlay } from '../globe.ts';
import { deepEqual } from '../../view/equal.ts';
import { OVERLAY_COLOR } from './colors.ts';
import { volumeGraphics } from './footprints.ts';

/** A proposal on the globe: each changed reservation as it is (wireframe) and as it would be (filled). */
export async function createPreviewLayer(viewer: Cesium.Viewer) {
  const entities = new Cesium.CustomDataSource('preview');
  await viewer.dataSources.add(entities);
  let drawn: readonly PreviewOverlay[] = [];
  return {
    set(shapes: readonly PreviewOverlay[]) {
      if (deepEqual(shapes, drawn)) return;
      drawn = shapes;
      entities.entities.removeAll();
      for (const s of shapes) {
        const after = s.role === 'after';
        entities.entities.add({
          id: `preview:${s.id}`,
          ...volumeGraphics(
            s,
            after
              ? { fill: OVERLAY_COLOR.proposed.withAlpha(0.28), outline: OVERLAY_COLOR.proposed }
              : { fill: null, outline: Cesium.Color.WHITE.withAlpha(0.8) },
          ),
        });
      }
    },
  };
}
