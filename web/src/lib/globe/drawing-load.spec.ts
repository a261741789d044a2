import { describe, expect, it } from 'vitest';
import {
  FULL_BELOW,
  FrameMeter,
  RefreshMeter,
  SIMPLIFY_ABOVE,
  Sweep,
  drawingFor,
  drawingStatus,
  formatPeriod,
  runBudgeted,
  sweepQuota,
} from './drawing-load.ts';

describe('how a large picture is drawn', () => {
  it('is simplified above SIMPLIFY_ABOVE tracks and whole again only below FULL_BELOW', () => {
    expect(drawingFor(SIMPLIFY_ABOVE, 'full')).toBe('full');
    expect(drawingFor(SIMPLIFY_ABOVE + 1, 'full')).toBe('simplified');
    expect(drawingFor(FULL_BELOW, 'simplified')).toBe('simplified');
    expect(drawingFor(FULL_BELOW - 1, 'simplified')).toBe('full');
  });

  it('sweeps every track once a second whatever the frame rate, never more than all of them a frame', () => {
    expect(sweepQuota(10_000, 200)).toBe(2000); // 5 fps
    expect(sweepQuota(10_000, 50)).toBe(500); // 20 fps
    expect(sweepQuota(10_000, 5000)).toBe(10_000); // a frame every 5 s: all, not 50,000
    expect(sweepQuota(1000, 0)).toBe(1);
  });

  it('stops a budgeted loop at the deadline, at max steps, or when there is nothing left', () => {
    let now = 0;
    const clock = () => now;
    // Each step takes 0.1 ms: the clock is looked at every 16 steps, so the loop ends within 16 steps of the deadline.
    const slow = runBudgeted(2, clock, Number.POSITIVE_INFINITY, () => ((now += 0.1), true));
    expect(slow).toBeGreaterThanOrEqual(20);
    expect(slow).toBeLessThanOrEqual(20 + 16);
    now = 0;
    expect(runBudgeted(2, clock, 5, () => true)).toBe(5);
    let left = 3;
    expect(runBudgeted(2, clock, 100, () => left-- > 0)).toBe(3);
    now = 5;
    expect(runBudgeted(2, clock, 100, () => true)).toBe(0); // past the deadline already
  });

  it('walks a live collection a slice at a time, over and over, and knows how long a pass took', () => {
    const items = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    const sweep = new Sweep(() => items.keys());
    expect(sweep.next(0)).toBe('a');
    items.set('c', 3); // added during a pass: still visited in it
    items.delete('b'); // removed before its turn: skipped
    expect(sweep.next(100)).toBe('c');
    expect(sweep.next(700)).toBeUndefined();
    expect(sweep.cycleMs).toBe(700);
    expect(sweep.next(800)).toBe('a'); // the next pass
  });

  it('measures how often positions are renewed over the last complete second', () => {
    const meter = new RefreshMeter();
    expect(meter.periodMs(1000)).toBeNull();
    meter.record(800);
    meter.record(1200);
    expect(meter.periodMs(1500)).toBeNull(); // the window is not over
    expect(meter.periodMs(2000)).toBe(1000);
    meter.record(3000);
    expect(meter.periodMs(2500)).toBe(1000);
    expect(meter.periodMs(3000)).toBe(3000);
  });

  it('tells the user the picture is simplified, how, and how often positions are renewed', () => {
    expect(drawingStatus('full', 40, { points: false, periodMs: null })).toBeNull();
    expect(drawingStatus('simplified', 5000, { points: true, periodMs: 1040 })).toBe(
      '5,000 tracks — simplified drawing: tracks as points, labels and lines only for the selected track; positions every 1 s',
    );
    expect(drawingStatus('simplified', 800, { points: false, periodMs: null })).toBe(
      '800 tracks — simplified drawing: labels and lines only for the selected track',
    );
    expect(formatPeriod(1300)).toBe('1.5 s');
    expect(formatPeriod(100)).toBe('0.5 s');
    expect(formatPeriod(4100)).toBe('4 s');
  });

  it('gives the mean, 95th percentile and maximum frame time, and the batch time per frame', () => {
    const meter = new FrameMeter(0, 100);
    for (let i = 1; i <= 100; i++) meter.record(i / 10); // 0.1 .. 10 ms
    const s = meter.summary(10_000, 150);
    expect(s.frames).toBe(100);
    expect(s.meanMs).toBeCloseTo(5.05, 5);
    expect(s.p95Ms).toBeCloseTo(9.6, 5);
    expect(s.maxMs).toBe(10);
    expect(s.applyMsPerFrame).toBeCloseTo(0.5, 5);
    expect(s.fps).toBeCloseTo(10, 5);
    meter.reset(10_000, 150);
    meter.record(2);
    expect(meter.summary(11_000, 151)).toMatchObject({ frames: 1, meanMs: 2, p95Ms: 2, maxMs: 2, applyMsPerFrame: 1 });
  });
});
