import * as Cesium from 'cesium';
import 'cesium/Build/Cesium/Widgets/widgets.css';
import type { Layers } from '../state/settings.svelte.ts';
import type { Area, DrawnTrack, Globe, TrackSource } from './globe.ts';
import { symbolImage } from './symbols.ts';

const IDENTITY_COLOR: Record<string, Cesium.Color> = {
  HOSTILE: Cesium.Color.fromCssColorString('#ff5a5a'),
  SUSPECT: Cesium.Color.fromCssColorString('#ff9a4a'),
  UNKNOWN: Cesium.Color.fromCssColorString('#ffe066'),
  PENDING: Cesium.Color.fromCssColorString('#ffe066'),
  NEUTRAL: Cesium.Color.fromCssColorString('#5fd17a'),
  ASSUMED_FRIEND: Cesium.Color.fromCssColorString('#58b4ff'),
  FRIEND: Cesium.Color.fromCssColorString('#58b4ff'),
};

const VOLUME_COLOR: Record<string, Cesium.Color> = {
  SECTOR: Cesium.Color.fromCssColorString('#6fa8dc'),
  ROZ: Cesium.Color.fromCssColorString('#c27ba0'),
  NO_FIRE_AREA: Cesium.Color.fromCssColorString('#ff4d5e'),
  ENGAGEMENT_ZONE: Cesium.Color.fromCssColorString('#ffb020'),
  TRANSIT_CORRIDOR: Cesium.Color.fromCssColorString('#8fd0c8'),
  DEFENDED_ASSET: Cesium.Color.fromCssColorString('#37c978'),
};

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

