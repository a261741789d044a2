import type { AirspaceQuery } from '@tessera/schema/operations';
import type { Layers } from '../state/settings.svelte.ts';
import type { Geo } from '../view/motion.ts';
import type { Freshness } from '../view/freshness.ts';

export type Volume = AirspaceQuery['airspace'][number];
export type Area = NonNullable<AirspaceQuery['operationalArea']>;

/** What the globe needs of a track each frame: nothing Cesium-specific, nothing reactive. */
export interface DrawnTrack {
  id: string;
  sidc: string;
  identity: string;
  position: Geo;
  velocity: { speedMps: number; courseDeg: number; climbMps: number };
  freshness: Freshness;
}

/** Where the globe gets the tracks to draw; called once per frame. */
export interface TrackSource {
  forEach(nowMs: number, draw: (track: DrawnTrack) => void): void;
  /** How far the picture lags behind the gateway (ms): the globe yields frames when it grows. */
  lagMs(): number;
}

/** A line with an end circle: a predicted path and impact, or an engagement's flyout to its intercept point and danger radius. */
export interface PredictionOverlay {
  id: string;
  path: Geo[];
  impact: { lat: number; lon: number; radiusM: number } | null;
  /** threat: a threat's predicted path (red, dashed); selected: the selected track's (accent, dashed); engagement: effector -> intercept point (amber, solid). */
  style: 'threat' | 'selected' | 'engagement';
}

/**
 * The map behind an interface: app state and components never call the map library. The one
 * implementation is Cesium (cesium-globe.ts); it decides how to draw, the app decides what.
 */
export interface Globe {
  setLite(lite: boolean): void;
  setLayers(layers: Layers): void;
  setVolumes(volumes: readonly Volume[]): void;
  setSelected(id: string | null): void;
  setPredictions(predictions: readonly PredictionOverlay[]): void;
  setFollow(follow: boolean): void;
  flyHome(area: Area, seconds?: number): void;
  onPick(listener: (id: string | null) => void): void;
  /** For tests and benchmarks: symbols drawn in the last frame, and frames per second. */
  stats(): { drawnSymbols: number; fps: number; predictions: number };
  /** For tests: where a drawn track is on screen (CSS pixels in the globe), if it is. */
  screenPosition(id: string): { x: number; y: number } | null;
  destroy(): void;
}
