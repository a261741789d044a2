import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Kvm, type KV } from '@nats-io/kv';
import {
  AIRSPACE_BUCKET,
  airspaceKeys,
  type AgentCommand,
  type AirspaceVolume,
  type AuthorizationRequest,
  type GatewayCommand,
  type Label,
  type RestrictedEntry,
  type SpectrumAssignment,
} from '@tessera/schema';
import { WAIT } from '@tessera/service-kit/fixtures';
import { destination } from '@tessera/service-kit/geo';
import type { AuthorityService } from '../src/service.ts';
import {
  commandId as cid,
  effector,
  fromAgent,
  fromGateway,
  label,
  memoryAuditChain,
  ok,
  startAuthority,
  startJetStreamBus,
  twoSectors,
  type JetStreamBus,
} from './support.ts';

/**
 * Jamming through the authority on a real nats-server: the spectrum the deconfliction service keeps
 * in its bucket (TESSERA_AIRSPACE `assignment.<nation>.<id>`, `restricted.<nation>.<id>`) decides
 * who must concur, and the protected bands hold even when the bucket has none. UKR's jammer
 * ukr-ew-1 stands at 50.2 N 23.5 E; its agent asks to jam a 2 km circle at 50.2 N 23.4 E, in UKR WEST.
 */
let bus: JetStreamBus;
let service: AuthorityService;
let airspace: KV;
const chain = memoryAuditChain({ now: () => Date.now() });
let n = 0;

const UKR_POL = label('UKR', ['POL'], 'RESTRICTED');
const CENTER = { lat: 50.2, lon: 23.4 };
/** Reservations beside the two sectors, as the reference feed has them from TESSERA_AIRSPACE `reservation.>`. */
const reservations: AirspaceVolume[] = [];

/** UKR's agent asks to jam `lowMHz`-`highMHz` over the circle for 120 s. */
const openJamming = (id: string, lowMHz: number, highMHz: number, requestLabel: Label = UKR_POL): AgentCommand => ({
  type: 'OPEN',
  commandId: cid(),
  request: {
    id,
    kind: 'JAMMING',
    label: requestLabel,
    engagement: null,
    jamming: {
      effectorId: 'ukr-ew-1',
      lowMHz,
      highMHz,
      center: CENTER,
      radiusM: 2000,
      durationS: 120,
      sectorId: 'ukr-west',
      sectorNation: 'UKR',
    },
  },
});
const agent = (cmd: AgentCommand) => fromAgent(bus.link.nc, 'UKR', cmd);
const decide = (requestId: string, nation: string): GatewayCommand => ({
  type: 'DECIDE',
  commandId: cid(),
  requestId,
  decision: 'APPROVE',
  reason: 'drone swarm over UKR WEST',
  by: { username: `${nation.toLowerCase()}-cmdr`, nation, roles: ['COMMANDER'] },
});

/** POL's Link 16 band, PROTECTED, releasable to UKR. */
const link16: RestrictedEntry = {
  id: 'pol-link16',
  nation: 'POL',
  kind: 'PROTECTED',
  lowMHz: 960,
  highMHz: 1215,
  reason: 'Link 16',
  label: label('POL', ['UKR']),
  version: 1,
};
/** POL's datalink ground station 5 km north of the circle's centre (3 km from the circle). */
const datalink: SpectrumAssignment = {
  id: 'pol-dl-1',
  nation: 'POL',
  system: 'Link 16 ground terminal',
  use: 'DATALINK',
  lowMHz: 1000,
  highMHz: 1020,
  thresholdDbm: -100,
  location: { kind: 'POINT', point: destination(CENTER, 5000, 0), antennaHeightM: 10 },
  priority: 5,
  label: label('POL', ['UKR']),
  state: 'ACTIVE',
  version: 1,
};

/** Opens jamming requests (a new id each time) until one satisfies `expectation`: the mirror takes a moment to see a KV change. */
async function openUntil(lowMHz: number, highMHz: number, expectation: (r: AuthorizationRequest) => void) {
  return vi.waitFor(async () => {
    const r = ok(await agent(openJamming(`ukr-jam-${++n}`, lowMHz, highMHz)));
    expectation(r);
    return r;
  }, WAIT);
}

beforeAll(async () => {
  bus = await startJetStreamBus('authority-jamming');
  // The deconfliction service's bucket, as it would have it (this test plays its part).
  airspace = await new Kvm(bus.link.nc).create(AIRSPACE_BUCKET, { history: 1 });
  service = await startAuthority({
    link: bus.link,
    audit: chain.sink,
    reference: {
      volumes: () => [...twoSectors(), ...reservations],
      effectors: () => [effector('ukr-ew-1', 'UKR', 'EW_JAMMER', { position: { lat: 50.2, lon: 23.5 }, rangeKm: 15 })],
    },
  });
});

afterAll(async () => {
  await service?.stop();
  await bus?.stop();
});

