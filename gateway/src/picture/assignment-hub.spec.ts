import { describe, expect, it } from 'vitest';
import type { AirspaceVolume } from '@tessera/schema';
import { assignment, reservation } from '../../test/fixtures.ts';
import { createAssignmentHub } from './assignment-hub.ts';

/** The gateway's assignments and the engine's index over them: in step with every change, tied ones where they fly. */
describe('the assignment hub', () => {
  const reservations = new Map<string, AirspaceVolume>();
  const hub = () =>
    createAssignmentHub({
      clock: { now: () => 0 },
      batchIntervalMs: 10,
      reservationOf: (nation, id) => reservations.get(`${nation}/${id}`),
    });

  it('keeps the index in step with what it ingests', () => {
    const h = hub();
    const a = assignment('POL', 'a');
    const b = assignment('UKR', 'b', { lowMHz: 300, highMHz: 310, tunable: undefined });
    h.ingest({ upserts: [a, b], removals: [] });
    expect(h.index.size).toBe(2);
    h.ingest({ upserts: [{ ...a, lowMHz: 2401, version: 2 }], removals: ['UKR/b'] });
    expect(h.index.size).toBe(1);
    expect(h.index.get('POL', 'a')).toMatchObject({ lowMHz: 2401, version: 2 });
    expect(h.get('POL/a')).toMatchObject({ version: 2 });
  });

  it('places a tied assignment in its reservation (as the service judges it), the hub keeping it as stored', () => {
    const roz = reservation('POL', 'roz-1', {
      circle: { center: { lat: 51, lon: 24 }, radiusM: 8000 },
      outline: undefined,
    });
    reservations.set('POL/roz-1', roz);
    const h = hub();
    const tied = assignment('POL', 'drones', { tiedReservation: { nation: 'POL', id: 'roz-1' } });
    h.ingest({ upserts: [tied], removals: [] });
    expect(h.index.get('POL', 'drones')!.location).toEqual({
      kind: 'AREA',
      area: { circle: roz.circle },
      antennaHeightM: tied.location.antennaHeightM,
    });
    expect(h.get('POL/drones')!.location).toEqual(tied.location);
    // The reservation ends: the assignment is where it says it is again.
    reservations.set('POL/roz-1', { ...roz, state: 'ENDED' });
    h.reservationsChanged({ upserts: [{ ...roz, state: 'ENDED' }], removals: [] });
    expect(h.index.get('POL', 'drones')!.location).toEqual(tied.location);
  });
});
