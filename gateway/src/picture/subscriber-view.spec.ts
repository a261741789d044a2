import { describe, expect, it } from 'vitest';
import { createSubscriberView } from './subscriber-view.ts';
import { makeTrack } from './test-tracks.ts';

const polOnly = makeTrack('pol-only', { originator: 'POL' });
const shared = makeTrack('shared', { originator: 'POL', releasableTo: ['UKR'] });
const secret = makeTrack('secret', { originator: 'UKR', classification: 'SECRET' });

describe('subscriber view', () => {
  it('sends a UKR viewer only what is releasable to UKR at its clearance', () => {
    const view = createSubscriberView({ nation: 'UKR', clearance: 'CONFIDENTIAL' });
    expect(view.snapshot([polOnly, shared, secret]).upserts.map((t) => t.id)).toEqual(['shared']);
    expect(view.filter({ upserts: [polOnly], removals: [] })).toBeNull();
  });

  it('never sends a removal for a track the viewer was not shown (ids leak too)', () => {
    const view = createSubscriberView({ nation: 'UKR', clearance: 'SECRET' });
    view.snapshot([shared]);
    expect(view.filter({ upserts: [], removals: ['pol-only', 'shared'] })).toEqual({ upserts: [], removals: ['shared'] });
    expect(view.filter({ upserts: [], removals: ['shared'] })).toBeNull();
  });

  it('removes a track from the picture when its label stops releasing it', () => {
    const view = createSubscriberView({ nation: 'UKR', clearance: 'SECRET' });
    view.snapshot([shared]);
    const withdrawn = { ...shared, label: { ...shared.label, releasableTo: [] } };
    expect(view.filter({ upserts: [withdrawn], removals: [] })).toEqual({ upserts: [], removals: ['shared'] });
    const { fieldLabels: _none, ...sent } = shared;
    expect(view.filter({ upserts: [shared], removals: [] })!.upserts).toEqual([{ ...sent, redacted: [] }]);
  });
});
