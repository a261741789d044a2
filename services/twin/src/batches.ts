import type { Track, TrackBatch, TrackRemoval } from '@tessera/schema';
import type { TwinEvent } from './domain/simulation.ts';

/**
 * Group a tick's events into one batch per originating nation, keeping only each track's latest
 * state: a track reported then removed in the same tick is a removal, and vice versa.
 */
export function groupIntoBatches(
  events: readonly TwinEvent[],
): Map<string, { upserts: Track[]; removals: TrackRemoval[] }> {
  const byNation = new Map<string, { upserts: Map<string, Track>; removals: Map<string, TrackRemoval> }>();
  for (const e of events) {
    const nation = e.type === 'report' ? e.track.label.originator : e.nation;
    let group = byNation.get(nation);
    if (!group) byNation.set(nation, (group = { upserts: new Map(), removals: new Map() }));
    if (e.type === 'report') {
      group.removals.delete(e.track.id);
      group.upserts.set(e.track.id, e.track);
    } else {
      group.upserts.delete(e.removal.id);
      group.removals.set(e.removal.id, e.removal);
    }
  }
  return new Map(
    [...byNation].map(([n, g]) => [n, { upserts: [...g.upserts.values()], removals: [...g.removals.values()] }]),
  );
}

export function fusionSystem(nation: string): TrackBatch['source'] {
  return { nation, system: `${nation}-FUSION` };
}
