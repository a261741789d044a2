import { describe, expect, it } from 'vitest';
import { createKeyedHub } from './keyed-hub.ts';

type Item = { id: string; critical: boolean };

describe('a keyed hub', () => {
  it('holds ordinary changes for the batch interval and hands an urgent one over at once, flagged', () => {
    const hub = createKeyedHub<Item>({
      keyOf: (i) => i.id,
      clock: { now: () => 0 },
      batchIntervalMs: 60_000, // never flushes by itself during this test
      urgent: (i) => i.critical,
    });
    const got: { ids: string[]; urgent: boolean | undefined }[] = [];
    hub.subscribe((change, urgent) => got.push({ ids: change.upserts.map((i) => i.id), urgent }));
    hub.start();
    try {
      hub.ingest({ upserts: [{ id: 'a', critical: false }], removals: [] });
      expect(got).toEqual([]);
      hub.ingest({ upserts: [{ id: 'b', critical: true }], removals: [] });
      // The urgent change carries what was waiting with it: one batch, latest state of each.
      expect(got).toEqual([{ ids: ['a', 'b'], urgent: true }]);
    } finally {
      hub.stop();
    }
  });
});
