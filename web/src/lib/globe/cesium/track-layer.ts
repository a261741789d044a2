import * as Cesium from 'cesium';
import type { Layers } from '../../state/settings.svelte.ts';
import type { Freshness } from '../../view/freshness.ts';
import type { DrawnTrack, TrackSource } from '../globe.ts';
import {
  CHANGED_BUDGET_MS,
  FRAME_BUDGET_MS,
  RefreshMeter,
  Sweep,
  SWEEP_CYCLE_MS,
  drawingFor,
  drawingStatus,
  runBudgeted,
  sweepQuota,
  type Drawing,
} from '../drawing-load.ts';
import { symbolImage } from '../symbols.ts';
import { identityColor } from './colors.ts';

/** Seconds of flight a velocity leader shows. */
const LEADER_S = 60;
/** Trail: one point every TRAIL_STEP_MS, the last TRAIL_POINTS of them. */
const TRAIL_STEP_MS = 2000;
const TRAIL_POINTS = 20;
/**
 * In lite rendering (software WebGL, weak GPUs) the fill rate of thousands of symbol images is the
 * limit: above this many tracks each is drawn as a coloured point, and the selected one keeps its symbol.
 */
const LITE_SYMBOL_LIMIT = 500;
/** Labels appear when the camera is closer than this (metres): from afar they would only clutter. */
const LABEL_RANGE_M = 350_000;
/** Ids handed over by the picture at a time (between looks at the clock, a few per step). */
const CHANGED_CHUNK = 8;

/** A track's velocity leader, drop line and trail: made only for tracks that show them. */
interface Lines {
  leader: Cesium.Polyline;
  dropLine: Cesium.Polyline;
  trail: Cesium.Polyline;
  /** The lines' own points, moved in place. */
  leaderPoints: [Cesium.Cartesian3, Cesium.Cartesian3];
  dropPoints: [Cesium.Cartesian3, Cesium.Cartesian3];
  trailPoints: Cesium.Cartesian3[];
  lastTrailMs: number;
}

