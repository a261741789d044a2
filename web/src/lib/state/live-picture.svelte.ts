import {
  TrackUpdatesDocument,
  type TrackFieldsFragment,
  type TrackUpdatesSubscription,
} from '@tessera/schema/operations';
import type { LinkStatus, SignedInApi } from '../api/client.ts';
import { nextMotion, type Motion } from '../view/motion.ts';
import { feed, LiveCollection, type Feed } from './live-collection.svelte.ts';

export type Track = TrackFieldsFragment;
type TrackBatch = TrackUpdatesSubscription['trackUpdates'];

/**
 * The live track picture of the signed-in user. Tracks and their motion live in plain maps that the
 * globe reads every frame; components read `tracks.current` (republished at most twice a second),
 * the connection status and the time of the last batch.
 */
export class LivePicture {
  static readonly LIST_INTERVAL_MS = 500;

  readonly tracks: LiveCollection<Track, TrackBatch>;
  readonly motions = new Map<string, Motion>();
  status = $state<LinkStatus>({ state: 'connecting' });
  lastBatchAt = $state<number | null>(null);
  /** Smoothed delay between the gateway sending a batch and this page applying it, ms. */
  lagMs = 0;
  /**
   * Ids of tracks added, updated or removed since the globe last took them (a large picture is drawn
   * by what changed, not whole every frame). Holds each id once: at most the picture's size.
   */
  readonly changed = new Set<string>();
  /** Main-thread time spent applying batches so far, ms (for the globe's frame statistics). */
  applyMs = 0;

  constructor(api: SignedInApi, onStatus: (status: LinkStatus) => void = () => undefined) {
    const updates = feed(api, TrackUpdatesDocument, (d) => d.trackUpdates);
    const timed: Feed<TrackBatch> = (handlers) =>
      updates({
        next: (batch) => {
          const start = performance.now();
          handlers.next(batch);
          this.applyMs += performance.now() - start;
        },
        status: handlers.status,
      });
    this.tracks = new LiveCollection(timed, {
      publishEveryMs: LivePicture.LIST_INTERVAL_MS,
      onApplied: (batch) => this.#moved(batch),
      onStatus: (s) => {
        this.status = s;
        onStatus(s);
      },
    });
  }

  start(): void {
    this.tracks.start();
  }

  stop(): void {
    this.tracks.stop();
  }

  #moved(batch: TrackBatch): void {
    const now = Date.now();
    this.lagMs = 0.8 * this.lagMs + 0.2 * Math.max(0, now - Date.parse(batch.sentAt));
    if (batch.reset)
      for (const id of this.motions.keys())
        if (!this.tracks.items.has(id)) {
          this.motions.delete(id);
          this.changed.add(id);
        }
    for (const t of batch.upserts) {
      this.motions.set(t.id, nextMotion(this.motions.get(t.id), t, now));
      this.changed.add(t.id);
    }
    for (const id of batch.removals) {
      this.motions.delete(id);
      this.changed.add(id);
    }
    this.lastBatchAt = now;
  }
}
