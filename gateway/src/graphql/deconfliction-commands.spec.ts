import { describe, expect, it } from 'vitest';
import { DeconflictionCommand, type User } from '@tessera/schema';
import { T0, iso } from '@tessera/service-kit/fixtures';
import type { AssignmentInput, ProposalInput, ReservationInput } from '../generated/resolvers.ts';
import {
  assignmentDraft,
  createAssignmentCommand,
  createReservationCommand,
  editAssignmentCommand,
  editReservationCommand,
  endAssignmentCommand,
  endReservationCommand,
  newAssignmentId,
  newReservationId,
  proposeCommand,
  removeRestrictedCommand,
  reservationDraft,
  respondCommand,
  restrictedDraft,
  setRestrictedCommand,
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

const assignmentInput = (over: Partial<AssignmentInput> = {}): AssignmentInput => ({
  system: ' Drone link 1 ',
  use: 'DATALINK',
  lowMHz: 2400,
  highMHz: 2410,
  eirpDbm: 30,
  thresholdDbm: -90,
  tunableLowMHz: 2400,
  tunableHighMHz: 2480,
  location: { point: { lat: 50, lon: 23 }, antennaHeightM: 50 },
  validFrom: iso(T0),
  validTo: iso(T0 + 3_600_000),
  priority: 7,
  classification: 'CONFIDENTIAL',
  releasableTo: ['UKR', 'POL'],
  tiedReservationId: 'roz-1',
  ...over,
});

describe('spectrum commands a liaison gives the deconfliction service', () => {
  it('label the draft for their nation, tie it to a reservation of theirs, and satisfy the contract', () => {
    const draft = assignmentDraft(liaison, assignmentInput());
    expect(draft).toEqual({
      system: 'Drone link 1',
      use: 'DATALINK',
      lowMHz: 2400,
      highMHz: 2410,
      eirpDbm: 30,
      thresholdDbm: -90,
      tunable: { lowMHz: 2400, highMHz: 2480 },
      location: { kind: 'POINT', point: { lat: 50, lon: 23 }, antennaHeightM: 50 },
      validFrom: iso(T0),
      validTo: iso(T0 + 3_600_000),
      priority: 7,
      label: { policy: 'NATO', classification: 'CONFIDENTIAL', originator: 'POL', releasableTo: ['UKR'] },
      tiedReservation: { nation: 'POL', id: 'roz-1' },
    });
    const area = assignmentDraft(
      liaison,
      assignmentInput({
        use: 'JAMMER',
        thresholdDbm: null,
        tunableLowMHz: null,
        tunableHighMHz: null,
        tiedReservationId: null,
        validFrom: null,
        location: { circle: { lat: 50, lon: 23, radiusM: 5000 }, antennaHeightM: 10 },
      }),
    );
    expect(area).not.toHaveProperty('tunable');
    expect(area).not.toHaveProperty('thresholdDbm');
    expect(area).not.toHaveProperty('validFrom');
    expect(area.location).toEqual({
      kind: 'AREA',
      area: { circle: { center: { lat: 50, lon: 23 }, radiusM: 5000 } },
      antennaHeightM: 10,
    });
    const id = newAssignmentId('GNSS_RX');
    expect(id).toMatch(/^gnss-rx-[0-9a-f-]{36}$/);
    const entry = restrictedDraft(liaison, {
      kind: 'GUARDED',
      lowMHz: 1550,
      highMHz: 1560,
      reason: ' SIGINT ',
      classification: 'SECRET',
      releasableTo: [],
    });
    const commands = [
      createAssignmentCommand(liaison, id, draft),
      editAssignmentCommand(liaison, { nation: 'POL', id, version: 2 }, area),
      endAssignmentCommand(liaison, { nation: 'POL', id, version: 3 }),
      setRestrictedCommand(liaison, 'sigint-1', null, entry),
      setRestrictedCommand(liaison, 'sigint-1', 2, entry),
      removeRestrictedCommand(liaison, 'sigint-1', 3),
      proposeCommand(liaison, {
        conflictId: 's-1',
        kind: 'CHANGE',
        rationale: 'retune',
        basedOn: [{ nation: 'POL', id, version: 3 }],
        assignmentChanges: [{ nation: 'POL', id, action: 'MODIFY', lowMHz: 2430, highMHz: 2440, eirpDbm: null }],
      }),
    ];
    for (const c of commands) {
      expect(DeconflictionCommand.safeParse(c).success, c.type).toBe(true);
      expect(c.by).toEqual(by);
    }
    expect(commands[3]).not.toHaveProperty('version');
    expect(commands[4]).toMatchObject({ version: 2, draft: { reason: 'SIGINT', label: { originator: 'POL' } } });
    expect(commands[6]).toMatchObject({
      changes: [],
      assignmentChanges: [{ assignment: { nation: 'POL', id }, action: 'MODIFY', lowMHz: 2430, highMHz: 2440 }],
    });
    expect((commands[6] as { assignmentChanges: object[] }).assignmentChanges[0]).not.toHaveProperty('eirpDbm');
  });

  it("keep what the input cannot say of the entry they replace: its waiver, and a TABOO band's bar on transmission", () => {
    const replaces = {
      id: 'c2',
      kind: 'TABOO' as const,
      lowMHz: 30,
      highMHz: 31,
      nation: 'POL',
      label: { policy: 'NATO' as const, classification: 'RESTRICTED' as const, originator: 'POL', releasableTo: [] },
      reason: 'C2',
      waiver: { by: 'POL', reason: 'exercise' },
      noTransmission: true,
      version: 2,
    };
    const input = {
      kind: 'TABOO' as const,
      lowMHz: 30,
      highMHz: 32,
      reason: 'C2 net',
      classification: 'RESTRICTED' as const,
      releasableTo: [],
    };
    expect(restrictedDraft(liaison, input, replaces)).toMatchObject({ waiver: replaces.waiver, noTransmission: true });
    expect(restrictedDraft(liaison, { ...input, kind: 'PROTECTED' }, replaces)).not.toHaveProperty('noTransmission');
  });

  it.each([
    ['no location', { location: { antennaHeightM: 10 } }, /exactly one of point, outline or circle/],
    [
      'a point and a circle',
      { location: { point: { lat: 50, lon: 23 }, circle: { lat: 50, lon: 23, radiusM: 1 }, antennaHeightM: 10 } },
      /exactly one of/,
    ],
    ['one tunable edge', { tunableHighMHz: null }, /both edges of the tunable range/],
    ['band backwards', { lowMHz: 2410, highMHz: 2400 }, /lowMHz must be below highMHz/],
    ['time backwards', { validTo: iso(T0 - 1) }, /validFrom must be before/],
    ['a band outside its tunable range', { tunableLowMHz: 2405 }, /Not a valid request: tunable/],
    [
      'a jammer without power',
      { use: 'JAMMER', eirpDbm: null },
      /Not a valid request: eirpDbm: a JAMMER must state its EIRP/,
    ],
    ['a negative antenna', { location: { point: { lat: 50, lon: 23 }, antennaHeightM: -1 } }, /antenna height/],
    ['a nation that is no code', { releasableTo: ['Ukraine'] }, /Not a valid request: label.releasableTo/],
  ] as [string, Partial<AssignmentInput>, RegExp][])(
    'refuse an assignment with %s as BAD_USER_INPUT before anything is sent',
    (_what, bad, message) => {
      expect(() => createAssignmentCommand(liaison, 'a-1', assignmentDraft(liaison, assignmentInput(bad)))).toThrow(
        message,
      );
    },
  );

  it('refuse assignment changes malformed on their face', () => {
    const base = { conflictId: 's-1', rationale: 'why', basedOn: [{ nation: 'POL', id: 'a-1', version: 1 }] };
    const change = (c: object) => [{ nation: 'POL', id: 'a-1', ...c }] as ProposalInput['assignmentChanges'];
    expect(() =>
      proposeCommand(liaison, { ...base, kind: 'CHANGE', assignmentChanges: change({ action: 'MODIFY' }) }),
    ).toThrow(/changes nothing/);
    expect(() =>
      proposeCommand(liaison, { ...base, kind: 'CHANGE', assignmentChanges: change({ action: 'END', eirpDbm: 10 }) }),
    ).toThrow(/changes nothing else/);
    expect(() =>
      proposeCommand(liaison, { ...base, kind: 'ACCEPT_RISK', assignmentChanges: change({ action: 'END' }) }),
    ).toThrow(/changes no assignment/);
    expect(() =>
      proposeCommand(liaison, {
        ...base,
        kind: 'CHANGE',
        assignmentChanges: change({ action: 'MODIFY', lowMHz: 20, highMHz: 10 }),
      }),
    ).toThrow(/lowMHz must be below highMHz/);
    expect(() =>
      proposeCommand(liaison, {
        ...base,
        kind: 'CHANGE',
        changes: [{ nation: 'POL', id: 'roz-1', action: 'END' }],
        assignmentChanges: change({ action: 'END' }),
      }),
    ).toThrow(/not both/);
  });
});