describe('jamming requests through the spectrum check', () => {
  it('with an empty bucket: 990-1110 MHz needs UKR alone; over GNSS L1 it is refused naming the band', async () => {
    const plain = ok(await agent(openJamming('ukr-jam-empty', 990, 1110)));
    expect(plain.requiredApprovals).toEqual([{ nation: 'UKR', count: 1 }]);
    expect(plain.checks.map((c) => c.check)).toEqual([
      'Spectrum: restricted bands',
      'Spectrum: victims',
      'Concurrence',
    ]);

    const l1 = await agent(openJamming('ukr-jam-l1', 1560, 1600));
    expect(l1).toEqual({
      ok: false,
      rule: 'TABOO_BAND',
      message:
        'Jamming 1560-1600 MHz (with its guard band 1550-1610 MHz) covers TABOO band 1559-1610 MHz (GNSS L1 (GPS L1, Galileo E1, GLONASS G1, BeiDou B1)): nobody may jam it unless it is waived.',
    });
    // Refused before it exists: nothing stored, the refusal audited with its rule.
    expect((await service.requests()).some((r) => r.id === 'ukr-jam-l1')).toBe(false);
    expect(chain.records.find((r) => r.subject === 'ukr-jam-l1')?.details).toMatchObject({
      command: 'OPEN',
      rule: 'TABOO_BAND',
    });
  });

  it("over a partner's PROTECTED band in the bucket: POL's commander must concur too, and the victim is shown with its margin", async () => {
    await airspace.put(airspaceKeys.restricted('POL', 'pol-link16'), JSON.stringify(link16));
    await airspace.put(airspaceKeys.assignment('POL', 'pol-dl-1'), JSON.stringify(datalink));
    const r = await openUntil(990, 1110, (req) =>
      expect(req.checks.map((c) => c.check)).toContain('Spectrum: victim 1'),
    );
    expect(r.requiredApprovals).toEqual([
      { nation: 'UKR', count: 1 },
      { nation: 'POL', count: 1 },
    ]);
    const detail = (name: string) => r.checks.find((c) => c.check === name)?.detail;
    expect(detail('Spectrum: restricted bands')).toBe(
      'PROTECTED 960-1215 MHz of POL (Link 16): a commander of POL must concur',
    );
    // 60 dBm − FSPL(3 km, 998 MHz) = 60 − (9.54 + 59.98 + 32.44) = −41.96 dBm against −100 dBm: 58.0 dB.
    expect(detail('Spectrum: victim 1')).toBe(
      'DATALINK POL/pol-dl-1 (Link 16 ground terminal): margin 58.0 dB at 998 MHz, 3.0 km from the jammed circle',
    );
    expect(detail('Concurrence')).toBe('1 commander of UKR and 1 commander of POL');

    // UKR's approval alone does not authorize it; POL's completes it.
    expect(ok(await fromGateway(bus.link.nc, decide(r.id, 'UKR'))).state).toBe('PENDING');
    expect(ok(await fromGateway(bus.link.nc, decide(r.id, 'POL')))).toMatchObject({
      state: 'APPROVED',
      engagementState: 'AUTHORIZED',
    });
    // Both concurred: it launches (the check runs again and passes).
    expect(ok(await agent({ type: 'LAUNCH', commandId: cid(), requestId: r.id })).engagementState).toBe('EXECUTING');

    // Labelled for UKR alone, POL could never see it to concur: refused at once.
    expect(await agent(openJamming('ukr-jam-national', 990, 1110, label('UKR', [], 'RESTRICTED')))).toMatchObject({
      ok: false,
      rule: 'NOT_RELEASABLE_TO_APPROVERS',
    });
  });

  it('an entry whose body names another owner than its key is not believed; a deleted entry no longer counts', async () => {
    // Under LTU's key, claiming to be POL's: rejected by the mirror (LTU would otherwise be asked for nothing, or POL's band forged).
    await airspace.put(
      airspaceKeys.restricted('LTU', 'pol-forged'),
      JSON.stringify({ ...link16, id: 'pol-forged', lowMHz: 2400, highMHz: 2500 }),
    );
    await airspace.delete(airspaceKeys.restricted('POL', 'pol-link16'));
    await airspace.delete(airspaceKeys.assignment('POL', 'pol-dl-1'));
    await openUntil(990, 1110, (req) => expect(req.requiredApprovals).toEqual([{ nation: 'UKR', count: 1 }]));
    expect(ok(await agent(openJamming(`ukr-jam-${++n}`, 2400, 2483.5))).requiredApprovals).toEqual([
      { nation: 'UKR', count: 1 },
    ]);
  });

  it('at launch the check runs again: a TABOO band, or a band nobody concurred for, added since the approval stops it', async () => {
    const approved = async (id: string, lowMHz: number, highMHz: number) => {
      ok(await agent(openJamming(id, lowMHz, highMHz)));
      expect(ok(await fromGateway(bus.link.nc, decide(id, 'UKR'))).state).toBe('APPROVED');
    };
    await approved('ukr-jam-then-taboo', 1300, 1320); // widened 1295-1325: no protected band
    await approved('ukr-jam-then-protected', 1400, 1420); // widened 1395-1425
    const later = (id: string, nation: string, kind: RestrictedEntry['kind'], lowMHz: number, highMHz: number) =>
      airspace.put(
        airspaceKeys.restricted(nation, id),
        JSON.stringify({
          ...link16,
          id,
          nation,
          kind,
          lowMHz,
          highMHz,
          reason: `${nation} net`,
          label: label(nation, ['UKR', 'POL']),
        }),
      );
    await later('ltu-c2', 'LTU', 'TABOO', 1305, 1310);
    await later('pol-telemetry', 'POL', 'PROTECTED', 1405, 1410);
    // Once the mirror has them (a new request over each shows it) ...
    await vi.waitFor(
      async () => expect(await agent(openJamming(`ukr-jam-${++n}`, 1300, 1320))).toMatchObject({ rule: 'TABOO_BAND' }),
      WAIT,
    );
    await openUntil(1400, 1420, (req) => expect(req.requiredApprovals).toContainEqual({ nation: 'POL', count: 1 }));
    // ... neither approved jamming launches.
    expect(await agent({ type: 'LAUNCH', commandId: cid(), requestId: 'ukr-jam-then-taboo' })).toMatchObject({
      ok: false,
      rule: 'TABOO_BAND',
      message: expect.stringContaining('covers TABOO band 1305-1310 MHz (LTU net)'),
    });
    expect(await agent({ type: 'LAUNCH', commandId: cid(), requestId: 'ukr-jam-then-protected' })).toEqual({
      ok: false,
      rule: 'SITUATION_CHANGED',
      message:
        'Jamming ukr-jam-then-protected now covers restricted bands of POL, whose commanders did not concur: ask again.',
    });
    expect(
      (await service.requests()).filter((r) => r.id.startsWith('ukr-jam-then-')).map((r) => r.engagementState),
    ).toEqual(['AUTHORIZED', 'AUTHORIZED']);
  });

  it("a datalink tied to a ROZ over the jammed circle is a victim there, however far its stated point (the reference feed's reservations)", async () => {
    reservations.push({
      id: 'pol-roz-7',
      name: 'POL ROZ 7',
      kind: 'ROZ',
      nation: 'POL',
      label: label('POL', ['UKR']),
      floorM: 0,
      ceilingM: 1500,
      circle: { center: CENTER, radiusM: 3000 },
      state: 'ACTIVE',
      version: 1,
    });
    await airspace.put(
      airspaceKeys.assignment('POL', 'pol-dl-roz'),
      JSON.stringify({
        ...datalink,
        id: 'pol-dl-roz',
        system: 'ROZ 7 drone datalink',
        lowMHz: 1505,
        highMHz: 1515,
        // 60 km north: beyond the radio horizon where it says it is.
        location: { kind: 'POINT', point: destination(CENTER, 60_000, 0), antennaHeightM: 10 },
        tiedReservation: { nation: 'POL', id: 'pol-roz-7' },
      }),
    );
    const r = await openUntil(1500, 1520, (req) =>
      expect(req.checks.find((c) => c.check === 'Spectrum: victim 1')?.detail).toMatch(
        /^DATALINK POL\/pol-dl-roz \(ROZ 7 drone datalink\): margin \d+\.\d dB at 1504 MHz, 0\.0 km from the jammed circle$/,
      ),
    );
    expect(r.requiredApprovals).toEqual([{ nation: 'UKR', count: 1 }]);
    await airspace.delete(airspaceKeys.assignment('POL', 'pol-dl-roz'));
    reservations.length = 0;
  });

  it('a band LTU guards, not releasable to every party: the refusal does not name LTU; releasable to LTU, it must concur', async () => {
    await airspace.put(
      airspaceKeys.restricted('LTU', 'ltu-guard'),
      JSON.stringify({
        ...link16,
        id: 'ltu-guard',
        nation: 'LTU',
        kind: 'GUARDED',
        lowMHz: 1705,
        highMHz: 1710,
        reason: 'SIGINT on the adversary UAS link',
        label: label('LTU', [], 'SECRET'),
      }),
    );
    const refused = await vi.waitFor(async () => {
      const reply = await agent(openJamming(`ukr-jam-${++n}`, 1700, 1720));
      expect(reply).toMatchObject({ ok: false, rule: 'NOT_RELEASABLE_TO_APPROVERS' });
      return reply;
    }, WAIT);
    expect(JSON.stringify(refused)).not.toMatch(/LTU/);
    // Releasable to LTU: it opens, and its requiredApprovals name LTU (the known limit: docs/spectrum.md).
    const wide = ok(await agent(openJamming(`ukr-jam-${++n}`, 1700, 1720, label('UKR', ['POL', 'LTU'], 'RESTRICTED'))));
    expect(wide.requiredApprovals).toEqual([
      { nation: 'UKR', count: 1 },
      { nation: 'LTU', count: 1 },
    ]);
    expect(wide.checks.find((c) => c.check === 'Spectrum: restricted bands')?.detail).toBe(
      'a restricted band 1705-1710 MHz',
    );
    await airspace.delete(airspaceKeys.restricted('LTU', 'ltu-guard'));
  });
});