interface Drawn {
  id: string;
  /** The symbol, or the point that stands for it: only the one in use exists. */
  billboard: Cesium.Billboard | null;
  point: Cesium.PointPrimitive | null;
  label: Cesium.Label | null;
  lines: Lines | null;
  sidc: string;
  identity: string;
  freshness: Freshness;
  /** Where the track is drawn: one Cartesian3 per track, written in place. */
  position: Cesium.Cartesian3;
  seenFrame: number;
  /** When its position was last renewed (simplified drawing) and with which style. */
  refreshedMs: number;
  style: number;
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
const fadeOf = (f: Freshness) => (f === 'stale' ? 0.35 : 1);
const noop = () => undefined;

/**
 * The tracks, drawn with primitive collections (one symbol image per SIDC, or points when there are
 * many in lite rendering), with labels, velocity leaders, drop lines, trails and a ring around the
 * selected one.
 *
 * A small picture is drawn whole every frame. A large one (see drawing-load.ts) is drawn simplified,
 * within a time budget per frame: the selected track every frame, the tracks whose data changed (the
 * picture hands them over), and a slice of all the others for ageing and dead reckoning; positions
 * are written in place into each track's own Cartesian3, and labels and lines are kept for the
 * selected track only. `status()` says so to the user.
 */
export function createTrackLayer(scene: Cesium.Scene, source: TrackSource, opts: { layers: Layers; lite: boolean }) {
  // One translucent pass rather than an opaque and a translucent one: stale tracks fade, and up to
  // twice the speed in software WebGL (Cesium's BlendOption documentation).
  const blendOption = Cesium.BlendOption.TRANSLUCENT;
  const billboards = scene.primitives.add(
    new Cesium.BillboardCollection({ scene, blendOption }),
  ) as Cesium.BillboardCollection;
  const points = scene.primitives.add(
    new Cesium.PointPrimitiveCollection({ blendOption }),
  ) as Cesium.PointPrimitiveCollection;
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
  /** Tracks to redraw first in the next frame (the one just deselected). */
  const restyle = new Set<string>();
  let drawing: Drawing = 'full';
  let usePoints = false;
  /** Bumped when how tracks look changes (lite, layers, points): the simplified drawing restyles each in turn. */
  let style = 0;
  let frame = 0;
  let total = 0;
  let visibleCount = 0;
  let lastUpdateMs: number | null = null;
  const sweep = new Sweep<string>(() => source.ids());
  const orphans = new Sweep<string>(() => drawn.keys());
  const refresh = new RefreshMeter();
  const clock = () => performance.now();

  const showCollections = (on: boolean) => {
    for (const c of [billboards, points, labels, leaders, dropLines, trails]) c.show = on;
  };
  showCollections(layers.tracks);

  function create(t: DrawnTrack): Drawn {
    const d: Drawn = {
      id: t.id,
      billboard: null,
      point: null,
      label: null,
      lines: null,
      sidc: t.sidc,
      identity: t.identity,
      freshness: 'expired',
      position: new Cesium.Cartesian3(),
      seenFrame: frame,
      refreshedMs: 0,
      style: -1,
    };
    drawn.set(t.id, d);
    return d;
  }

  function remove(d: Drawn) {
    if (d.billboard) billboards.remove(d.billboard);
    if (d.point) points.remove(d.point);
    if (d.label) labels.remove(d.label);
    removeLines(d);
    if (d.freshness !== 'expired') visibleCount--;
    drawn.delete(d.id);
  }

  function removeLines(d: Drawn) {
    if (!d.lines) return;
    leaders.remove(d.lines.leader);
    dropLines.remove(d.lines.dropLine);
    trails.remove(d.lines.trail);
    d.lines = null;
  }

  /** The track's symbol, or its point: the other one goes. Image, colour and fade follow SIDC, identity and age. */
  function drawSymbol(d: Drawn, t: DrawnTrack, asPoint: boolean) {
    const visible = t.freshness !== 'expired';
    const alpha = fadeOf(t.freshness);
    if (asPoint) {
      if (d.billboard) {
        billboards.remove(d.billboard);
        d.billboard = null;
      }
      if (!d.point)
        d.point = points.add({
          position: d.position,
          id: t.id,
          pixelSize: 7,
          color: identityColor(t.identity).withAlpha(alpha),
          outlineColor: Cesium.Color.BLACK,
          outlineWidth: 1,
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        });
      const p = d.point;
      p.position = d.position;
      if (p.show !== visible) p.show = visible;
      const color = p.color;
      if (d.identity !== t.identity || color.alpha !== alpha) p.color = identityColor(t.identity).withAlpha(alpha);
    } else {
      if (d.point) {
        points.remove(d.point);
        d.point = null;
      }
      const img = d.billboard && d.sidc === t.sidc ? null : symbolImage(t.sidc);
      if (!d.billboard) {
        d.billboard = billboards.add({
          position: d.position,
          id: t.id,
          horizontalOrigin: Cesium.HorizontalOrigin.LEFT,
          verticalOrigin: Cesium.VerticalOrigin.TOP,
          disableDepthTestDistance: Number.POSITIVE_INFINITY,
        });
      }
      const b = d.billboard;
      if (img) {
        b.setImage(t.sidc, img.canvas);
        b.pixelOffset = new Cesium.Cartesian2(-img.anchor.x, -img.anchor.y);
      }
      b.position = d.position;
      if (b.show !== visible) b.show = visible;
      if (b.color.alpha !== alpha) b.color = Cesium.Color.WHITE.withAlpha(alpha);
    }
    if (d.identity !== t.identity && d.lines) {
      recolor(d.lines.leader, t.identity, 0.9);
      recolor(d.lines.dropLine, t.identity, 0.35);
      recolor(d.lines.trail, t.identity, 0.45);
    }
    d.sidc = t.sidc;
    d.identity = t.identity;
  }

  function drawLabel(d: Drawn, t: DrawnTrack, labelled: boolean, keep: boolean) {
    if (!labelled) {
      if (d.label && keep) d.label.show = false;
      else if (d.label) {
        labels.remove(d.label);
        d.label = null;
      }
      return;
    }
    if (!d.label)
      d.label = labels.add({
        position: d.position,
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
      });
    const label = d.label;
    if (!label.show) label.show = true;
    label.position = d.position;
    const text = `${t.id}\n${Math.round(t.position.altM)} m`;
    if (label.text !== text) label.text = text;
  }

  function createLines(d: Drawn, identity: string): Lines {
    const at = () => Cesium.Cartesian3.clone(d.position);
    const leaderPoints: [Cesium.Cartesian3, Cesium.Cartesian3] = [at(), at()];
    const dropPoints: [Cesium.Cartesian3, Cesium.Cartesian3] = [at(), at()];
    return {
      leaderPoints,
      dropPoints,
      leader: leaders.add({ positions: leaderPoints, width: 1.5, material: material(identity, 0.9), id: d.id }),
      dropLine: dropLines.add({ positions: dropPoints, width: 1, material: material(identity, 0.35), id: d.id }),
      trail: trails.add({ positions: [at()], width: 1.5, material: material(identity, 0.45), id: d.id, show: false }),
      trailPoints: [],
      lastTrailMs: 0,
    };
  }

  /** Leader, drop line and trail, each following its symbol; made when first needed. */
  function drawLines(d: Drawn, t: DrawnTrack, lined: boolean, keep: boolean, nowMs: number) {
    if (!lined) {
      if (!d.lines) return;
      if (!keep) return removeLines(d);
      d.lines.leader.show = d.lines.dropLine.show = d.lines.trail.show = false;
      return;
    }
    const l = (d.lines ??= createLines(d, t.identity));
    const p = t.position;
    l.leader.show = layers.leaders && t.velocity.speedMps > 1;
    if (l.leader.show) {
      const rad = (t.velocity.courseDeg * Math.PI) / 180;
      const dist = t.velocity.speedMps * LEADER_S;
      Cesium.Cartesian3.clone(d.position, l.leaderPoints[0]);
      Cesium.Cartesian3.fromDegrees(
        p.lon + (dist * Math.sin(rad)) / (111_320 * Math.cos((p.lat * Math.PI) / 180)),
        p.lat + (dist * Math.cos(rad)) / 110_540,
        Math.max(0, p.altM + t.velocity.climbMps * LEADER_S),
        undefined,
        l.leaderPoints[1],
      );
      l.leader.positions = l.leaderPoints;
    }
    l.dropLine.show = layers.dropLines;
    if (l.dropLine.show) {
      Cesium.Cartesian3.clone(d.position, l.dropPoints[0]);
      Cesium.Cartesian3.fromDegrees(p.lon, p.lat, 0, undefined, l.dropPoints[1]);
      l.dropLine.positions = l.dropPoints;
    }
    if (nowMs - l.lastTrailMs >= TRAIL_STEP_MS) {
      l.lastTrailMs = nowMs;
      l.trailPoints.push(Cesium.Cartesian3.clone(d.position));
      if (l.trailPoints.length > TRAIL_POINTS) l.trailPoints.shift();
    }
    l.trail.show = layers.trails && l.trailPoints.length > 0;
    // The trail keeps the points it is given: the last one must be its own.
    if (l.trail.show) l.trail.positions = [...l.trailPoints, Cesium.Cartesian3.clone(d.position)];
  }

  /**
   * Draws one track as it is now. `full`: the small picture (labels by camera range, lines for all);
   * otherwise only the selected track keeps a label and lines.
   */
  function draw(d: Drawn, t: DrawnTrack, nowMs: number, full: boolean, cameraPosition: Cesium.Cartesian3) {
    const p = t.position;
    Cesium.Cartesian3.fromDegrees(p.lon, p.lat, p.altM, undefined, d.position);
    const wasVisible = d.freshness !== 'expired';
    const visible = t.freshness !== 'expired';
    if (visible !== wasVisible) visibleCount += visible ? 1 : -1;
    const isSelected = t.id === selected;
    const asPoint = usePoints && !isSelected;
    drawSymbol(d, t, asPoint);
    d.freshness = t.freshness;
    d.style = style;
    const labelled =
      visible &&
      (isSelected || (full && layers.labels && Cesium.Cartesian3.distance(cameraPosition, d.position) < LABEL_RANGE_M));
    drawLabel(d, t, labelled, full);
    drawLines(d, t, visible && !asPoint && (full || isSelected), full, nowMs);
  }

  /** The small picture: every track, every frame, blended between reports. */
  function updateFull(nowMs: number, cameraPosition: Cesium.Cartesian3) {
    // Everything is redrawn: what changed need not be remembered.
    source.takeChanged(Number.POSITIVE_INFINITY, noop);
    restyle.clear();
    let seen = 0;
    source.forEach(nowMs, (t) => {
      seen++;
      const d = drawn.get(t.id) ?? create(t);
      d.seenFrame = frame;
      draw(d, t, nowMs, true, cameraPosition);
      d.refreshedMs = nowMs;
    });
    for (const d of drawn.values()) if (d.seenFrame !== frame) remove(d);
    total = seen;
  }

  /** Redraws one track of the large picture from the source (or removes it), dead-reckoned to now. */
  function renew(id: string, nowMs: number, cameraPosition: Cesium.Cartesian3) {
    const t = source.get(id, nowMs, id === selected);
    const d = drawn.get(id);
    if (!t) {
      if (d) remove(d);
      return;
    }
    const target = d ?? create(t);
    draw(target, t, nowMs, false, cameraPosition);
    // How often positions are renewed, as the status tells it: the selected track's (every frame) aside.
    if (target.refreshedMs > 0 && id !== selected) refresh.record(nowMs - target.refreshedMs);
    target.refreshedMs = nowMs;
  }

  /** The large picture: the selected track, then what changed, then a slice of the rest, within the frame's budget. */
  function updateSimplified(nowMs: number, cameraPosition: Cesium.Cartesian3, frameIntervalMs: number) {
    const start = clock();
    if (selected) renew(selected, nowMs, cameraPosition);
    for (const id of restyle) renew(id, nowMs, cameraPosition);
    restyle.clear();

    const take = (id: string) => {
      if (id !== selected) renew(id, nowMs, cameraPosition);
    };
    runBudgeted(start + CHANGED_BUDGET_MS, clock, Number.POSITIVE_INFINITY, () => {
      return source.takeChanged(CHANGED_CHUNK, take) === CHANGED_CHUNK;
    });

    // The sweep: ageing (stale, expired) and dead reckoning of tracks that did not report, and tracks
    // drawn in an old style; those renewed within the last cycle are passed over.
    runBudgeted(start + FRAME_BUDGET_MS, clock, sweepQuota(total, frameIntervalMs), () => {
      const id = sweep.next(nowMs);
      if (id === undefined) return false;
      const d = drawn.get(id);
      if (!d || d.style !== style || nowMs - d.refreshedMs >= SWEEP_CYCLE_MS) renew(id, nowMs, cameraPosition);
      return true;
    });

    // Tracks drawn but no longer in the picture (normally removed as changes): a slice at a time.
    if (drawn.size > total)
      runBudgeted(start + FRAME_BUDGET_MS, clock, sweepQuota(drawn.size, frameIntervalMs), () => {
        const id = orphans.next(nowMs);
        if (id === undefined) return false;
        if (!source.get(id, nowMs, false)) remove(drawn.get(id)!);
        return true;
      });
  }

  /** Once a frame, before rendering. */
  function update(nowMs: number, cameraPosition: Cesium.Cartesian3) {
    frame++;
    const frameIntervalMs = lastUpdateMs === null ? 0 : nowMs - lastUpdateMs;
    lastUpdateMs = nowMs;
    const size = source.size();
    const next = drawingFor(size, drawing);
    if (next !== drawing) {
      drawing = next;
      style++;
      sweep.restart();
      refresh.reset();
    }
    const points = lite && size > LITE_SYMBOL_LIMIT;
    if (points !== usePoints) {
      usePoints = points;
      style++;
    }
    if (drawing === 'full') updateFull(nowMs, cameraPosition);
    else {
      total = size;
      updateSimplified(nowMs, cameraPosition, frameIntervalMs);
    }

    const sel = selectedDrawn();
    ring.show = layers.tracks && !!sel && sel.freshness !== 'expired';
    if (sel) ring.position = sel.position;
  }

  function selectedDrawn(): Drawn | undefined {
    return selected ? drawn.get(selected) : undefined;
  }

  return {
    update,
    setLayers(next: Layers) {
      layers = next;
      showCollections(layers.tracks);
      style++;
    },
    setLite(on: boolean) {
      lite = on;
    },
    setSelected(id: string | null) {
      if (selected && selected !== id) restyle.add(selected);
      selected = id;
    },
    /** Where the selected track is drawn, if it is. */
    selectedPosition: (): Cesium.Cartesian3 | undefined => selectedDrawn()?.position,
    has: (id: string) => drawn.has(id),
    /** Where a track is drawn, if it is shown. */
    shownPosition(id: string): Cesium.Cartesian3 | undefined {
      const d = drawn.get(id);
      return d && layers.tracks && d.freshness !== 'expired' ? d.position : undefined;
    },
    drawnSymbols: () => (layers.tracks ? visibleCount : 0),
    /** What the user is told about how the picture is drawn (null: whole). */
    status: (nowMs: number): string | null =>
      drawingStatus(drawing, total, { points: usePoints, periodMs: refresh.periodMs(nowMs) }),
  };
}
