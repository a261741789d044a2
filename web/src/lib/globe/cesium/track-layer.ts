import * as Cesium from 'cesium';
import type { Layers } from '../../state/settings.svelte.ts';
import type { DrawnTrack, TrackSource } from '../globe.ts';
import { symbolImage } from '../symbols.ts';
import { identityColor } from './colors.ts';

/** Seconds of flight a velocity leader shows. */
const LEADER_S = 60;
/** Trail: one point every TRAIL_STEP_MS, the last TRAIL_POINTS of them. */
const TRAIL_STEP_MS = 2000;
const TRAIL_POINTS = 20;
/** Above this many tracks, labels are drawn for the selected track only. */
const MAX_LABELS = 400;
/** With many tracks, lines (leaders, drop lines, trails) follow their symbol at this period, not every frame. */
const LINE_PERIOD_MANY_MS = 400;
const MANY_TRACKS = 300;
/**
 * In lite rendering (software WebGL, weak GPUs) the fill rate of thousands of symbol images is the
 * limit: above this many tracks each is drawn as a coloured point, and the selected one keeps its symbol.
 */
const LITE_SYMBOL_LIMIT = 500;
/** Labels appear when the camera is closer than this (metres): from afar they would only clutter. */
const LABEL_RANGE_M = 350_000;

interface Drawn {
  billboard: Cesium.Billboard;
  point: Cesium.PointPrimitive;
  label: Cesium.Label;
  leader: Cesium.Polyline;
  dropLine: Cesium.Polyline;
  trail: Cesium.Polyline;
  trailPoints: Cesium.Cartesian3[];
  lastTrailMs: number;
  sidc: string;
  identity: string;
  seenFrame: number;
  position: Cesium.Cartesian3;
}

function selectionRing(): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = c.height = 48;
  const g = c.getContext('2d')!;
  g.strokeStyle = '#ffffff';
  g.lineWidth = 2;
  g.setLineDash([6, 4]);
  g.beginPath();
  g.arc(24, 24, 20, 0, Math.PI * 2);
  g.stroke();
  return c;
}

/** One material per polyline: a collection destroys a polyline's material when the polyline goes. */
const material = (identity: string, alpha: number) =>
  Cesium.Material.fromType('Color', { color: identityColor(identity).withAlpha(alpha) });
const recolor = (line: Cesium.Polyline, identity: string, alpha: number) => {
  (line.material.uniforms as { color: Cesium.Color }).color = identityColor(identity).withAlpha(alpha);
};

/**
 * The tracks: pulled from the source once a frame and drawn with primitive collections (one symbol
 * image per SIDC, or points when there are many in lite rendering), with labels, velocity leaders,
 * drop lines, trails and a ring around the selected one.
 */
