import type { KeyedHub } from './keyed-hub.ts';
import type { Change } from './track-picture.ts';

type Feed<T extends { id: string }> = Pick<KeyedHub<T>, 'all' | 'subscribe'>;

/** Another hub an item's release depends on, and which items a change there concerns. */
export interface Dependency<T extends { id: string }, D extends { id: string } = { id: string }> {
  hub: Pick<KeyedHub<D>, 'subscribe'>;
  /** The items whose release may differ after this change. */
  affected(change: Change<D>): Iterable<T>;
}

/** A dependency, typed by its hub. */
export const dependency = <T extends { id: string }, D extends { id: string }>(
  hub: Pick<KeyedHub<D>, 'subscribe'>,
  affected: (change: Change<D>) => Iterable<T>,
): Dependency<T> => ({ hub, affected }) as unknown as Dependency<T>;

/**
 * A hub's feed whose items are released with the help of other hubs (a proposal with its conflict,
 * a conflict with its reservations' current labels): a change in a dependency re-sends the items it
 * concerns, as upserts, so each subscriber's released view decides again (an item that became
 * releasable arrives, one that stopped is removed). Without this, a proposal mirrored before its
 * conflict would never reach a party.
 */
export function withDependencies<T extends { id: string }>(
  primary: Feed<T>,
  dependencies: readonly Dependency<T>[],
): Feed<T> {
  return {
    all: () => primary.all(),
    subscribe(listener) {
      const unsubscribe = [
        primary.subscribe(listener),
        ...dependencies.map((d) =>
          d.hub.subscribe((change) => {
            const upserts = [...d.affected(change)];
            if (upserts.length) listener({ upserts, removals: [] });
          }),
        ),
      ];
      return () => unsubscribe.forEach((u) => u());
    },
  };
}
