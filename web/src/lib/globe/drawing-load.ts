import type { FrameStats } from './globe.ts';

/**
 * How the globe keeps drawing a large picture without starving the page: the decisions and meters of
 * the track layer that need no map library (so they can be tested on their own).
 *
 * A small picture is drawn whole every frame: every track dead-reckoned, with symbols, labels,
 * leaders, drop lines and trails. Above SIMPLIFY_ABOVE tracks the picture is drawn simplified: only
 * tracks whose data changed, and a slice of the others each frame, are touched, within a time budget
 * per frame; only the selected track keeps labels and lines and moves every frame. The user is told.
 */

/** Above this many tracks the picture is drawn simplified... */
export const SIMPLIFY_ABOVE = 300;
/** ...until it falls below this many again (no flapping around one count). */
export const FULL_BELOW = 250;
/** Main-thread time the simplified drawing gives itself per frame: changed tracks first, then the sweep. */
export const CHANGED_BUDGET_MS = 2.5;
export const FRAME_BUDGET_MS = 3.5;
/** The sweep (ageing, dead reckoning) aims to pass every track once in this long. */
export const SWEEP_CYCLE_MS = 1000;

export type Drawing = 'full' | 'simplified';

export function drawingFor(count: number, current: Drawing): Drawing {
  if (current === 'full') return count > SIMPLIFY_ABOVE ? 'simplified' : 'full';
  return count < FULL_BELOW ? 'full' : 'simplified';
}

/** How many tracks the sweep visits this frame, for a cycle of SWEEP_CYCLE_MS at the current frame interval. */
export function sweepQuota(count: number, frameIntervalMs: number): number {
  const interval = Math.min(SWEEP_CYCLE_MS, Math.max(1, frameIntervalMs));
  return Math.ceil((count * interval) / SWEEP_CYCLE_MS);
}

/** Steps checked against the clock at a time: reading it costs more than a step's bookkeeping. */
const CLOCK_EVERY = 16;

/**
 * Runs `step` until it says there is nothing left (false), `max` steps were taken, or the clock passed
 * `deadline` (looked at every few steps). Returns the steps taken.
 */
export function runBudgeted(deadline: number, clock: () => number, max: number, step: () => boolean): number {
  let n = 0;
  while (n < max) {
    if (n % CLOCK_EVERY === 0 && clock() >= deadline) break;
    if (!step()) break;
    n++;
  }
  return n;
}

/**
 * A cursor that walks a live collection's keys over and over, a slice at a time; a new pass starts
 * when the last one ended. `cycleMs` is how long the last whole pass took.
 */
export class Sweep<K> {
  #keys: () => Iterator<K>;
  #it: Iterator<K> | undefined;
  #passStart = 0;
  cycleMs: number | null = null;

  constructor(keys: () => Iterator<K>) {
    this.#keys = keys;
  }

  /** The next key, or undefined when a pass just ended (the next call starts a new one). */
  next(nowMs: number): K | undefined {
    if (!this.#it) {
      this.#it = this.#keys();
      this.#passStart = nowMs;
    }
    const r = this.#it.next();
    if (!r.done) return r.value;
    this.#it = undefined;
    this.cycleMs = nowMs - this.#passStart;
    return undefined;
  }

  /** Start over (the collection was replaced). */
  restart(): void {
    this.#it = undefined;
    this.cycleMs = null;
  }
}

/**
 * How often drawn positions are renewed in the simplified drawing: the mean interval between two
 * renewals of a track's position, over the last complete second.
 */
export class RefreshMeter {
  #sum = 0;
  #n = 0;
  #windowStart = 0;
  #periodMs: number | null = null;

  record(intervalMs: number): void {
    this.#sum += intervalMs;
    this.#n++;
  }

  /** The mean interval of the last complete window (null: none yet). */
  periodMs(nowMs: number): number | null {
    if (nowMs - this.#windowStart >= 1000) {
      if (this.#n > 0) this.#periodMs = this.#sum / this.#n;
      this.#sum = 0;
      this.#n = 0;
      this.#windowStart = nowMs;
    }
    return this.#periodMs;
  }

  reset(): void {
    this.#sum = 0;
    this.#n = 0;
    this.#periodMs = null;
  }
}

/** "1 s", "1.5 s", "4 s": a period as the user reads it, to half a second (at least that). */
export function formatPeriod(ms: number): string {
  const s = Math.max(0.5, Math.round(ms / 500) / 2);
  return `${s} s`;
}

/**
 * What the globe tells the user when it draws the picture simplified (null: it draws it whole).
 * e.g. "5,000 tracks — simplified drawing: tracks as points, labels and lines only for the selected
 * track; positions every 1 s".
 */
export function drawingStatus(
  drawing: Drawing,
  count: number,
  opts: { points: boolean; periodMs: number | null },
): string | null {
  if (drawing === 'full') return null;
  const what = opts.points ? 'tracks as points, labels and lines' : 'labels and lines';
  const every = opts.periodMs === null ? '' : `; positions every ${formatPeriod(opts.periodMs)}`;
  return `${count.toLocaleString('en-US')} tracks — simplified drawing: ${what} only for the selected track${every}`;
}

/** Frame times kept for the percentiles: the last this many. */
const RING = 1024;

/** The main-thread time of the drawing code per frame, over a window the caller resets. */
export class FrameMeter {
  #ring = new Float64Array(RING);
  #frames = 0;
  #sum = 0;
  #max = 0;
  #startMs: number;
  #applyStartMs: number;

  constructor(nowMs: number, applyMs: number) {
    this.#startMs = nowMs;
    this.#applyStartMs = applyMs;
  }

  record(ms: number): void {
    this.#ring[this.#frames % RING] = ms;
    this.#frames++;
    this.#sum += ms;
    if (ms > this.#max) this.#max = ms;
  }

  /** The window so far; `applyMs`: the picture's total batch-applying time now. */
  summary(nowMs: number, applyMs: number): Omit<FrameStats, 'lagMs'> {
    const n = this.#frames;
    const kept = this.#ring.slice(0, Math.min(n, RING)).sort();
    const p95 = kept.length ? kept[Math.min(kept.length - 1, Math.floor(0.95 * kept.length))]! : 0;
    const seconds = (nowMs - this.#startMs) / 1000;
    return {
      frames: n,
      meanMs: n ? this.#sum / n : 0,
      p95Ms: p95,
      maxMs: this.#max,
      applyMsPerFrame: n ? (applyMs - this.#applyStartMs) / n : 0,
      seconds,
      fps: seconds > 0 ? n / seconds : 0,
    };
  }

  reset(nowMs: number, applyMs: number): void {
    this.#frames = 0;
    this.#sum = 0;
    this.#max = 0;
    this.#startMs = nowMs;
    this.#applyStartMs = applyMs;
  }
}
