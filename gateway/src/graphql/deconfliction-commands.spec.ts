import { describe, expect, it } from 'vitest';
import { DeconflictionCommand, type User } from '@tessera/schema';
import { T0, iso } from '@tessera/service-kit/fixtures';
import type { ReservationInput } from '../generated/resolvers.ts';
import {
  createReservationCommand,
  editReservationCommand,
  endReservationCommand,
  newReservationId,
  proposeCommand,
  reservationDraft,
  respondCommand,
} from './deconfliction-commands.ts';

const liaison: User & { nation: string } = {
  username: 'pol-liaison',
  displayName: 'POL liaison',
  nation: 'POL',
  roles: ['LIAISON'],
  clearance: 'CONFIDENTIAL',
};
const by = { username: 'pol-liaison', nation: 'POL', roles: ['LIAISON'] };

const input = (over: Partial<ReservationInput> = {}): ReservationInput => ({
  name: ' ROZ ALPHA ',
  kind: 'ROZ',
  outline: [
    { lat: 50, lon: 23 },
    { lat: 50.2, lon: 23 },
    { lat: 50.2, lon: 23.2 },
  ],
  floorM: 0,
  ceilingM: 3000,
  validFrom: iso(T0),
  validTo: iso(T0 + 3_600_000),
  classification: 'CONFIDENTIAL',
  releasableTo: ['UKR', 'POL', 'UKR'],
  ...over,
});

describe('airspace commands a liaison gives the deconfliction service', () => {
  it('name the person as authenticated, label the draft for their nation, and satisfy the contract', () => {
    const draft = reservationDraft(liaison, input());
    expect(draft).toMatchObject({
      name: 'ROZ ALPHA',
      label: { policy: 'NATO', classification: 'CONFIDENTIAL', originator: 'POL', releasableTo: ['UKR'] },
    });
    const id = newReservationId('TRANSIT_CORRIDOR');
    expect(id).toMatch(/^transit-corridor-[0-9a-f-]{36}$/);
    const commands = [
      createReservationCommand(liaison, id, draft),
      editReservationCommand(
        liaison,
        { nation: 'POL', id, version: 2 },
        reservationDraft(liaison, input({ outline: null, circle: { lat: 50, lon: 23, radiusM: 5000 } })),
      ),
      endReservationCommand(liaison, { nation: 'POL', id, version: 3 }),
      proposeCommand(liaison, {
        conflictId: 'c-1',
        kind: 'CHANGE',
        rationale: ' lift ',
        basedOn: [{ nation: 'POL', id, version: 3 }],
        changes: [{ nation: 'POL', id, action: 'MODIFY', floorM: 3500, ceilingM: 4000 }],
      }),
      proposeCommand(liaison, {
        conflictId: 'c-1',
        kind: 'ACCEPT_RISK',
        rationale: 'brief overlap',
        basedOn: [{ nation: 'POL', id, version: 3 }],
        counterTo: 'p-1',
      }),
      respondCommand(liaison, 'p-1', 'ACCEPT', ' fine ', [{ nation: 'POL', id, version: 3 }]),
    ];
    for (const c of commands) {
      expect(DeconflictionCommand.safeParse(c).success, c.type).toBe(true);
      expect(c.by).toEqual(by);
    }
    expect(new Set(commands.map((c) => c.commandId)).size).toBe(commands.length);
    expect(commands[3]).toMatchObject({
      rationale: 'lift',
      changes: [{ reservation: { nation: 'POL', id }, action: 'MODIFY', floorM: 3500, ceilingM: 4000 }],
      counterTo: null,
    });
    expect(commands[5]).toMatchObject({ reason: 'fine', response: 'ACCEPT' });
  });

  it.each([
    ['no footprint', input({ outline: null }), /outline .* or a circle/],
    ['both footprints', input({ circle: { lat: 50, lon: 23, radiusM: 1 } }), /not both/],
    ['a sector', input({ kind: 'SECTOR' }), /Sectors are reference data/],
    ['floor above ceiling', input({ floorM: 3000, ceilingM: 1000 }), /floor must be below/],
    ['time backwards', input({ validTo: iso(T0 - 1) }), /validFrom must be before/],
    [
      'two points',
      input({
        outline: [
          { lat: 50, lon: 23 },
          { lat: 50.2, lon: 23 },
        ],
      }),
      /Not a valid request: outline/,
    ],
    ['a nation that is no code', input({ releasableTo: ['Ukraine'] }), /Not a valid request: label.releasableTo/],
    [
      'a bow tie',
      input({
        outline: [
          { lat: 50, lon: 23 },
          { lat: 50.2, lon: 23.2 },
          { lat: 50.2, lon: 23 },
          { lat: 50, lon: 23.2 },
        ],
      }),
      /Not a valid request: outline: the outline's edges 1 and 3 cross or touch/,
    ],
  ])('refuse %s as BAD_USER_INPUT before anything is sent', (_what, bad, message) => {
    expect(() => createReservationCommand(liaison, 'roz-1', reservationDraft(liaison, bad))).toThrow(message);
  });

  it('refuse proposals malformed on their face', () => {
    const base = { conflictId: 'c-1', rationale: 'why', basedOn: [{ nation: 'POL', id: 'roz-1', version: 1 }] };
    expect(() => proposeCommand(liaison, { ...base, kind: 'CHANGE' })).toThrow(/at least one change/);
    expect(() =>
      proposeCommand(liaison, {
        ...base,
        kind: 'ACCEPT_RISK',
        changes: [{ nation: 'POL', id: 'roz-1', action: 'END' }],
      }),
    ).toThrow(/changes no reservation/);
    expect(() =>
      proposeCommand(liaison, {
        ...base,
        kind: 'CHANGE',
        changes: [{ nation: 'POL', id: 'roz-1', action: 'END', floorM: 10 }],
      }),
    ).toThrow(/changes nothing else/);
    expect(() =>
      proposeCommand(liaison, { ...base, kind: 'CHANGE', changes: [{ nation: 'POL', id: 'roz-1', action: 'MODIFY' }] }),
    ).toThrow(/changes nothing/);
    expect(() =>
      proposeCommand(liaison, {
        ...base,
        kind: 'CHANGE',
        rationale: '  ',
        changes: [{ nation: 'POL', id: 'roz-1', action: 'END' }],
      }),
    ).toThrow(/Give a rationale/);
    expect(() => proposeCommand(liaison, { ...base, basedOn: [], kind: 'ACCEPT_RISK' })).toThrow(
      /Not a valid request: basedOn/,
    );
  });
});
