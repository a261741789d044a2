import { TrackUpdatesDocument, type TrackFieldsFragment } from '@tessera/schema/operations';
import type { Api, LinkStatus } from '../api/client.ts';
import { applyBatch } from '../view/picture.ts';
import { nextMotion, type Motion } from '../view/motion.ts';

export type Track = TrackFieldsFragment;

/**
 * The live track picture of the signed-in user. Tracks and their motion live in plain maps that the
 * globe reads every frame; Svelte state carries only what components show: a version that changes at
 * most twice a second (lists), the connection status and the time of the last batch.
 */
export class LivePicture {
  readonly tracks = new Map<string, Track>();
  readonly motions = new Map<string, Motion>();
  /** Bumped (at most every LIST_INTERVAL_MS) when the picture changed. */
  version = $state(0);
  status = $state<LinkStatus>({ state: 'connecting' });
  lastBatchAt = $state<number | null>(null);
  /** Wall clock, ticking once a second, for ages and countdowns. */
  now = $state(Date.now());

  /** Smoothed delay between the gateway sending a batch and this page applying it, ms. */
  lagMs = 0;
  #seq = 0;
  #dirty = false;
  #stop: (() => void) | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #api: Api;
  #token: () => string | null;

  static readonly LIST_INTERVAL_MS = 500;

  constructor(api: Api, token: () => string | null) {
    this.#api = api;
    this.#token = token;
  }

  start(): void {
    this.#subscribe();
    let last = 0;
    this.#timer = setInterval(() => {
      const now = Date.now();
      if (this.#dirty && now - last >= LivePicture.LIST_INTERVAL_MS) {
        this.#dirty = false;
        last = now;
        this.version++;
      }
      if (now - this.now >= 1000) this.now = now;
    }, 100);
  }

  stop(): void {
    this.#stop?.();
    clearInterval(this.#timer);
  }

  #subscribe(): void {
    this.#seq = 0;
    this.#stop = this.#api.subscribe(TrackUpdatesDocument, this.#token, {
      next: ({ trackUpdates }) => this.#apply(trackUpdates),
      status: (s) => (this.status = s),
    });
  }

  #apply(batch: { seq: number; reset: boolean; upserts: Track[]; removals: string[]; sentAt: string }): void {
    this.lagMs = 0.8 * this.lagMs + 0.2 * Math.max(0, Date.now() - Date.parse(batch.sentAt));
    const result = applyBatch(this.tracks, this.#seq, batch);
    if (!result.ok) {
      // Lost batches: start over with a fresh snapshot rather than show a wrong picture.
      this.#stop?.();
      this.#subscribe();
      return;
    }
    this.#seq = batch.seq;
    const now = Date.now();
    if (batch.reset) for (const id of this.motions.keys()) if (!this.tracks.has(id)) this.motions.delete(id);
    for (const t of batch.upserts) this.motions.set(t.id, nextMotion(this.motions.get(t.id), t, now));
    for (const id of batch.removals) this.motions.delete(id);
    this.lastBatchAt = now;
    this.#dirty = true;
  }
}
