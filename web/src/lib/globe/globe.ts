import type { AirspaceQuery, VolumeFieldsFragment } from '@tessera/schema/operations';
import type { Layers } from '../state/settings.svelte.ts';
import type { Geo } from '../view/motion.ts';
import type { Freshness } from '../view/freshness.ts';

export type Volume = VolumeFieldsFragment;
export type Area = NonNullable<AirspaceQuery['operationalArea']>;

export interface LatLon {
  lat: number;
  lon: number;
}

/** An area with an altitude block: a polygon outline or a circle, floor and ceiling in metres. */
export interface Footprint {
  outline: readonly LatLon[] | null;
  circle: { center: LatLon; radiusM: number } | null;
  floorM: number;
  ceilingM: number;
}

/** A conflict's overlap volume, highlighted on the globe; the selected one more so. */
export interface ConflictOverlay extends Footprint {
  id: string;
  selected: boolean;
}

/** A proposal's before and after, drawn over the reservations it changes. */
export interface PreviewOverlay extends Footprint {
  id: string;
  role: 'before' | 'after';
}

/**
 * A spectrum assignment on the ground: where it is (a site, or an area: outline or circle) and its
 * radio range (its horizon about the site, or the area widened by it).
 */
export interface RangeOverlay {
  id: string;
  label: string;
  point: LatLon | null;
  area: { outline: readonly LatLon[] | null; circle: { center: LatLon; radiusM: number } | null } | null;
  range: { outline: readonly LatLon[] | null; circle: { center: LatLon; radiusM: number } | null };
  /** selected: an assignment chosen in the spectrum view; interferer / victim: the ends of a selected conflict. */
  role: 'selected' | 'interferer' | 'victim';
}

/** A reservation being drawn or edited: its vertices (polygon) or centre and radius (circle) have handles. */
export interface DraftOverlay {
  shape: 'polygon' | 'circle';
  outline: readonly LatLon[];
  center: LatLon | null;
  radiusM: number;
  floorM: number;
  ceilingM: number;
}

/** What the user did to the draft on the globe; the app applies it (the globe only draws the draft it is given). */
export type DraftEdit =
  | { type: 'add'; point: LatLon }
  | { type: 'move'; index: number; point: LatLon }
  | { type: 'center'; point: LatLon }
  | { type: 'radius'; radiusM: number };

/** What the globe needs of a track each frame: nothing Cesium-specific, nothing reactive. */
export interface DrawnTrack {
  id: string;
  sidc: string;
  identity: string;
  position: Geo;
  velocity: { speedMps: number; courseDeg: number; climbMps: number };
  freshness: Freshness;
}

/**
 * Where the globe gets the tracks to draw. A small picture is drawn whole every frame (`forEach`);
 * a large one track by track: those the store reports changed (`takeChanged`), and a bounded slice of
 * all of them each frame (`ids`) for ageing and dead reckoning.
 */
export interface TrackSource {
  /** How many tracks the picture holds. */
  size(): number;
  /** Every track as of nowMs, smoothly blended between reports. */
  forEach(nowMs: number, draw: (track: DrawnTrack) => void): void;
  /**
   * One track as of nowMs, or undefined when the picture no longer holds it. `smooth`: blended from
   * where it was drawn towards its new report (for tracks drawn every frame); otherwise dead-reckoned
   * from its last report alone (for tracks drawn now and then, which would otherwise lag a report).
   */
  get(id: string, nowMs: number, smooth: boolean): DrawnTrack | undefined;
  /** The ids of the tracks in the picture, live (a Map's key iterator): the globe walks it a slice a frame. */
  ids(): IterableIterator<string>;
  /** Hands over up to `max` ids of tracks added, updated or removed since they were last handed over, each once. */
  takeChanged(max: number, visit: (id: string) => void): number;
  /** How far the picture lags behind the gateway (ms): the globe yields frames when it grows. */
  lagMs(): number;
  /** Main-thread time spent applying the gateway's batches so far (ms), for the frame statistics. */
  applyMs(): number;
}

/** Main-thread time of the globe's drawing code per frame, and what it cost to apply the data. */
export interface FrameStats {
  frames: number;
  /** Per-frame update of the tracks (and the camera following one), ms. */
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  /** Applying the gateway's batches to the picture, ms per frame (averaged over the window). */
  applyMsPerFrame: number;
  /** Seconds the window covers, and the frame rate over it. */
  seconds: number;
  fps: number;
  /** How far the picture lags behind the gateway now (ms): from the gateway sending a batch to this page applying it. */
  lagMs: number;
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
  /** Conflicts' overlap volumes. */
  setConflicts(conflicts: readonly ConflictOverlay[]): void;
  /** Spectrum assignments' radio ranges (empty: none). */
  setRanges(ranges: readonly RangeOverlay[]): void;
  /** A proposal's before / after footprints (empty: none). */
  setPreview(shapes: readonly PreviewOverlay[]): void;
  /**
   * The reservation being drawn or edited (null: none). While there is one, a click on the globe adds
   * a vertex (polygon) or places the centre (circle), and its handles can be dragged: see onDraftEdit.
   */
  setDraft(draft: DraftOverlay | null): void;
  onDraftEdit(listener: (edit: DraftEdit) => void): void;
  flyHome(area: Area, seconds?: number): void;
  /** Bring a footprint into view from above and to the south. */
  flyTo(footprint: Footprint, seconds?: number): void;
  onPick(listener: (id: string | null) => void): void;
  onPickConflict(listener: (id: string) => void): void;
  /** For tests and benchmarks: symbols drawn in the last frame, and frames per second. */
  stats(): { drawnSymbols: number; fps: number; predictions: number };
  /**
   * For tests and benchmarks: the main-thread time of the drawing code per frame since the last reset
   * (`reset`: start a new window after reading this one).
   */
  frameStats(reset?: boolean): FrameStats;
  /** For tests: where a drawn track is on screen (CSS pixels in the globe), if it is. */
  screenPosition(id: string): { x: number; y: number } | null;
  /** For tests: where a point on the ground (or at altM) is on screen, if it is in view. */
  screenPositionOf(point: LatLon & { altM?: number }): { x: number; y: number } | null;
  /** For tests: the draft's handle a press at this point of the screen would grab ('vertex 0', 'center', 'radius'). */
  draftHandleAt(screen: { x: number; y: number }): string | null;
  destroy(): void;
}
