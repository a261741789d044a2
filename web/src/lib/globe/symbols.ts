import ms from 'milsymbol';

export interface SymbolImage {
  canvas: HTMLCanvasElement;
  /** The symbol's centre point within the canvas, in pixels. */
  anchor: { x: number; y: number };
}

const cache = new Map<string, SymbolImage>();

/** APP-6 / 2525 symbol image of a SIDC, drawn once and cached: one image per symbol code. */
export function symbolImage(sidc: string, size = 26): SymbolImage {
  const key = `${sidc}@${size}`;
  let image = cache.get(key);
  if (!image) {
    const symbol = new ms.Symbol(sidc, { size, outlineWidth: 3, outlineColor: 'rgba(0,0,0,0.8)' });
    image = { canvas: symbol.asCanvas(), anchor: symbol.getAnchor() };
    cache.set(key, image);
  }
  return image;
}
