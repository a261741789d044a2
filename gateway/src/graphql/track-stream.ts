import { Repeater } from 'graphql-yoga';
import type { ReleasedTrack, User } from '@tessera/schema';
import type { Clock } from '@tessera/service-kit';
import type { ResolversTypes } from '../generated/resolvers.ts';
import type { TrackHub } from '../picture/track-hub.ts';
import { createSubscriberView } from '../picture/subscriber-view.ts';
import { createChangeAccumulator } from '../picture/track-picture.ts';
import { viewerOf } from './access.ts';

type TrackBatch = Awaited<ResolversTypes['TrackBatch']>;
export type TrackUpdatesPayload = { trackUpdates: TrackBatch };
type Payload = TrackUpdatesPayload;

/**
 * One subscriber's track stream: the releasable picture first (reset), then filtered, coalesced
 * changes. A slow consumer never builds a queue: while a batch is in flight, changes merge into the
 * next one, so it always catches up with the latest state. `seq` counts batches of this stream.
 */
export function trackUpdates(user: User, hub: TrackHub, clock: Clock): Repeater<Payload> {
  return new Repeater<Payload>(async (push, stop) => {
    const view = createSubscriberView(viewerOf(user));
    const pending = createChangeAccumulator<ReleasedTrack>();
    let seq = 0;
    let inFlight = false;
    let stopped = false;

    const send = (batch: Omit<TrackBatch, 'seq' | 'sentAt'>) => {
      inFlight = true;
      push({ trackUpdates: { ...batch, seq: ++seq, sentAt: new Date(clock.now()).toISOString() } }).then(
        () => {
          inFlight = false;
          drain();
        },
        () => undefined,
      );
    };
    const drain = () => {
      if (inFlight || stopped) return;
      const change = pending.take();
      if (change) send({ reset: false, ...change });
    };

    send({ reset: true, ...view.snapshot(hub.tracks()) });
    const unsubscribe = hub.subscribe((change) => {
      const visible = view.filter(change);
      if (!visible) return;
      pending.add(visible);
      drain();
    });
    await stop;
    stopped = true;
    unsubscribe();
  });
}
