import { describe, expect, it } from 'vitest';
import type { Track } from '@tessera/schema';
import { groupIntoBatches } from './batches.ts';

const track = (id: string, originator: string, lat: number) =>
  ({ id, label: { originator }, position: { lat } }) as unknown as Track;

describe('groupIntoBatches', () => {
  it('makes one batch per nation with the latest state of each track', () => {
    const batches = groupIntoBatches([
      { type: 'report', atS: 1, track: track('POL-a', 'POL', 1) },
      { type: 'report', atS: 2, track: track('UKR-b', 'UKR', 1) },
      { type: 'report', atS: 3, track: track('POL-a', 'POL', 2) },
    ]);
    expect([...batches.keys()].sort()).toEqual(['POL', 'UKR']);
    expect(batches.get('POL')!.upserts.map((t) => t.position.lat)).toEqual([2]);
  });

  it('lets the later of a report and a removal of one track win', () => {
    const batches = groupIntoBatches([
      { type: 'report', atS: 1, track: track('POL-a', 'POL', 1) },
      { type: 'removal', atS: 2, nation: 'POL', removal: { id: 'POL-a', reason: 'LOST' } },
      { type: 'removal', atS: 3, nation: 'POL', removal: { id: 'POL-b', reason: 'LOST' } },
      { type: 'report', atS: 4, track: track('POL-b', 'POL', 1) },
    ]);
    expect(batches.get('POL')!.upserts.map((t) => t.id)).toEqual(['POL-b']);
    expect(batches.get('POL')!.removals).toEqual([{ id: 'POL-a', reason: 'LOST' }]);
  });
});
