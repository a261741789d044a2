import { describe, expect, it } from 'vitest';
import { createSubscriberView } from './subscriber-view.ts';
import { makeTrack } from './test-tracks.ts';

const polOnly = makeTrack('POL-pol-only', { originator: 'POL' });
const shared = makeTrack('POL-shared', { originator: 'POL', releasableTo: ['UKR'] });
const secret = makeTrack('UKR-secret', { originator: 'UKR', classification: 'SECRET' });

describe('subscriber view', () => {
  it('sends a UKR viewer only what is releasable to UKR at its clearance', () => {
    const view = createSubscriberView({ nation: 'UKR', clearance: 'CONFIDENTIAL' });
    expect(view.snapshot([polOnly, shared, secret]).upserts.map((t) => t.id)).toEqual(['POL-shared']);
    expect(view.filter({ upserts: [polOnly], removals: [] })).toBeNull();
  });

  it('never sends a removal for a track the viewer was not shown (ids leak too)', () => {
    const view = createSubscriberView({ nation: 'UKR', clearance: 'SECRET' });
    view.snapshot([shared]);
    expect(view.filter({ upserts: [], removals: ['POL-pol-only', 'POL-shared'] })).toEqual({
      upserts: [],
      removals: ['POL-shared'],
    });
    expect(view.filter({ upserts: [], removals: ['POL-shared'] })).toBeNull();
  });

  it('removes a track from the picture when its label stops releasing it', () => {
    const view = createSubscriberView({ nation: 'UKR', clearance: 'SECRET' });
    view.snapshot([shared]);
    const withdrawn = { ...shared, label: { ...shared.label, releasableTo: [] } };
    expect(view.filter({ upserts: [withdrawn], removals: [] })).toEqual({ upserts: [], removals: ['POL-shared'] });
    const { fieldLabels: _none, ...sent } = shared;
    expect(view.filter({ upserts: [shared], removals: [] })!.upserts).toEqual([{ ...sent, redacted: [] }]);
  });
});
