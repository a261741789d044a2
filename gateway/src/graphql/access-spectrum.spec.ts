import { describe, expect, it } from 'vitest';
import { canSee, type Classification, type Label, type User } from '@tessera/schema';
import { label } from '@tessera/service-kit/fixtures';
import {
  assignment,
  proposal as proposalOf,
  reservation,
  restrictedEntry,
  spectrumConflict,
} from '../../test/fixtures.ts';
import { releaseConflict, releaseProposal, releaseRefs, type ReservationLabels } from './access-airspace.ts';
import {
  HORIZON_RECEIVER_HEIGHT_M,
  UNDISCLOSED_NATION,
  releaseAssignment,
  releaseRestricted,
  withheldIdOf,
} from './access-spectrum.ts';

/**
 * What each viewer receives of the spectrum (DOMAIN.md "Spectrum" and "Confidentiality label"):
 * assignments by their label, the restricted list's bands to everyone but who guards a band and why
 * only where releasable, spectrum conflicts and proposals sanitized for a party who may not see the
 * other side, without the numbers that would locate it. Each rule has its leak test: what a viewer
 * may not see is looked for in the JSON they receive.
 */
const user = (nation: string | null, clearance: Classification = 'SECRET'): User => ({
  username: `${nation ?? 'admin'}-${clearance}`.toLowerCase(),
  displayName: 'viewer',
  nation,
  roles: nation ? ['LIAISON'] : ['ADMIN'],
  clearance,
});
const json = (x: unknown) => JSON.stringify(x);
const viewer = (u: User) => ({ nation: u.nation, clearance: u.clearance });

const ukrNational = label('UKR', [], 'SECRET');
const polShared = label('POL', ['UKR', 'LTU'], 'CONFIDENTIAL');
const ukrShared = label('UKR', ['POL', 'LTU'], 'CONFIDENTIAL');
const corridor = reservation('UKR', 'ukr-corridor-9', { kind: 'TRANSIT_CORRIDOR', label: ukrShared, version: 4 });
const reservations = new Map([[`UKR/ukr-corridor-9`, corridor]]);
const reservationOf = (ref: { nation: string; id: string }) => reservations.get(`${ref.nation}/${ref.id}`);
const key = withheldIdOf('test-key');

describe('an assignment', () => {
  const drones = assignment('UKR', 'ukr-drone-link', {
    system: 'UKR DRONE LINK',
    use: 'DATALINK',
    lowMHz: 2400,
    highMHz: 2420,
    location: {
      kind: 'AREA',
      area: { circle: { center: { lat: 50.5, lon: 24 }, radiusM: 5000 } },
      antennaHeightM: 100,
    },
    label: ukrShared,
    tiedReservation: { nation: 'UKR', id: 'ukr-corridor-9' },
  });

  it('goes whole to whoever its label releases it to, with its guard band and horizon', () => {
    const out = releaseAssignment(user('POL', 'CONFIDENTIAL'), drones, reservationOf);
    expect(out).toMatchObject({
      id: 'ukr-drone-link',
      nation: 'UKR',
      system: 'UKR DRONE LINK',
      lowMHz: 2400,
      highMHz: 2420,
      // 10 % of 20 MHz on each side (schema guardBandMHz).
      guardBandMHz: 2,
      eirpDbm: 30,
      thresholdDbm: -90,
      tunableLowMHz: 2400,
      tunableHighMHz: 2480,
      location: {
        kind: 'AREA',
        point: null,
        outline: null,
        circle: { center: { lat: 50.5, lon: 24 }, radiusM: 5000 },
        antennaHeightM: 100,
      },
      validFrom: null,
      validTo: null,
      tiedReservation: { nation: 'UKR', id: 'ukr-corridor-9', version: 4, withheld: false },
    });
    // 4.12·(√100 + √10) km.
    expect(out!.horizonKm).toBeCloseTo(4.12 * (10 + Math.sqrt(HORIZON_RECEIVER_HEIGHT_M)), 9);
  });

  it.each([
    ['a nation it is not releasable to', user('DEU')],
    ['a clearance below it', user('POL', 'RESTRICTED')],
    ['someone of no nation', user(null)],
  ])('is nothing at all to %s', (_what, viewer) => {
    expect(releaseAssignment(viewer, { ...drones, label: ukrShared }, reservationOf)).toBeNull();
    expect(releaseAssignment(user('POL'), { ...drones, label: ukrNational }, reservationOf)).toBeNull();
  });

  it('names its tied reservation only when that is releasable to the viewer too (and known)', () => {
    const shared = { ...drones, label: label('UKR', ['POL', 'DEU'], 'CONFIDENTIAL') };
    // DEU may see the assignment but not the corridor.
    const deu = releaseAssignment(user('DEU'), shared, reservationOf);
    expect(deu?.tiedReservation).toBeNull();
    expect(json(deu)).not.toContain('ukr-corridor-9');
    const unknown = { ...drones, tiedReservation: { nation: 'UKR', id: 'ukr-never-heard' } };
    expect(releaseAssignment(user('UKR'), unknown, reservationOf)?.tiedReservation).toBeNull();
  });

  it('is built field by field: what the contract adds later is not sent until released', () => {
    const out = releaseAssignment(user('UKR'), { ...drones, secretNote: 'x' } as typeof drones, reservationOf);
    expect(json(out)).not.toContain('secretNote');
  });
});

