import { Kvm, type KV } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIRSPACE_BUCKET,
  airspaceKeys,
  Conflict,
  referenceKeys,
  RestrictedEntry,
  SpectrumAssignment,
  defaultTabooList,
  type AssignmentDraft,
  type DeconflictionReply,
  type ReservationRef,
} from '@tessera/schema';
import type { NatsLink } from '@tessera/service-kit';
import { SpectrumIndex, suggestChannel } from '@tessera/service-kit/spectrum';
import type { DeconflictionService } from '../src/service.ts';
import {
  ask,
  commandId as cid,
  label,
  person,
  startDeconfliction,
  startTestBus,
  writeScenarioVolume,
  type TestBus,
} from './support.ts';

/**
 * Spectrum deconfliction through the real service on JetStream (its own NATS user, the real
 * authority writing the audit chain): the scenario's protected bands are seeded; UKR's liaison
 * assigns a corridor jammer over the band POL's drones use; the conflict appears with its margin for
 * both; POL proposes the engine's nearest free channel, UKR accepts, the datalink is retuned at a new
 * version and the conflict resolves. A transmission in GNSS L1 is a restricted-band conflict.
 */
const polLiaison = person('pol-liaison', 'POL');
const ukrLiaison = person('ukr-liaison', 'UKR');
const WAIT = { timeout: 15_000, interval: 50 };

let bus: TestBus;
let gateway: NatsLink;
let service: DeconflictionService;
let bucket: KV;

const ok = (reply: DeconflictionReply) => {
  if (!reply.ok) throw new Error(`refused: ${reply.rule}: ${reply.message}`);
  return reply;
};
async function stored<T>(key: string, schema: { parse(v: unknown): T }): Promise<T | undefined> {
  const e = await bucket.get(key);
  return e && e.operation === 'PUT' ? schema.parse(e.json()) : undefined;
}
const assignment = (nation: string, id: string) => stored(airspaceKeys.assignment(nation, id), SpectrumAssignment);
async function spectrumConflicts(): Promise<Conflict[]> {
  const out: Conflict[] = [];
  for await (const key of await bucket.keys('conflict.>')) {
    const c = await stored(key, Conflict);
    if (c?.kind === 'SPECTRUM') out.push(c);
  }
  return out;
}
const openConflicts = async () => (await spectrumConflicts()).filter((c) => c.state === 'OPEN');

const datalink: AssignmentDraft = {
  system: 'ROZ drone datalink',
  use: 'DATALINK',
  lowMHz: 5740,
  highMHz: 5760,
  eirpDbm: 30,
  thresholdDbm: -95,
  tunable: { lowMHz: 5650, highMHz: 5925 },
  location: {
    kind: 'AREA',
    area: { circle: { center: { lat: 50.75, lon: 23.8 }, radiusM: 8000 } },
    antennaHeightM: 300,
  },
  priority: 6,
  label: label('POL', ['UKR']),
};
const jammer: AssignmentDraft = {
  system: 'Corridor counter-UAS jammer',
  use: 'JAMMER',
  lowMHz: 5725,
  highMHz: 5850,
  eirpDbm: 47,
  location: {
    kind: 'AREA',
    area: { circle: { center: { lat: 50.72, lon: 24.2 }, radiusM: 2000 } },
    antennaHeightM: 20,
  },
  priority: 7,
  label: label('UKR', ['POL']),
};

beforeAll(async () => {
  bus = await startTestBus();
  gateway = await bus.as('gateway');
  const twin = await bus.as('twin');
  // The twin's reference data: the coalition's protected bands.
  for (const e of defaultTabooList('NAT', ['POL', 'UKR']))
    await writeScenarioVolume(twin, referenceKeys.restricted(e.nation, e.id), e);
  ({ service } = await startDeconfliction(bus));
  bucket = await new Kvm(gateway.nc).open(AIRSPACE_BUCKET);
});

afterAll(async () => {
  await service?.stop();
  await bus?.stop();
});

