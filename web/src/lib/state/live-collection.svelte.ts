import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { LinkStatus, SignedInApi } from '../api/client.ts';
import { applyBatch, type Batch } from '../view/picture.ts';

/** A subscription reduced to its batches: start it with handlers, call the result to stop it. */
export type Feed<B> = (handlers: { next(batch: B): void; status(status: LinkStatus): void }) => () => void;

/** The batches of one of the gateway's batch-streamed subscriptions (trackUpdates, alertUpdates, ...). */
export function feed<D, B>(
  api: SignedInApi,
  document: TypedDocumentNode<D, Record<string, never>>,
  select: (data: D) => B,
): Feed<B> {
  return (handlers) =>
    api.subscribe(document, { next: (data) => handlers.next(select(data)), status: handlers.status });
}

export interface LiveCollectionOptions<T, B> {
  /** The key items are stored under and removals name (default: the item's id). */
  keyOf?: (item: T) => string;
  /** Components see changes at most this often (ms); 0 (default): at once. */
  publishEveryMs?: number;
  /** After each batch is applied (the first of every subscription is a snapshot, `reset`). */
  onApplied?: (batch: B) => void;
  onStatus?: (status: LinkStatus) => void;
}

/**
 * One collection of live, batch-streamed data (snapshot, then deltas numbered by `seq`): the one
 * place that checks the sequence, applies batches and starts over with a fresh snapshot after a gap,
 * rather than show a wrong picture.
 *
 * Two views of the same items: `items`, a plain map kept current batch by batch for readers that
 * poll (the globe, once a frame, never through Svelte), and `current`, an immutable copy that
 * components read reactively, republished at most every `publishEveryMs` when something changed.
 */
export class LiveCollection<T extends { id: string }, B extends Batch<T> = Batch<T>> {
  readonly items = new Map<string, T>();
  current = $state.raw<ReadonlyMap<string, T>>(new Map());
  #feed: Feed<B>;
  #options: LiveCollectionOptions<T, B>;
  #seq = 0;
  #stop: (() => void) | undefined;
  #lastPublished = 0;
  #publishTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(feed: Feed<B>, options: LiveCollectionOptions<T, B> = {}) {
    this.#feed = feed;
    this.#options = options;
  }

  start(): void {
    this.#seq = 0;
    this.#stop = this.#feed({ next: (batch) => this.#apply(batch), status: (s) => this.#options.onStatus?.(s) });
  }

  stop(): void {
    this.#stop?.();
    this.#stop = undefined;
    clearTimeout(this.#publishTimer);
    this.#publishTimer = undefined;
  }

  /** An item as a mutation returned it (an acknowledgement, a decision): shown at once. */
  upsert(item: T): void {
    this.items.set(this.#key(item), item);
    this.#publish();
  }

  #key(item: T): string {
    return this.#options.keyOf ? this.#options.keyOf(item) : item.id;
  }

  #apply(batch: B): void {
    const result = applyBatch(this.items, this.#seq, batch, (item) => this.#key(item));
    if (!result.ok) {
      // Lost batches: a new subscription starts with a fresh snapshot.
      this.stop();
      this.start();
      return;
    }
    this.#seq = batch.seq;
    this.#options.onApplied?.(batch);
    this.#schedule();
  }

  /** Publishes now, or as soon as `publishEveryMs` has passed since the last time. */
  #schedule(): void {
    const every = this.#options.publishEveryMs ?? 0;
    if (this.#publishTimer !== undefined) return;
    const wait = this.#lastPublished + every - Date.now();
    if (every === 0 || wait <= 0) return this.#publish();
    this.#publishTimer = setTimeout(() => this.#publish(), wait);
  }

  #publish(): void {
    clearTimeout(this.#publishTimer);
    this.#publishTimer = undefined;
    this.#lastPublished = Date.now();
    this.current = new Map(this.items);
  }
}