/** The Cesium globe: offline imagery, primitive collections for tracks, entities for the few static volumes. */
export async function createCesiumGlobe(container: HTMLElement, source: TrackSource, opts: { lite: boolean; layers: Layers; area?: Area }): Promise<Globe> {
  Cesium.Ion.defaultAccessToken = '';
  const credits = document.createElement('div');
  credits.className = 'cesium-credits';
  const viewer = new Cesium.Viewer(container, {
    baseLayer: Cesium.ImageryLayer.fromProviderAsync(Cesium.TileMapServiceImageryProvider.fromUrl(Cesium.buildModuleUrl('Assets/Textures/NaturalEarthII'))),
    terrainProvider: new Cesium.EllipsoidTerrainProvider(),
    baseLayerPicker: false,
    geocoder: false,
    homeButton: false,
    sceneModePicker: false,
    navigationHelpButton: false,
    animation: false,
    timeline: false,
    fullscreenButton: false,
    infoBox: false,
    selectionIndicator: false,
    creditContainer: credits,
    msaaSamples: opts.lite ? 1 : 4,
  });
  container.appendChild(credits);
  const scene = viewer.scene;
  const base = viewer.imageryLayers.get(0);
  // A dark, quiet base map: tracks and volumes carry the colour.
  base.brightness = 0.55;
  base.contrast = 1.15;
  base.saturation = 0.35;
  scene.globe.baseColor = Cesium.Color.fromCssColorString('#0b0f14');
  scene.backgroundColor = Cesium.Color.fromCssColorString('#05070a');

  const billboards = scene.primitives.add(new Cesium.BillboardCollection({ scene })) as Cesium.BillboardCollection;
  const points = scene.primitives.add(new Cesium.PointPrimitiveCollection()) as Cesium.PointPrimitiveCollection;
  const labels = scene.primitives.add(new Cesium.LabelCollection({ scene })) as Cesium.LabelCollection;
  const leaders = scene.primitives.add(new Cesium.PolylineCollection()) as Cesium.PolylineCollection;
  const dropLines = scene.primitives.add(new Cesium.PolylineCollection()) as Cesium.PolylineCollection;
  const trails = scene.primitives.add(new Cesium.PolylineCollection()) as Cesium.PolylineCollection;
  const overlay = scene.primitives.add(new Cesium.BillboardCollection({ scene })) as Cesium.BillboardCollection;
  const ring = overlay.add({ position: Cesium.Cartesian3.ZERO, image: selectionRing(), show: false, disableDepthTestDistance: Number.POSITIVE_INFINITY });

  const drawn = new Map<string, Drawn>();
  // One material per polyline: a collection destroys a polyline's material when the polyline goes.
  const material = (identity: string, alpha: number) =>
    Cesium.Material.fromType('Color', { color: (IDENTITY_COLOR[identity] ?? Cesium.Color.WHITE).withAlpha(alpha) });
  const recolor = (line: Cesium.Polyline, identity: string, alpha: number) => {
    (line.material.uniforms as { color: Cesium.Color }).color = (IDENTITY_COLOR[identity] ?? Cesium.Color.WHITE).withAlpha(alpha);
  };

  let layers = opts.layers;
  let lite = opts.lite;
  let selected: string | null = null;
  let follow = false;
  let followRange = 0;
  let frame = 0;
  let drawnSymbols = 0;
  let fps = 0;
  let framesThisSecond = 0;
  let secondStart = performance.now();
  const pickListeners = new Set<(id: string | null) => void>();
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
        color: IDENTITY_COLOR[t.identity] ?? Cesium.Color.WHITE,
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
      leader: leaders.add({ positions: [position, position], width: 1.5, material: material(t.identity, 0.9), id: t.id }),
      dropLine: dropLines.add({ positions: [position, position], width: 1, material: material(t.identity, 0.35), id: t.id }),
      trail: trails.add({ positions: [position, position], width: 1.5, material: material(t.identity, 0.45), id: t.id }),
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

  let total = 0;
  let lastLinesMs = 0;

  function update(nowMs: number) {
    frame++;
    let count = 0;
    const showLabels = layers.labels && total <= MAX_LABELS;
    const usePoints = lite && total > LITE_SYMBOL_LIMIT;
    // Moving thousands of polylines every frame costs more than it shows: above MANY_TRACKS, lines
    // catch up with their symbols a few times a second while symbols still move every frame.
    const updateLines = total <= MANY_TRACKS || nowMs - lastLinesMs >= LINE_PERIOD_MANY_MS;
    if (updateLines) lastLinesMs = nowMs;
    let seen = 0;
    const cameraPosition = viewer.camera.positionWC;
    source.forEach(nowMs, (t) => {
      seen++;
      const p = t.position;
      const position = Cesium.Cartesian3.fromDegrees(p.lon, p.lat, p.altM);
      let d = drawn.get(t.id);
      if (!d) drawn.set(t.id, (d = create(t, position)));
      d.seenFrame = frame;
      d.position = position;
      if (d.sidc !== t.sidc) {
        const img = symbolImage(t.sidc);
        d.billboard.setImage(t.sidc, img.canvas);
        d.billboard.pixelOffset = new Cesium.Cartesian2(-img.anchor.x, -img.anchor.y);
        d.sidc = t.sidc;
      }
      if (d.identity !== t.identity) {
        d.identity = t.identity;
        d.point.color = IDENTITY_COLOR[t.identity] ?? Cesium.Color.WHITE;
        recolor(d.leader, t.identity, 0.9);
        recolor(d.dropLine, t.identity, 0.35);
        recolor(d.trail, t.identity, 0.45);
      }
      const visible = t.freshness !== 'expired' && layers.tracks;
      const alpha = t.freshness === 'stale' ? 0.35 : 1;
      const asPoint = usePoints && t.id !== selected;
      d.billboard.show = visible && !asPoint;
      d.point.show = visible && asPoint;
      if (asPoint) {
        d.point.position = position;
        if (d.point.color.alpha !== alpha) d.point.color = (IDENTITY_COLOR[t.identity] ?? Cesium.Color.WHITE).withAlpha(alpha);
      } else {
        d.billboard.position = position;
        if (d.billboard.color.alpha !== alpha) d.billboard.color = Cesium.Color.WHITE.withAlpha(alpha);
      }
      if (visible) count++;

      const labelled = visible && (t.id === selected || (showLabels && Cesium.Cartesian3.distance(cameraPosition, position) < LABEL_RANGE_M));
      if (d.label.show !== labelled) d.label.show = labelled;
      if (labelled) {
        d.label.position = position;
        const text = `${t.id}\n${Math.round(p.altM)} m`;
        if (d.label.text !== text) d.label.text = text;
      }

      const isNew = d.seenFrame === frame && d.trailPoints.length === 0;
      if (!updateLines && !isNew) return;
      // Points mode draws no lines, except for the selected track.
      const lined = visible && !asPoint;
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
    });
    for (const [id, d] of drawn) if (d.seenFrame !== frame) remove(id, d);
    drawnSymbols = count;
    total = seen;

    const sel = selected ? drawn.get(selected) : undefined;
    ring.show = !!sel && (sel.billboard.show || sel.point.show);
    if (sel) {
      ring.position = sel.position;
      if (follow) {
        const camera = viewer.camera;
        camera.lookAt(sel.position, new Cesium.HeadingPitchRange(camera.heading, camera.pitch, followRange));
      }
    }
  }

  scene.preRender.addEventListener(() => update(Date.now()));
  // When rendering starves the page (software WebGL, many tracks), data would queue up behind frames.
  // Fresh data matters more than frame rate: yield frames until the picture has caught up.
  const LAG_LIMIT_MS = 750;
  let yielding = false;
  scene.postRender.addEventListener(() => {
    const behind = source.lagMs() > LAG_LIMIT_MS;
    if (behind !== yielding) {
      yielding = behind;
      viewer.targetFrameRate = behind ? 3 : (undefined as unknown as number);
    }
    framesThisSecond++;
    const now = performance.now();
    if (now - secondStart >= 1000) {
      fps = (framesThisSecond * 1000) / (now - secondStart);
      framesThisSecond = 0;
      secondStart = now;
    }
  });

  const handler = new Cesium.ScreenSpaceEventHandler(scene.canvas);
  handler.setInputAction((e: { position: Cesium.Cartesian2 }) => {
    const picked = scene.pick(e.position) as { id?: unknown } | undefined;
    const id = picked && typeof picked.id === 'string' && drawn.has(picked.id) ? picked.id : null;
    for (const l of pickListeners) l(id);
  }, Cesium.ScreenSpaceEventType.LEFT_CLICK);

  const volumeEntities = new Cesium.CustomDataSource('volumes');
  await viewer.dataSources.add(volumeEntities);
  const predictionEntities = new Cesium.CustomDataSource('predictions');
  await viewer.dataSources.add(predictionEntities);
  let predictionCount = 0;
  let predictionKey = '';

  function applyLite(on: boolean) {
    lite = on;
    if (scene.skyAtmosphere) scene.skyAtmosphere.show = !lite;
    scene.globe.showGroundAtmosphere = !lite;
    scene.fog.enabled = !lite;
    scene.postProcessStages.fxaa.enabled = !lite;
    if (scene.skyBox) scene.skyBox.show = !lite;
    if (scene.sun) scene.sun.show = !lite;
    if (scene.moon) scene.moon.show = !lite;
    viewer.resolutionScale = lite ? 0.5 : 1;
    scene.msaaSamples = lite ? 1 : 4;
  }
  applyLite(opts.lite);

  function flyHome(area: Area, seconds = 1.5) {
    follow = false;
    viewer.camera.lookAtTransform(Cesium.Matrix4.IDENTITY);
    const heightM = area.radiusKm * 2000;
    const pitch = Cesium.Math.toRadians(-58);
    const backM = heightM / Math.tan(-pitch);
    viewer.camera.flyTo({
      destination: Cesium.Cartesian3.fromDegrees(area.center.lon, area.center.lat - backM / 111_000, heightM),
      orientation: { heading: 0, pitch, roll: 0 },
      duration: seconds,
    });
  }
  if (opts.area) flyHome(opts.area, 0);

  return {
    setLite: applyLite,
    setLayers(next) {
      layers = next;
      volumeEntities.show = next.volumes;
    },
    setVolumes(volumes) {
      volumeEntities.entities.removeAll();
      for (const v of volumes) {
        const color = VOLUME_COLOR[v.kind] ?? Cesium.Color.WHITE;
        const common = {
          height: v.floorM,
          extrudedHeight: v.ceilingM,
          material: color.withAlpha(v.kind === 'SECTOR' ? 0.06 : 0.16),
          outline: true,
          outlineColor: color.withAlpha(0.7),
        };
        const center = v.circle ? v.circle.center : v.outline!.reduce((a, p) => ({ lat: a.lat + p.lat / v.outline!.length, lon: a.lon + p.lon / v.outline!.length }), { lat: 0, lon: 0 });
        const text = v.kind === 'SECTOR' ? `${v.name}\nWCS ${v.wcs ?? '?'}` : v.name;
        volumeEntities.entities.add({
          id: `volume:${v.nation}:${v.id}`,
          position: Cesium.Cartesian3.fromDegrees(center.lon, center.lat, v.ceilingM),
          ...(v.circle
            ? { ellipse: { ...common, semiMajorAxis: v.circle.radiusM, semiMinorAxis: v.circle.radiusM } }
            : { polygon: { ...common, hierarchy: Cesium.Cartesian3.fromDegreesArray(v.outline!.flatMap((p) => [p.lon, p.lat])), perPositionHeight: false } }),
          label: {
            text,
            font: '12px "DejaVu Sans", sans-serif',
            fillColor: color.brighten(0.3, new Cesium.Color()),
            outlineColor: Cesium.Color.BLACK,
            outlineWidth: 3,
            style: Cesium.LabelStyle.FILL_AND_OUTLINE,
            distanceDisplayCondition: new Cesium.DistanceDisplayCondition(0, v.kind === 'SECTOR' ? 3_000_000 : 900_000),
            disableDepthTestDistance: Number.POSITIVE_INFINITY,
          },
        });
      }
    },
    setSelected(id) {
      selected = id;
    },
    setPredictions(predictions) {
      // Entities are costly to rebuild: only when what is drawn changed.
      const key = JSON.stringify(predictions);
      if (key === predictionKey) return;
      predictionKey = key;
      predictionEntities.entities.removeAll();
      predictionCount = predictions.length;
      for (const p of predictions) {
        const color = Cesium.Color.fromCssColorString(p.style === 'threat' ? '#ff4d5e' : p.style === 'engagement' ? '#ffb020' : '#4fb3ff');
        if (p.path.length >= 2) {
          predictionEntities.entities.add({
            id: `prediction:${p.id}`,
            polyline: {
              positions: Cesium.Cartesian3.fromDegreesArrayHeights(p.path.flatMap((g) => [g.lon, g.lat, g.altM])),
              width: p.style === 'engagement' ? 3 : 2,
              material: p.style === 'engagement' ? color : new Cesium.PolylineDashMaterialProperty({ color: color.withAlpha(0.9), dashLength: 12 }),
            },
          });
        }
        if (p.impact) {
          predictionEntities.entities.add({
            id: `impact:${p.id}`,
            position: Cesium.Cartesian3.fromDegrees(p.impact.lon, p.impact.lat, 0),
            ellipse: {
              semiMajorAxis: Math.max(p.impact.radiusM, 50),
              semiMinorAxis: Math.max(p.impact.radiusM, 50),
              height: 0,
              material: color.withAlpha(0.22),
              outline: true,
              outlineColor: color,
            },
          });
        }
      }
    },
    setFollow(on) {
      const sel = selected ? drawn.get(selected) : undefined;
      follow = on && !!sel;
      if (follow && sel) followRange = Math.min(Cesium.Cartesian3.distance(viewer.camera.positionWC, sel.position), 150_000);
      else viewer.camera.lookAtTransform(Cesium.Matrix4.IDENTITY);
    },
    flyHome,
    onPick(listener) {
      pickListeners.add(listener);
    },
    stats: () => ({ drawnSymbols, fps, predictions: predictionCount }),
    screenPosition(id) {
      const d = drawn.get(id);
      const p = d && (d.billboard.show || d.point.show) ? Cesium.SceneTransforms.worldToWindowCoordinates(scene, d.position) : undefined;
      return p ? { x: p.x, y: p.y } : null;
    },
    destroy() {
      handler.destroy();
      viewer.destroy();
    },
  };
}
