import * as Cesium from 'cesium';
import 'cesium/Build/Cesium/Widgets/widgets.css';

/**
 * A Cesium viewer that works offline: the bundled Natural Earth II imagery on the ellipsoid, no ion,
 * no widgets but the globe; the credits in a container of our own (the COP styles them quietly).
 */
export function createViewer(container: HTMLElement, lite: boolean): Cesium.Viewer {
  Cesium.Ion.defaultAccessToken = '';
  const credits = document.createElement('div');
  credits.className = 'cesium-credits';
  const viewer = new Cesium.Viewer(container, {
    baseLayer: Cesium.ImageryLayer.fromProviderAsync(
      Cesium.TileMapServiceImageryProvider.fromUrl(Cesium.buildModuleUrl('Assets/Textures/NaturalEarthII')),
    ),
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
    msaaSamples: lite ? 1 : 4,
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
  applyLite(viewer, lite);
  return viewer;
}

/**
 * Lite rendering for software WebGL and weak GPUs: no atmosphere, sky, fog or anti-aliasing, half
 * resolution. A user's setting, never a replacement for the full rendering.
 */
export function applyLite(viewer: Cesium.Viewer, lite: boolean): void {
  const scene = viewer.scene;
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
