import { describe, expect, it } from 'vitest';
import type { RestrictedEntry, SpectrumAssignment, User } from '@tessera/schema';
import { label } from '@tessera/service-kit/fixtures';
import { assignment, restrictedEntry } from '../../test/fixtures.ts';
import type { Change } from '../picture/track-picture.ts';
import { isListed, releaseAssignment, releaseRestricted, withheldIdOf } from './access-spectrum.ts';
import { createShownView, spectrumUpdates, type SpectrumBatch } from './spectrum-stream.ts';

/**
 * One subscriber's spectrumUpdates: what it may see first, then changes; an assignment that stops
 * being releasable is removed, a removal only ever names what the subscriber was shown and as it
 * was shown (a withheld entry by its opaque id, never the key that names its owner).
 */
const pol: User = { username: 'pol', displayName: 'pol', nation: 'POL', roles: ['LIAISON'], clearance: 'SECRET' };
const withheldId = withheldIdOf('k');
const key = (x: { nation: string; id: string }) => `${x.nation}/${x.id}`;

function fakeHub<T extends { id: string; nation: string }>(items: T[]) {
  const byKey = new Map(items.map((i) => [key(i), i]));
  const listeners = new Set<(c: Change<T>) => void>();
  return {
    all: () => byKey.values(),
    subscribe(l: (c: Change<T>) => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    emit(change: Change<T>) {
      for (const k of change.removals) byKey.delete(k);
      for (const u of change.upserts) byKey.set(key(u), u);
      for (const l of listeners) l(change);
    },
  };
}

const sharedRadio = assignment('UKR', 'ukr-radio', { label: label('UKR', ['POL'], 'CONFIDENTIAL') });
const nationalRadar = assignment('UKR', 'ukr-radar', { use: 'RADAR', label: label('UKR', [], 'SECRET') });
const guarded = restrictedEntry('UKR', 'ukr-sigint', { label: label('UKR', [], 'SECRET') });
const l1 = restrictedEntry('NAT', 'taboo-gnss-l1', {
  kind: 'TABOO',
  label: label('NAT', ['POL', 'UKR'], 'UNCLASSIFIED'),
});

function subscribe(assignments: SpectrumAssignment[], entries: RestrictedEntry[], now = () => Date.now()) {
  const a = fakeHub(assignments);
  const r = fakeHub(entries);
  const stream = spectrumUpdates({
    assignments: a,
    restricted: r,
    releaseAssignment: (x) => releaseAssignment(pol, x, () => undefined),
    releaseRestricted: (e) => (isListed(e) ? releaseRestricted(pol, e, withheldId, now()) : null),
    clock: { now },
  });
  const it = stream[Symbol.asyncIterator]();
  return { a, r, next: async () => (await it.next()).value as SpectrumBatch, stop: () => it.return?.() };
}

describe('spectrumUpdates', () => {
  it('first what the subscriber may see: never a withheld assignment; every band, withheld ones under an opaque id', async () => {
    const s = subscribe([sharedRadio, nationalRadar], [guarded, l1]);
    const first = await s.next();
    expect(first).toMatchObject({ seq: 1, reset: true, assignmentRemovals: [], restrictedRemovals: [] });
    expect(first.assignments.map((x) => x.id)).toEqual(['ukr-radio']);
    expect(first.restricted.map((x) => [x.id, x.withheld])).toEqual([
      [withheldId(guarded), true],
      ['NAT/taboo-gnss-l1', false],
    ]);
    expect(JSON.stringify(first)).not.toMatch(/ukr-radar|ukr-sigint|UKR exploits/);
    await s.stop();
  });

  it('removes what stops being releasable, by the id it was shown under, and never what was not shown', async () => {
    const s = subscribe([sharedRadio, nationalRadar], [guarded, l1]);
    await s.next();
    s.a.emit({ upserts: [{ ...sharedRadio, label: label('UKR', [], 'CONFIDENTIAL') }], removals: ['UKR/ukr-radar'] });
    expect(await s.next()).toMatchObject({
      seq: 2,
      reset: false,
      assignments: [],
      assignmentRemovals: ['UKR/ukr-radio'],
    });
    // The coalition's band made national: its id as shown goes, the opaque one comes.
    s.r.emit({ upserts: [{ ...l1, label: label('NAT', [], 'UNCLASSIFIED') }], removals: [] });
    const relabelled = await s.next();
    expect(relabelled.restrictedRemovals).toEqual(['NAT/taboo-gnss-l1']);
    expect(relabelled.restricted).toMatchObject([{ id: withheldId(l1), withheld: true, nation: null }]);
    // A withheld entry removed (or marked removed) goes by its opaque id, never by the key that names its owner.
    s.r.emit({ upserts: [{ ...guarded, removed: true } as RestrictedEntry], removals: [] });
    const removed = await s.next();
    expect(removed.restrictedRemovals).toEqual([withheldId(guarded)]);
    expect(JSON.stringify(removed)).not.toMatch(/UKR|ukr-sigint/);
    await s.stop();
  });

  it('sends a band again when its waiver ends (waived is then false)', async () => {
    const waived = { ...l1, waiver: { by: 'NAT', reason: 'trial', validTo: new Date(Date.now() + 150).toISOString() } };
    const s = subscribe([], [waived]);
    expect((await s.next()).restricted[0]).toMatchObject({ id: 'NAT/taboo-gnss-l1', waived: true });
    expect((await s.next()).restricted[0]).toMatchObject({ id: 'NAT/taboo-gnss-l1', waived: false });
    await s.stop();
  });
});

describe('a shown view', () => {
  it('renames: an item shown under a new id removes its old one, in the same change', () => {
    const view = createShownView(
      (x: { id: string; v: number }) => ({ id: `${x.id}-${x.v}` }),
      (x) => x.id,
      (r) => r.id,
    );
    expect(view.snapshot([{ id: 'a', v: 1 }])).toEqual({ upserts: [{ id: 'a-1' }], removals: [] });
    expect(view.filter({ upserts: [{ id: 'a', v: 2 }], removals: [] })).toEqual({
      upserts: [{ id: 'a-2' }],
      removals: ['a-1'],
    });
    expect(view.filter({ upserts: [], removals: ['b'] })).toBeNull();
    expect(view.filter({ upserts: [], removals: ['a'] })).toEqual({ upserts: [], removals: ['a-2'] });
  });
});
