import { subjects } from '@tessera/schema';
import {
  parseTrackBatch,
  subscribeParsed,
  type Logger,
  type NatsConnection,
  type Rejector,
} from '@tessera/service-kit';
import type { TrackHub } from '../picture/track-hub.ts';

export interface TrackFeed {
  stop(): void;
  stats(): { batches: number; gaps: number };
}

/**
 * Subscribes to every nation's track batches, validates each (parseTrackBatch: the contract, and a
 * nation touches only its own tracks, on its own subject) and feeds the hub. A malformed or foreign
 * message is rejected (counted, logged, dead-lettered) as a whole and never reaches anyone.
 */
export function startTrackFeed(deps: {
  nc: NatsConnection;
  hub: TrackHub;
  rejector: Rejector;
  logger: Logger;
}): TrackFeed {
  const lastSeq = new Map<string, number>();
  let batches = 0;
  let gaps = 0;
  const sub = subscribeParsed({
    nc: deps.nc,
    subject: subjects.allTrackBatches,
    parse: parseTrackBatch,
    rejector: deps.rejector,
    logger: deps.logger,
    what: 'track batch',
    handle: (batch) => {
      const source = `${batch.source.nation}/${batch.source.system}`;
      const previous = lastSeq.get(source);
      if (previous !== undefined && batch.seq !== previous + 1 && batch.seq !== 1) {
        gaps++;
        deps.logger.warn({ source, expected: previous + 1, got: batch.seq }, 'gap in track batches');
      }
      lastSeq.set(source, batch.seq);
      batches++;
      deps.hub.ingest(batch);
    },
  });
  return {
    stop: () => sub.unsubscribe(),
    stats: () => ({ batches, gaps }),
  };
}