describe('an entry of the restricted list', () => {
  const guarded = restrictedEntry('POL', 'pol-sigint-7', {
    kind: 'GUARDED',
    lowMHz: 1550,
    highMHz: 1560,
    reason: 'POL SIGINT exploits the adversary net ZEBRA here',
    label: label('POL', [], 'SECRET'),
    waiver: { by: 'POL', reason: 'ZEBRA silent until Friday', validTo: '2026-12-04T00:00:00.000Z' },
    version: 3,
  });
  const before = Date.parse('2026-12-01T00:00:00Z');

  it('GUARDED and national, seen by a partner: the band, never who guards it, why, its label or version', () => {
    const out = releaseRestricted(user('UKR'), guarded, key, before);
    expect(out).toEqual({
      id: key(guarded),
      kind: 'GUARDED',
      lowMHz: 1550,
      highMHz: 1560,
      withheld: true,
      nation: null,
      reason: null,
      waived: true,
      waiverReason: null,
      waiverValidTo: null,
      noTransmission: false,
      label: null,
      version: null,
    });
    expect(json(out)).not.toMatch(/POL|sigint|ZEBRA|Friday|2026-12-04/i);
  });

  it('seen by its owner: whole', () => {
    expect(releaseRestricted(user('POL'), guarded, key, before)).toEqual({
      id: 'POL/pol-sigint-7',
      kind: 'GUARDED',
      lowMHz: 1550,
      highMHz: 1560,
      withheld: false,
      nation: 'POL',
      reason: 'POL SIGINT exploits the adversary net ZEBRA here',
      waived: true,
      waiverReason: 'ZEBRA silent until Friday',
      waiverValidTo: '2026-12-04T00:00:00.000Z',
      noTransmission: false,
      label: guarded.label,
      version: 3,
    });
    // Below its classification, the owner's own people see the band only.
    expect(releaseRestricted(user('POL', 'CONFIDENTIAL'), guarded, key, before).withheld).toBe(true);
    expect(releaseRestricted(user(null), guarded, key, before).withheld).toBe(true);
  });

  it('is waived only while the waiver is in force', () => {
    expect(releaseRestricted(user('UKR'), guarded, key, Date.parse('2026-12-04T00:00:00Z')).waived).toBe(false);
    expect(releaseRestricted(user('UKR'), { ...guarded, waiver: undefined }, key, before).waived).toBe(false);
  });

  it('withheld, keeps one opaque id: stable, distinct per entry, and nothing a guess could be tested against without the key', () => {
    const id = key(guarded);
    expect(id).toMatch(/^withheld-[0-9a-f]{32}$/);
    expect(key({ nation: 'POL', id: 'pol-sigint-7' })).toBe(id);
    expect(key({ nation: 'POL', id: 'pol-sigint-8' })).not.toBe(id);
    expect(key({ nation: 'DEU', id: 'pol-sigint-7' })).not.toBe(id);
    expect(withheldIdOf('another-key')(guarded)).not.toBe(id);
  });

  it('TABOO of the coalition, releasable to all: whole to everyone, its bar on any transmission shown', () => {
    const l1 = restrictedEntry('NAT', 'taboo-gnss-l1', {
      kind: 'TABOO',
      lowMHz: 1559,
      highMHz: 1610,
      noTransmission: true,
      label: label('NAT', ['POL', 'UKR', 'LTU', 'DEU'], 'UNCLASSIFIED'),
    });
    for (const n of ['POL', 'UKR', 'LTU', 'DEU'])
      expect(releaseRestricted(user(n, 'RESTRICTED'), l1, key, before)).toMatchObject({
        id: 'NAT/taboo-gnss-l1',
        withheld: false,
        nation: 'NAT',
        noTransmission: true,
      });
  });
});

