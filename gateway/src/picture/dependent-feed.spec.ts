import { describe, expect, it } from 'vitest';
import { withDependencies, dependency } from './dependent-feed.ts';
import { createReleasedView } from './subscriber-view.ts';
import type { Change } from './track-picture.ts';

/** A hub that hands each change to its listeners at once (the real one coalesces on a timer). */
function hub<T extends { id: string }>() {
  const items = new Map<string, T>();
  const listeners = new Set<(c: Change<T>) => void>();
  return {
    items,
    all: () => items.values(),
    subscribe(l: (c: Change<T>) => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    put(item: T) {
      items.set(item.id, item);
      for (const l of listeners) l({ upserts: [item], removals: [] });
    },
    remove(id: string) {
      items.delete(id);
      for (const l of listeners) l({ upserts: [], removals: [id] });
    },
  };
}

describe('a feed released with the help of another hub', () => {
  it('re-sends the items a dependency change concerns, so a subscriber decides again', () => {
    const conflicts = hub<{ id: string; parties: string[] }>();
    const proposals = hub<{ id: string; conflictId: string }>();
    const feed = withDependencies(proposals, [
      dependency(conflicts, (change) =>
        [...proposals.items.values()].filter((p) =>
          [...change.upserts.map((c) => c.id), ...change.removals].includes(p.conflictId),
        ),
      ),
    ]);
    // POL sees a proposal when POL is a party to its conflict.
    const view = createReleasedView(
      (p: { id: string; conflictId: string }) =>
        conflicts.items.get(p.conflictId)?.parties.includes('POL') ? p : null,
      (p) => p.id,
    );
    const received: Change<{ id: string }>[] = [];
    const unsubscribe = feed.subscribe((change) => {
      const out = view.filter(change);
      if (out) received.push(out);
    });

    // The proposal is mirrored before its conflict: nothing yet, then it arrives with the conflict.
    proposals.put({ id: 'p-1', conflictId: 'c-1' });
    expect(received).toEqual([]);
    conflicts.put({ id: 'c-1', parties: ['POL', 'UKR'] });
    expect(received).toEqual([{ upserts: [{ id: 'p-1', conflictId: 'c-1' }], removals: [] }]);
    // Its conflict gone: the proposal leaves the picture. Another conflict's change concerns it not.
    conflicts.put({ id: 'c-2', parties: ['POL', 'LTU'] });
    conflicts.remove('c-1');
    expect(received.at(-1)).toEqual({ upserts: [], removals: ['p-1'] });
    expect(received).toHaveLength(2);

    unsubscribe();
    conflicts.put({ id: 'c-1', parties: ['POL', 'UKR'] });
    expect(received).toHaveLength(2);
  });
});