describe('spectrum deconfliction between two liaison cells', () => {
  it("seeds the coalition's protected bands from the scenario", async () => {
    await expect
      .poll(() => stored(airspaceKeys.restricted('NAT', 'taboo-gnss-l1'), RestrictedEntry), WAIT)
      .toMatchObject({ kind: 'TABOO', lowMHz: 1559, highMHz: 1610, noTransmission: true, version: 1 });
  });

  it('finds the jammer over the datalink, with its margin, for both nations', async () => {
    ok(await ask(gateway, { type: 'CREATE_ASSIGNMENT', commandId: cid(), id: 'dl', draft: datalink, by: polLiaison }));
    ok(await ask(gateway, { type: 'CREATE_ASSIGNMENT', commandId: cid(), id: 'jam', draft: jammer, by: ukrLiaison }));
    await expect.poll(openConflicts, WAIT).toHaveLength(1);
    const [c] = await openConflicts();
    expect(c!.parties).toEqual(['POL', 'UKR']);
    expect(c!.sides.map((s) => `${s.nation}/${s.id} v${s.version}`)).toEqual(['POL/dl v1', 'UKR/jam v1']);
    // 18.35 km edge to edge at 5738 MHz: 47 − 132.89 = −85.89 dBm, 9.11 dB over −95 dBm.
    expect(c!.spectrum!.marginDb).toBeCloseTo(9.11, 1);
    expect(c!.severity).toBe('MEDIUM');
  });

  it('refuses a partner editing an assignment, and a retune outside the tunable range', async () => {
    const partner = await ask(gateway, {
      type: 'EDIT_ASSIGNMENT',
      commandId: cid(),
      assignment: { nation: 'POL', id: 'dl', version: 1 },
      draft: datalink,
      by: ukrLiaison,
    });
    expect(partner).toMatchObject({ ok: false, rule: 'NOT_YOUR_RESERVATION' });
    const [c] = await openConflicts();
    const basedOn: ReservationRef[] = [
      { nation: 'POL', id: 'dl', version: 1 },
      { nation: 'UKR', id: 'jam', version: 1 },
    ];
    const outside = await ask(gateway, {
      type: 'PROPOSE',
      commandId: cid(),
      conflictId: c!.id,
      kind: 'CHANGE',
      rationale: 'below the tunable range',
      basedOn,
      changes: [],
      assignmentChanges: [{ assignment: { nation: 'POL', id: 'dl' }, action: 'MODIFY', lowMHz: 5600, highMHz: 5620 }],
      counterTo: null,
      by: polLiaison,
    });
    expect(outside).toMatchObject({ ok: false, rule: 'INVALID' });
  });

  it("POL proposes the engine's nearest free channel, UKR accepts, and the conflict resolves", async () => {
    const [c] = await openConflicts();
    const dl = (await assignment('POL', 'dl'))!;
    const jam = (await assignment('UKR', 'jam'))!;
    const channel = suggestChannel(dl, new SpectrumIndex([dl, jam]), { restricted: defaultTabooList() });
    expect(channel).toMatchObject({ lowMHz: 5671.75, highMHz: 5691.75 });
    const basedOn: ReservationRef[] = [
      { nation: 'POL', id: 'dl', version: 1 },
      { nation: 'UKR', id: 'jam', version: 1 },
    ];
    const made = ok(
      await ask(gateway, {
        type: 'PROPOSE',
        commandId: cid(),
        conflictId: c!.id,
        kind: 'CHANGE',
        rationale: 'Retune the datalink to 5671.75-5691.75 MHz, clear of the jammer',
        basedOn,
        changes: [],
        assignmentChanges: [
          {
            assignment: { nation: 'POL', id: 'dl' },
            action: 'MODIFY',
            lowMHz: channel!.lowMHz,
            highMHz: channel!.highMHz,
          },
        ],
        counterTo: null,
        by: polLiaison,
      }),
    ).proposal!;
    const answered = ok(
      await ask(gateway, {
        type: 'RESPOND',
        commandId: cid(),
        proposalId: made.id,
        response: 'ACCEPT',
        reason: 'agreed',
        basedOn,
        by: ukrLiaison,
      }),
    );
    expect(answered.proposal).toMatchObject({ state: 'ACCEPTED' });
    await expect.poll(() => assignment('POL', 'dl'), WAIT).toMatchObject({ lowMHz: 5671.75, version: 2 });
    await expect
      .poll(async () => (await spectrumConflicts()).find((x) => x.id === c!.id), WAIT)
      .toMatchObject({ state: 'RESOLVED', resolvedBy: made.id });
  });

  it('a transmission in GNSS L1 is a restricted-band conflict with the coalition', async () => {
    const pseudolite: AssignmentDraft = {
      ...datalink,
      system: 'GNSS repeater',
      use: 'NAVAID',
      lowMHz: 1575,
      highMHz: 1576,
      tunable: undefined,
    };
    ok(
      await ask(gateway, { type: 'CREATE_ASSIGNMENT', commandId: cid(), id: 'rep', draft: pseudolite, by: polLiaison }),
    );
    await expect
      .poll(async () => (await openConflicts()).map((c) => [c.spectrum!.kind, c.sides[1]!.id, c.severity]), WAIT)
      .toEqual([['RESTRICTED_BAND', 'taboo-gnss-l1', 'HIGH']]);
    // Ending it resolves it.
    ok(
      await ask(gateway, {
        type: 'END_ASSIGNMENT',
        commandId: cid(),
        assignment: { nation: 'POL', id: 'rep', version: 1 },
        by: polLiaison,
      }),
    );
    await expect.poll(openConflicts, WAIT).toEqual([]);
  });
});