/** What the gateway knows now: these sides at their labels. */
const knownFrom = (items: { nation: string; id: string; label: Label }[]): ReservationLabels => {
  const labels: ReservationLabels = (ref) =>
    items.filter((i) => i.nation === ref.nation && i.id === ref.id).map((i) => i.label);
  labels.reservation = reservationOf;
  return labels;
};

describe('a spectrum conflict', () => {
  const polJammer = assignment('POL', 'pol-jammer-1', {
    system: 'POL JAMMER ONE',
    use: 'JAMMER',
    thresholdDbm: undefined,
    label: polShared,
  });
  const ukrDrones = (l: Label) =>
    assignment('UKR', 'ukr-drone-link', {
      system: 'UKR DRONE LINK',
      label: l,
      tiedReservation: { nation: 'UKR', id: 'ukr-corridor-9' },
    });

  it('full view: every path with its distance and received power, the tied reservation named', () => {
    const drones = ukrDrones(ukrShared);
    const c = spectrumConflict('s-1', polJammer, drones);
    const out = releaseConflict(user('POL'), c, knownFrom([polJammer, drones]));
    expect(out?.sanitized).toBe(false);
    expect(out?.region).toBeNull();
    expect(out?.spectrum).toEqual({
      ...c.spectrum,
      tiedReservation: { nation: 'UKR', id: 'ukr-corridor-9', version: 4, withheld: false },
    });
  });

  it('sanitized: the withheld side is its nation and kind, each path without distance and received power', () => {
    const drones = ukrDrones(ukrNational);
    const c = spectrumConflict('s-1', polJammer, drones);
    const out = releaseConflict(user('POL'), c, knownFrom([polJammer, drones]));
    expect(out?.sanitized).toBe(true);
    expect(out?.sides[1]).toEqual({
      nation: 'UKR',
      kind: 'DATALINK',
      withheld: true,
      id: null,
      name: null,
      version: null,
      label: null,
    });
    // The margin (15.25 dB) only as its severity band's floor: exact margins from several of one's own
    // receivers would locate the withheld side (margin = EIRP − FSPL(d) − threshold, one equation each).
    expect(out?.spectrum?.paths).toEqual([
      { interferer: 0, victim: 1, worstMHz: 2399, distanceKm: null, receivedDbm: null, marginDb: 6 },
    ]);
    // The band stays: the parties act on it.
    expect(out?.spectrum).toMatchObject({ lowMHz: 2399, highMHz: 2411, marginDb: 6 });
    expect(json(out)).not.toMatch(/15\.25/);
    // Who may see both sides gets the exact margin.
    expect(releaseConflict(user('UKR'), c, knownFrom([polJammer, drones]))?.spectrum?.marginDb).toBe(15.25);
    // The corridor is POL's to see, but naming it would place the withheld receivers in it.
    expect(out?.spectrum?.tiedReservation).toBeNull();
    expect(json(out)).not.toMatch(/ukr-drone-link|UKR DRONE LINK|12\.34567|-74\.75|ukr-corridor-9/);
  });

  it('sanitized for the victim too: the other side (the jammer) stays unlocated', () => {
    const drones = ukrDrones(ukrShared);
    const secretJammer = { ...polJammer, label: label('POL', [], 'SECRET') };
    const c = spectrumConflict('s-1', secretJammer, drones);
    const out = releaseConflict(user('UKR'), c, knownFrom([secretJammer, drones]));
    expect(out?.sanitized).toBe(true);
    expect(out?.spectrum?.paths.map((p) => [p.distanceKm, p.receivedDbm])).toEqual([[null, null]]);
    // The victim's own corridor, its own nation's: named.
    expect(out?.spectrum?.tiedReservation).toMatchObject({ nation: 'UKR', id: 'ukr-corridor-9' });
    expect(json(out)).not.toMatch(/pol-jammer-1|POL JAMMER ONE|12\.34567|-74\.75/);
  });

  describe('over a national TABOO band of another nation (RESTRICTED_BAND)', () => {
    const deuC2 = restrictedEntry('DEU', 'deu-c2-net', {
      kind: 'TABOO',
      lowMHz: 2405,
      highMHz: 2406,
      reason: 'DEU brigade C2 net',
      label: label('DEU', [], 'CONFIDENTIAL'),
    });
    const c = spectrumConflict('s-2', polJammer, deuC2);
    const known = knownFrom([polJammer, deuC2]);

    it('the transmitter is told the band, never whose it is: the entry side, the parties and every answer say XXX', () => {
      const out = releaseConflict(user('POL'), c, known);
      expect(out?.sanitized).toBe(true);
      expect(out?.parties).toEqual(['POL', UNDISCLOSED_NATION]);
      expect(out?.sides[1]).toEqual({
        nation: UNDISCLOSED_NATION,
        kind: 'TABOO',
        withheld: true,
        id: null,
        name: null,
        version: null,
        label: null,
      });
      expect(out?.spectrum).toMatchObject({ kind: 'RESTRICTED_BAND', lowMHz: 2405, highMHz: 2406, marginDb: null });
      expect(json(out)).not.toMatch(/DEU|deu-c2-net|C2 net/);

      const p = proposalOf('p-1', c, {
        proposedBy: { username: 'deu-liaison', nation: 'DEU' },
        rationale: 'DEU brigade needs the net: retune, please.',
        basedOn: c.sides.map((s) => ({ nation: s.nation, id: s.id, version: s.version })),
        changes: [],
        assignmentChanges: [
          { assignment: { nation: 'POL', id: 'pol-jammer-1' }, action: 'MODIFY', lowMHz: 2420, highMHz: 2430 },
        ],
        responses: [
          { nation: 'DEU', username: 'deu-cmdr', response: 'ACCEPT', reason: 'DEU agrees', at: c.detectedAt },
        ],
      });
      const seen = releaseProposal(user('POL'), p, c, known);
      expect(seen?.sanitized).toBe(true);
      expect(seen?.proposedBy).toEqual({ username: 'withheld', nation: UNDISCLOSED_NATION });
      expect(seen?.basedOn[1]).toEqual({ nation: UNDISCLOSED_NATION, id: null, version: null, withheld: true });
      expect(seen?.responses[0]).toMatchObject({
        nation: UNDISCLOSED_NATION,
        username: 'withheld',
        response: 'ACCEPT',
      });
      expect(seen?.assignmentChanges[0]).toMatchObject({ nation: 'POL', id: 'pol-jammer-1', lowMHz: 2420 });
      expect(json(seen)).not.toMatch(/DEU|deu-|C2 net|brigade/);

      // And a refusal's current versions: the entry withheld, its owner not told.
      expect(releaseRefs(user('POL'), p.basedOn, known, (r) => r.id === 'deu-c2-net').map((r) => r.nation)).toEqual([
        'POL',
        UNDISCLOSED_NATION,
      ]);
    });

    it('its owner sees it whole; the coalition TABOO bands, releasable to all, name their owner', () => {
      // DEU may not see the jammer: its party view names the jammer's nation and kind (not an entry: no secret owner).
      expect(releaseConflict(user('DEU'), c, known)?.sides[0]).toMatchObject({ nation: 'POL', withheld: true });
      const sharedJammer = { ...polJammer, label: label('POL', ['DEU'], 'CONFIDENTIAL') };
      const both = spectrumConflict('s-2', sharedJammer, deuC2);
      expect(releaseConflict(user('DEU'), both, knownFrom([sharedJammer, deuC2]))?.sanitized).toBe(false);
      const l1 = restrictedEntry('NAT', 'taboo-gnss-l1', {
        kind: 'TABOO',
        label: label('NAT', ['POL', 'UKR', 'DEU'], 'UNCLASSIFIED'),
      });
      const gnss = spectrumConflict('s-3', polJammer, l1, { label: null });
      const out = releaseConflict(user('POL'), gnss, knownFrom([polJammer, l1]));
      expect(out?.sides[1]).toMatchObject({ nation: 'NAT', id: 'taboo-gnss-l1', withheld: false });
      expect(out?.parties).toEqual(['NAT', 'POL']);
    });
  });
});

