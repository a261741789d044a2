import { describe, expect, it } from 'vitest';
import { createPictureClocks } from './picture-clock.ts';

const T = Date.parse('2026-12-01T10:00:00.000Z');
const FAR = Date.parse('9999-12-31T00:00:00.000Z');

describe('the picture clocks', () => {
  it('judge a track by the clock of the feed that reports it', () => {
    const clocks = createPictureClocks();
    clocks.batch('UKR', [{ trackId: 'UKR-1', observedMs: T }]);
    clocks.batch('POL', [{ trackId: 'POL-1', observedMs: T + 5_000 }]);
    expect(clocks.forTrack('UKR-1', 0)).toBe(T);
    expect(clocks.forTrack('POL-1', 0)).toBe(T + 5_000);
  });

  it('a feed lying about time moves only its own clock, not another nation’s tracks', () => {
    const clocks = createPictureClocks();
    clocks.batch('UKR', [{ trackId: 'UKR-1', observedMs: T }]);
    clocks.batch('POL', [{ trackId: 'POL-evil', observedMs: FAR }]);
    expect(clocks.forTrack('UKR-1', 0)).toBe(T);
    expect(clocks.forTrack('POL-evil', 0)).toBe(FAR);
    // A track nobody reported since start is judged by the earliest feed: the liar cannot push it.
    expect(clocks.forTrack('restored', 0)).toBe(T);
  });

  it('follows the latest batch, so a restarted scenario moves a feed’s clock back', () => {
    const clocks = createPictureClocks();
    clocks.batch('UKR', [{ trackId: 'UKR-1', observedMs: T + 60_000 }]);
    clocks.batch('UKR', [
      { trackId: 'UKR-1', observedMs: T },
      { trackId: 'UKR-2', observedMs: T - 1_000 },
    ]);
    expect(clocks.of('UKR', 0)).toBe(T);
    expect(clocks.forTrack('UKR-2', 0)).toBe(T);
  });

  it('falls back before any feed reported, and forgets a track that is gone', () => {
    const clocks = createPictureClocks();
    expect(clocks.forTrack('UKR-1', 42)).toBe(42);
    expect(clocks.of('UKR', 42)).toBe(42);
    clocks.batch('UKR', [{ trackId: 'UKR-1', observedMs: T }]);
    clocks.batch('POL', [{ trackId: 'POL-1', observedMs: T - 9_000 }]);
    clocks.forget('UKR-1');
    expect(clocks.forTrack('UKR-1', 42)).toBe(T - 9_000);
  });
});
