import { describe, expect, it } from 'vitest';
import { iso, T0, track } from '@tessera/service-kit/fixtures';
import { createAnomalyCooldown, createReportHistories } from './history.ts';

const at = (s: number) => track('POL-d1', { at: iso(T0 + s * 1000) });

describe('report histories', () => {
  it('keeps the latest reports in order, ignores repeats and older ones, forgets removed tracks', () => {
    const histories = createReportHistories(3);
    expect(histories.add(at(1))?.map((r) => r.tS)).toEqual([T0 / 1000 + 1]);
    expect(histories.add(at(1))).toBeNull();
    expect(histories.add(at(0))).toBeNull();
    for (const s of [2, 3, 4]) histories.add(at(s));
    expect(histories.add(at(5))?.map((r) => r.tS - T0 / 1000)).toEqual([3, 4, 5]);
    expect(histories.size()).toBe(1);
    expect(histories.forget('POL-d1')).toBe(true);
    expect(histories.forget('POL-d1')).toBe(false);
  });
});

describe('anomaly cooldown', () => {
  it('reports an anomaly of a kind on a track once per cooldown, again after it or after the track is forgotten', () => {
    const cooldown = createAnomalyCooldown(60);
    expect(cooldown.due('POL-d1', 'POSITION_JUMP', T0)).toBe(true);
    expect(cooldown.due('POL-d1', 'POSITION_JUMP', T0 + 59_999)).toBe(false);
    expect(cooldown.due('POL-d1', 'FROZEN_POSITION', T0 + 1000)).toBe(true);
    expect(cooldown.due('POL-d2', 'POSITION_JUMP', T0 + 1000)).toBe(true);
    expect(cooldown.due('POL-d1', 'POSITION_JUMP', T0 + 60_000)).toBe(true);
    cooldown.forget('POL-d1');
    expect(cooldown.due('POL-d1', 'POSITION_JUMP', T0 + 60_001)).toBe(true);
  });
});