describe("a spectrum proposal's assignment changes", () => {
  const pol = assignment('POL', 'pol-radio-2', { label: polShared });
  const ukr = assignment('UKR', 'ukr-radar-9', { system: 'UKR RADAR NINE', use: 'RADAR', label: ukrNational });
  const c = spectrumConflict('s-4', pol, ukr);
  const p = proposalOf('p-2', c, {
    changes: [],
    assignmentChanges: [
      {
        assignment: { nation: 'UKR', id: 'ukr-radar-9' },
        action: 'MODIFY',
        lowMHz: 2931.5,
        highMHz: 2941.5,
        eirpDbm: 77.7,
      },
      { assignment: { nation: 'POL', id: 'pol-radio-2' }, action: 'END' },
    ],
  });
  const known = knownFrom([pol, ukr]);

  it('withheld to their nation and action where the assignment is not releasable', () => {
    const out = releaseProposal(user('POL'), p, c, known);
    expect(out?.sanitized).toBe(true);
    expect(out?.assignmentChanges).toEqual([
      {
        nation: 'UKR',
        id: null,
        action: 'MODIFY',
        withheld: true,
        lowMHz: null,
        highMHz: null,
        eirpDbm: null,
        validFrom: null,
        validTo: null,
      },
      {
        nation: 'POL',
        id: 'pol-radio-2',
        action: 'END',
        withheld: false,
        lowMHz: null,
        highMHz: null,
        eirpDbm: null,
        validFrom: null,
        validTo: null,
      },
    ]);
    expect(json(out)).not.toMatch(/ukr-radar-9|2931\.5|2941\.5|77\.7/);
    expect(canSee(viewer(user('POL')), out!.label)).toBe(true);
  });

  it('whole where everything is releasable', () => {
    const out = releaseProposal(user('UKR'), p, c, known);
    expect(out?.sanitized).toBe(false);
    expect(out?.assignmentChanges[0]).toMatchObject({ id: 'ukr-radar-9', lowMHz: 2931.5, eirpDbm: 77.7 });
  });

  it('nothing for a non-party that may not see every assignment', () => {
    expect(releaseProposal(user('LTU'), p, c, known)).toBeNull();
  });
});