export function createTrackLayer(scene: Cesium.Scene, source: TrackSource, opts: { layers: Layers; lite: boolean }) {
  const billboards = scene.primitives.add(new Cesium.BillboardCollection({ scene })) as Cesium.BillboardCollection;
  const points = scene.primitives.add(new Cesium.PointPrimitiveCollection()) as Cesium.PointPrimitiveCollection;
  const labels = scene.primitives.add(new Cesium.LabelCollection({ scene })) as Cesium.LabelCollection;
  const leaders = scene.primitives.add(new Cesium.PolylineCollection()) as Cesium.PolylineCollection;
  const dropLines = scene.primitives.add(new Cesium.PolylineCollection()) as Cesium.PolylineCollection;
  const trails = scene.primitives.add(new Cesium.PolylineCollection()) as Cesium.PolylineCollection;
  const overlay = scene.primitives.add(new Cesium.BillboardCollection({ scene })) as Cesium.BillboardCollection;
  const ring = overlay.add({
    position: Cesium.Cartesian3.ZERO,
    image: selectionRing(),
    show: false,
    disableDepthTestDistance: Number.POSITIVE_INFINITY,
  });

  const drawn = new Map<string, Drawn>();
  let { layers, lite } = opts;
  let selected: string | null = null;
  let frame = 0;
  let total = 0;
  let drawnSymbols = 0;
  let lastLinesMs = 0;
  const scratchLeader = new Cesium.Cartesian3();

  function create(t: DrawnTrack, position: Cesium.Cartesian3): Drawn {
    const img = symbolImage(t.sidc);
    const billboard = billboards.add({
      position,
      id: t.id,
      horizontalOrigin: Cesium.HorizontalOrigin.LEFT,
      verticalOrigin: Cesium.VerticalOrigin.TOP,
      pixelOffset: new Cesium.Cartesian2(-img.anchor.x, -img.anchor.y),
      disableDepthTestDistance: Number.POSITIVE_INFINITY,
    });
    billboard.setImage(t.sidc, img.canvas);
    return {
      billboard,
      point: points.add({
        position,
        id: t.id,
        pixelSize: 7,
        color: identityColor(t.identity),
        outlineColor: Cesium.Color.BLACK,
        outlineWidth: 1,
        show: false,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
      }),
      label: labels.add({
        position,
        id: t.id,
        text: '',
        font: '11px "DejaVu Sans Mono", monospace',
        fillColor: Cesium.Color.fromCssColorString('#d7e1ea'),
        outlineColor: Cesium.Color.BLACK,
        outlineWidth: 3,
        style: Cesium.LabelStyle.FILL_AND_OUTLINE,
        pixelOffset: new Cesium.Cartesian2(16, -6),
        horizontalOrigin: Cesium.HorizontalOrigin.LEFT,
        verticalOrigin: Cesium.VerticalOrigin.CENTER,
        disableDepthTestDistance: Number.POSITIVE_INFINITY,
        show: false,
      }),
      leader: leaders.add({
        positions: [position, position],
        width: 1.5,
        material: material(t.identity, 0.9),
        id: t.id,
      }),
      dropLine: dropLines.add({
        positions: [position, position],
        width: 1,
        material: material(t.identity, 0.35),
        id: t.id,
      }),
      trail: trails.add({
        positions: [position, position],
        width: 1.5,
        material: material(t.identity, 0.45),
        id: t.id,
      }),
      trailPoints: [],
      lastTrailMs: 0,
      sidc: t.sidc,
      identity: t.identity,
      seenFrame: frame,
      position,
    };
  }

  function remove(id: string, d: Drawn) {
    billboards.remove(d.billboard);
    points.remove(d.point);
    labels.remove(d.label);
    leaders.remove(d.leader);
    dropLines.remove(d.dropLine);
    trails.remove(d.trail);
    drawn.delete(id);
  }

  /** A track's symbol or point: its image, colour and fade follow the track's SIDC, identity and age. */
  function drawSymbol(d: Drawn, t: DrawnTrack, position: Cesium.Cartesian3, visible: boolean, asPoint: boolean) {
    if (d.sidc !== t.sidc) {
      const img = symbolImage(t.sidc);
      d.billboard.setImage(t.sidc, img.canvas);
      d.billboard.pixelOffset = new Cesium.Cartesian2(-img.anchor.x, -img.anchor.y);
      d.sidc = t.sidc;
    }
    if (d.identity !== t.identity) {
      d.identity = t.identity;
      d.point.color = identityColor(t.identity);
      recolor(d.leader, t.identity, 0.9);
      recolor(d.dropLine, t.identity, 0.35);
      recolor(d.trail, t.identity, 0.45);
    }
    const alpha = t.freshness === 'stale' ? 0.35 : 1;
    d.billboard.show = visible && !asPoint;
    d.point.show = visible && asPoint;
    if (asPoint) {
      d.point.position = position;
      if (d.point.color.alpha !== alpha) d.point.color = identityColor(t.identity).withAlpha(alpha);
    } else {
      d.billboard.position = position;
      if (d.billboard.color.alpha !== alpha) d.billboard.color = Cesium.Color.WHITE.withAlpha(alpha);
    }
  }

  /** Leader, drop line and trail; points mode draws no lines, except for the selected track. */
  function drawLines(d: Drawn, t: DrawnTrack, position: Cesium.Cartesian3, lined: boolean, nowMs: number) {
    const p = t.position;
    d.leader.show = lined && layers.leaders && t.velocity.speedMps > 1;
    if (d.leader.show) {
      const rad = (t.velocity.courseDeg * Math.PI) / 180;
      const dist = t.velocity.speedMps * LEADER_S;
      const ahead = Cesium.Cartesian3.fromDegrees(
        p.lon + (dist * Math.sin(rad)) / (111_320 * Math.cos((p.lat * Math.PI) / 180)),
        p.lat + (dist * Math.cos(rad)) / 110_540,
        Math.max(0, p.altM + t.velocity.climbMps * LEADER_S),
        undefined,
        scratchLeader,
      );
      d.leader.positions = [position, Cesium.Cartesian3.clone(ahead)];
    }
    d.dropLine.show = lined && layers.dropLines;
    if (d.dropLine.show) d.dropLine.positions = [position, Cesium.Cartesian3.fromDegrees(p.lon, p.lat, 0)];

    if (nowMs - d.lastTrailMs >= TRAIL_STEP_MS) {
      d.lastTrailMs = nowMs;
      d.trailPoints.push(position);
      if (d.trailPoints.length > TRAIL_POINTS) d.trailPoints.shift();
    }
    d.trail.show = lined && layers.trails && d.trailPoints.length > 0;
    if (d.trail.show) d.trail.positions = [...d.trailPoints, position];
  }

  /** Once a frame, before rendering. */
  function update(nowMs: number, cameraPosition: Cesium.Cartesian3) {
    frame++;
    let count = 0;
    let seen = 0;
    const showLabels = layers.labels && total <= MAX_LABELS;
    const usePoints = lite && total > LITE_SYMBOL_LIMIT;
    // Moving thousands of polylines every frame costs more than it shows: above MANY_TRACKS, lines
    // catch up with their symbols a few times a second while symbols still move every frame.
    const updateLines = total <= MANY_TRACKS || nowMs - lastLinesMs >= LINE_PERIOD_MANY_MS;
    if (updateLines) lastLinesMs = nowMs;
    source.forEach(nowMs, (t) => {
      seen++;
      const p = t.position;
      const position = Cesium.Cartesian3.fromDegrees(p.lon, p.lat, p.altM);
      let d = drawn.get(t.id);
      if (!d) drawn.set(t.id, (d = create(t, position)));
      d.seenFrame = frame;
      d.position = position;
      const visible = t.freshness !== 'expired' && layers.tracks;
      const asPoint = usePoints && t.id !== selected;
      drawSymbol(d, t, position, visible, asPoint);
      if (visible) count++;

      const labelled =
        visible &&
        (t.id === selected || (showLabels && Cesium.Cartesian3.distance(cameraPosition, position) < LABEL_RANGE_M));
      if (d.label.show !== labelled) d.label.show = labelled;
      if (labelled) {
        d.label.position = position;
        const text = `${t.id}\n${Math.round(p.altM)} m`;
        if (d.label.text !== text) d.label.text = text;
      }

      const isNew = d.trailPoints.length === 0;
      if (updateLines || isNew) drawLines(d, t, position, visible && !asPoint, nowMs);
    });
    for (const [id, d] of drawn) if (d.seenFrame !== frame) remove(id, d);
    drawnSymbols = count;
    total = seen;

    const sel = selectedDrawn();
    ring.show = !!sel && (sel.billboard.show || sel.point.show);
    if (sel) ring.position = sel.position;
  }

  function selectedDrawn(): Drawn | undefined {
    return selected ? drawn.get(selected) : undefined;
  }

  return {
    update,
    setLayers(next: Layers) {
      layers = next;
    },
    setLite(on: boolean) {
      lite = on;
    },
    setSelected(id: string | null) {
      selected = id;
    },
    /** Where the selected track is drawn, if it is. */
    selectedPosition: (): Cesium.Cartesian3 | undefined => selectedDrawn()?.position,
    has: (id: string) => drawn.has(id),
    /** Where a track is drawn, if it is shown. */
    shownPosition(id: string): Cesium.Cartesian3 | undefined {
      const d = drawn.get(id);
      return d && (d.billboard.show || d.point.show) ? d.position : undefined;
    },
    drawnSymbols: () => drawnSymbols,
  };
}
