const KEY = 'tessera.settings';

export interface Layers {
  tracks: boolean;
  trails: boolean;
  leaders: boolean;
  dropLines: boolean;
  labels: boolean;
  volumes: boolean;
}

const DEFAULT_LAYERS: Layers = {
  tracks: true,
  trails: true,
  leaders: true,
  dropLines: true,
  labels: true,
  volumes: true,
};

/** Per-browser display settings, remembered in localStorage. Lite rendering is off by default. */
export class Settings {
  lite = $state(false);
  layers = $state<Layers>({ ...DEFAULT_LAYERS });
  /** No sound for new critical alerts (the visual cue stays). */
  muted = $state(false);

  constructor() {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as {
        lite?: boolean;
        layers?: Partial<Layers>;
        muted?: boolean;
      };
      this.lite = saved.lite === true;
      this.muted = saved.muted === true;
      this.layers = { ...DEFAULT_LAYERS, ...saved.layers };
    } catch {
      // unreadable settings: defaults
    }
  }

  save(): void {
    localStorage.setItem(KEY, JSON.stringify({ lite: this.lite, layers: this.layers, muted: this.muted }));
  }

  toggleLite(): void {
    this.lite = !this.lite;
    this.save();
  }

  toggleMute(): void {
    this.muted = !this.muted;
    this.save();
  }

  toggleLayer(layer: keyof Layers): void {
    this.layers = { ...this.layers, [layer]: !this.layers[layer] };
    this.save();
  }
}
