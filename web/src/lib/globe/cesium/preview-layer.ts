import * as Cesium from 'cesium';
import type { PreviewOverlay } from '../globe.ts';
import { OVERLAY_COLOR } from './colors.ts';
import { entityLayer, volumeGraphics } from './footprints.ts';

/** A proposal on the globe: each changed reservation as it is (wireframe) and as it would be (filled). */
export const createPreviewLayer = (viewer: Cesium.Viewer) =>
  entityLayer<PreviewOverlay>(viewer, 'preview', (s) => [
    {
      id: `preview:${s.id}`,
      ...volumeGraphics(
        s,
        s.role === 'after'
          ? { fill: OVERLAY_COLOR.proposed.withAlpha(0.28), outline: OVERLAY_COLOR.proposed }
          : { fill: null, outline: Cesium.Color.WHITE.withAlpha(0.8) },
      ),
    },
  ]);
