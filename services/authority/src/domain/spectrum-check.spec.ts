import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AirspaceVolume, Label, RestrictedEntry, SpectrumAssignment, SpectrumLocation } from '@tessera/schema';
import { label } from '@tessera/service-kit/fixtures';
import { destination } from '@tessera/service-kit/geo';
import { fsplDb, SpectrumIndex } from '@tessera/service-kit/spectrum';
import {
  checkJammingSpectrum,
  concurredAtLaunch,
  DEFAULT_JAMMER_EIRP_DBM,
  joinWithin,
  restrictedList,
  unnamedOwners,
  type JammingSpectrumInput,
} from './spectrum-check.ts';
import { visibleToApprovers } from './facts.ts';
import {
  DEFAULT_POLICY,
  openRequest,
  REFUSAL_RULES,
  requiredApprovals,
  type NewRequest,
  type Outcome,
} from './rules.ts';

/**
 * UKR's jammer ukr-ew-1 stands at 50 N 24 E (default EIRP 60 dBm, mast 10 m) and is asked to jam
 * 990-1110 MHz (guard band 25 % = 30 MHz: widened 960-1140, below GNSS L5 at 1164) over a 2 km
 * circle centred at 50 N 23.9 E, 7.15 km west of it. The request is labelled UKR, releasable to POL
 * and LTU, RESTRICTED. Its deadline is 120 s and it jams for 120 s: the window is [T0, T0 + 240 s).
 */
const T0 = Date.UTC(2026, 10, 26, 12);
const iso = (ms: number) => new Date(ms).toISOString();
/** Degrees of latitude per km (turf's sphere, as the engine). */
const KM = 1000 / 111_195;
const SITE = { lat: 50, lon: 24 };
const CENTER = { lat: 50, lon: 23.9 };
const REQUEST_LABEL = label('UKR', ['POL', 'LTU'], 'RESTRICTED');
const secret = (n: string): Label => label(n, [], 'SECRET');

const at = (lat: number, lon: number, antennaHeightM = 10): SpectrumLocation => ({
  kind: 'POINT',
  point: { lat, lon },
  antennaHeightM,
});

function assignment(
  id: string,
  nation: string,
  use: SpectrumAssignment['use'],
  [lowMHz, highMHz]: [number, number],
  location: SpectrumLocation,
  over: Partial<SpectrumAssignment> = {},
): SpectrumAssignment {
  return {
    id,
    nation,
    system: `${id} system`,
    use,
    lowMHz,
    highMHz,
    location,
    priority: 5,
    label: label(
      nation,
      ['POL', 'UKR', 'LTU'].filter((n) => n !== nation),
    ),
    state: 'ACTIVE',
    version: 1,
    ...over,
  };
}

function entry(
  id: string,
  nation: string,
  kind: RestrictedEntry['kind'],
  [lowMHz, highMHz]: [number, number],
  reason: string,
  over: Partial<RestrictedEntry> = {},
): RestrictedEntry {
  return {
    id,
    nation,
    kind,
    lowMHz,
    highMHz,
    reason,
    label: label(nation, ['POL', 'UKR', 'LTU']),
    version: 1,
    ...over,
  };
}

/** POL's datalink ground station 10 km north of the circle's centre: 8 km from the circle, 12.3 km from the site. */
const polDatalink = () =>
  assignment('pol-dl-1', 'POL', 'DATALINK', [1000, 1020], at(50 + 10 * KM, 23.9), { thresholdDbm: -100 });
/** POL's radio 5 km east of the jammer's site: 5 km from the site, 10.1 km from the circle. */
const polRadio = () =>
  assignment('pol-radio-1', 'POL', 'COMMS', [1050, 1060], at(50, destination(SITE, 5000, 90).lon), {
    thresholdDbm: -110,
  });

function input(over: Partial<JammingSpectrumInput> = {}, jamming: Partial<JammingSpectrumInput['jamming']> = {}) {
  return {
    nation: 'UKR',
    label: REQUEST_LABEL,
    jamming: {
      effectorId: 'ukr-ew-1',
      lowMHz: 990,
      highMHz: 1110,
      center: CENTER,
      radiusM: 2000,
      durationS: 120,
      sectorId: 'ukr-west',
      sectorNation: 'UKR',
      ...jamming,
    },
    jammer: { id: 'ukr-ew-1', nation: 'UKR', kind: 'EW_JAMMER' as const, position: SITE },
    nowMs: T0,
    untilMs: T0 + 240_000,
    assignments: [],
    restricted: [],
    ...over,
  } satisfies JammingSpectrumInput;
}

const value = <T>(o: Outcome<T>): T => {
  if (!o.ok) throw new Error(`refused: ${o.rule}: ${o.message}`);
  return o.value;
};
const detailOf = (checks: { check: string; detail: string }[], name: string) =>
  checks.find((c) => c.check === name)?.detail;

describe('TABOO bands refuse the jamming, naming the band', () => {
  it('1560-1600 MHz (widened 1550-1610) over GNSS L1 1559-1610: refused TABOO_BAND, even with an empty bucket', () => {
    expect(REFUSAL_RULES).toContain('TABOO_BAND');
    expect(checkJammingSpectrum(input({}, { lowMHz: 1560, highMHz: 1600 }))).toEqual({
      ok: false,
      rule: 'TABOO_BAND',
      message:
        'Jamming 1560-1600 MHz (with its guard band 1550-1610 MHz) covers TABOO band 1559-1610 MHz (GNSS L1 (GPS L1, Galileo E1, GLONASS G1, BeiDou B1)): nobody may jam it unless it is waived.',
    });
  });

  it('30 MHz higher than the test band (1020-1140, widened 990-1170) it reaches GNSS L5 1164-1189', () => {
    const r = checkJammingSpectrum(input({}, { lowMHz: 1020, highMHz: 1140 }));
    expect(r.ok || r.message).toMatch(/covers TABOO band 1164-1189 MHz \(GNSS L5/);
  });

  it("a nation's own C2 net (TABOO, SECRET, not releasable to UKR) is named by its edges only, never by owner or reason", () => {
    const net = entry('pol-c2', 'POL', 'TABOO', [300, 310], 'POL corps command net', { label: secret('POL') });
    const r = checkJammingSpectrum(input({ restricted: [net] }, { lowMHz: 290, highMHz: 320 }));
    expect(r).toMatchObject({ ok: false, rule: 'TABOO_BAND' });
    const message = r.ok ? '' : r.message;
    expect(message).toBe(
      'Jamming 290-320 MHz (with its guard band 282.5-327.5 MHz) covers TABOO band 300-310 MHz: nobody may jam it unless it is waived.',
    );
    expect(message).not.toMatch(/POL|command|c2/i);
  });

  it('two TABOO bands at once are both named (L2 1215-1240 and L5 1164-1189)', () => {
    const r = checkJammingSpectrum(input({}, { lowMHz: 1170, highMHz: 1230 }));
    expect(r.ok ? '' : r.message).toMatch(
      /TABOO band 1164-1189 MHz .* and TABOO band 1215-1240 MHz .*nobody may jam them unless they are waived\.$/,
    );
  });

  it('waived for the whole window (the NAT entry replaced from the bucket with a waiver): passes, and the deciders see the waiver', () => {
    const waived = (validTo?: number) =>
      entry('taboo-gnss-l1', 'NAT', 'TABOO', [1559, 1610], 'GNSS L1', {
        noTransmission: true,
        waiver: {
          by: 'NAT',
          reason: 'GNSS jamming trial, NOTAM A1234/26',
          ...(validTo ? { validTo: iso(validTo) } : {}),
        },
      });
    const l1 = (restricted: RestrictedEntry[]) =>
      checkJammingSpectrum(input({ restricted }, { lowMHz: 1560, highMHz: 1600 }));
    const open = value(l1([waived()]));
    expect(open.concurrence).toEqual([]);
    expect(detailOf(open.checks, 'Spectrum: restricted bands')).toBe(
      'TABOO 1559-1610 MHz of NAT (GNSS L1): waived by NAT until withdrawn (GNSS jamming trial, NOTAM A1234/26)',
    );
    // Until exactly the end of the window [T0, T0 + 240 s): enough. A second earlier: the jamming could outlast it.
    expect(l1([waived(T0 + 240_000)]).ok).toBe(true);
    expect(l1([waived(T0 + 239_000)])).toMatchObject({ ok: false, rule: 'TABOO_BAND' });
    // A bucket entry may waive a protected band, never drop it; another owner's entry with the same id waives nothing.
    expect(l1([{ ...waived(), removed: true }])).toMatchObject({ ok: false, rule: 'TABOO_BAND' });
    expect(l1([{ ...waived(), nation: 'UKR' }])).toMatchObject({ ok: false, rule: 'TABOO_BAND' });
  });
});

describe('PROTECTED and GUARDED bands add the owning nation to the concurrence', () => {
  const link16 = entry('pol-link16', 'POL', 'PROTECTED', [960, 1215], 'Link 16');
  const ltuGuard = entry('ltu-guard', 'LTU', 'GUARDED', [1000, 1010], 'SIGINT on the adversary UAS link', {
    label: secret('LTU'),
  });
  const ukrOwn = entry('ukr-own', 'UKR', 'PROTECTED', [1100, 1110], 'UKR brigade datalink');

  it("a partner's PROTECTED datalink band: one commander of POL must concur, named with its reason", () => {
    const r = value(checkJammingSpectrum(input({ restricted: [link16] })));
    expect(r.concurrence).toEqual([{ nation: 'POL', count: 1 }]);
    expect(detailOf(r.checks, 'Spectrum: restricted bands')).toBe(
      'PROTECTED 960-1215 MHz of POL (Link 16): a commander of POL must concur',
    );
  });

  it('a GUARDED band adds the guarding nation; partners read only "a restricted band" and its edges', () => {
    const r = value(checkJammingSpectrum(input({ restricted: [ltuGuard] })));
    expect(r.concurrence).toEqual([{ nation: 'LTU', count: 1 }]);
    const detail = detailOf(r.checks, 'Spectrum: restricted bands')!;
    expect(detail).toBe('a restricted band 1000-1010 MHz');
    expect(JSON.stringify(r.checks)).not.toMatch(/GUARDED|SIGINT|ltu-guard|LTU/);
  });

  it('its own PROTECTED band adds nobody (UKR decides anyway)', () => {
    const r = value(checkJammingSpectrum(input({ restricted: [ukrOwn] })));
    expect(r.concurrence).toEqual([]);
    expect(detailOf(r.checks, 'Spectrum: restricted bands')).toBe(
      "PROTECTED 1100-1110 MHz of UKR (UKR brigade datalink): the requesting nation's own",
    );
  });

  it('all three: LTU and POL, sorted, once each', () => {
    const r = value(checkJammingSpectrum(input({ restricted: [link16, ltuGuard, ukrOwn] })));
    expect(r.concurrence).toEqual([
      { nation: 'LTU', count: 1 },
      { nation: 'POL', count: 1 },
    ]);
  });

  it('a waived PROTECTED band, and one the jamming does not reach (1200-1215 vs widened 960-1140), add nobody', () => {
    const r = value(
      checkJammingSpectrum(
        input({
          restricted: [
            { ...link16, waiver: { by: 'POL', reason: 'link off the air for maintenance' } },
            entry('pol-high', 'POL', 'PROTECTED', [1140, 1150], 'touches the widened edge only'),
          ],
        }),
      ),
    );
    expect(r.concurrence).toEqual([]);
  });

  it("merges with the two-nation rule: POL's sector and POL's band make one POL commander, not two", () => {
    const newJamming = (sectorNation: string): NewRequest => ({
      id: 'ukr-jam-1',
      kind: 'JAMMING',
      nation: 'UKR',
      label: REQUEST_LABEL,
      requestedBy: { kind: 'SERVICE', id: 'ukr-interceptor', nation: 'UKR' },
      engagement: null,
      jamming: input({}, { sectorId: 's', sectorNation }).jamming,
      wcsChange: null,
      autonomyChange: null,
    });
    const open = (sectorNation: string, concurrence = [{ nation: 'POL', count: 1 }]) => {
      const o = openRequest(newJamming(sectorNation), { nowMs: T0, policy: DEFAULT_POLICY, concurrence });
      return o.ok ? o.value.requiredApprovals : o.rule;
    };
    expect(open('POL')).toEqual([
      { nation: 'UKR', count: 1 },
      { nation: 'POL', count: 1 },
    ]);
    expect(open('UKR')).toEqual([
      { nation: 'UKR', count: 1 },
      { nation: 'POL', count: 1 },
    ]);
    expect(open('UKR', [])).toEqual([{ nation: 'UKR', count: 1 }]);
    expect(
      open('POL', [
        { nation: 'LTU', count: 1 },
        { nation: 'UKR', count: 1 },
      ]),
    ).toEqual([
      { nation: 'UKR', count: 1 },
      { nation: 'POL', count: 1 },
      { nation: 'LTU', count: 1 },
    ]);
  });
});

describe('at launch', () => {
  it('every nation whose band the jamming now covers must have approved it (a DENY or a VETO is no concurrence)', () => {
    const spectrum = { concurrence: [{ nation: 'POL', count: 1 }], named: ['POL'], checks: [] };
    const decision = (nation: string, d: 'APPROVE' | 'DENY') => ({
      decision: d,
      by: { username: `${nation.toLowerCase()}-cmdr`, nation },
      reason: 'r',
      at: iso(T0),
    });
    expect(concurredAtLaunch({ id: 'j', decisions: [decision('UKR', 'APPROVE')] }, spectrum)).toEqual({
      ok: false,
      rule: 'SITUATION_CHANGED',
      message: 'Jamming j now covers restricted bands of POL, whose commanders did not concur: ask again.',
    });
    expect(concurredAtLaunch({ id: 'j', decisions: [decision('POL', 'DENY')] }, spectrum).ok).toBe(false);
    expect(
      concurredAtLaunch({ id: 'j', decisions: [decision('UKR', 'APPROVE'), decision('POL', 'APPROVE')] }, spectrum).ok,
    ).toBe(true);
    expect(concurredAtLaunch({ id: 'j', decisions: [] }, { concurrence: [], named: [], checks: [] }).ok).toBe(true);
  });
});

describe('victims are listed with their margins', () => {
  it('POL datalink 8 km from the circle (49.5 dB) and POL radio 5 km from the site (63.2 dB), largest first', () => {
    // Datalink: widened 998-1022 in 960-1140, worst frequency 998 MHz; FSPL(8 km) = 18.06 + 59.98 + 32.44 = 110.48 dB.
    const dl = DEFAULT_JAMMER_EIRP_DBM - fsplDb(8, 998) + 100;
    // Radio: widened 1049-1061, worst 1049 MHz; FSPL(5 km) = 13.98 + 60.42 + 32.44 = 106.84 dB.
    const radio = DEFAULT_JAMMER_EIRP_DBM - fsplDb(5, 1049) + 110;
    expect([dl, radio].map((m) => Math.round(m * 100) / 100)).toEqual([49.52, 63.17]);
    const r = value(checkJammingSpectrum(input({ assignments: [polDatalink(), polRadio()] })));
    expect(r.checks.map((c) => [c.check, c.ok, c.detail])).toEqual([
      ['Spectrum: restricted bands', true, 'no restricted band covered'],
      [
        'Spectrum: victims',
        false,
        '2 would be harmed, largest margin 63.2 dB; jammer 60 dBm EIRP (EW_JAMMER default), antenna 10 m, free space from its site and over the 2.0 km circle, until 2026-11-26T12:04:00.000Z',
      ],
      [
        'Spectrum: victim 1',
        false,
        "COMMS POL/pol-radio-1 (pol-radio-1 system): margin 63.2 dB at 1049 MHz, 5.0 km from the jammer's site",
      ],
      [
        'Spectrum: victim 2',
        false,
        'DATALINK POL/pol-dl-1 (pol-dl-1 system): margin 49.5 dB at 998 MHz, 8.0 km from the jammed circle',
      ],
    ]);
  });

  it("the jammer's own JAMMER assignment sets its power and mast: 40 dBm, 20 dB less margin (29.5 dB)", () => {
    const own = assignment('ukr-ew-1', 'UKR', 'JAMMER', [990, 1110], at(SITE.lat, SITE.lon), { eirpDbm: 40 });
    const r = value(checkJammingSpectrum(input({ assignments: [own, polDatalink()] })));
    expect(detailOf(r.checks, 'Spectrum: victims')).toMatch(
      /^1 would be harmed, largest margin 29\.5 dB; jammer 40 dBm EIRP \(assignment ukr-ew-1\)/,
    );
  });

  it('nothing in reach: ok; an ENDED assignment, another band or one beyond the horizon (26 km for two 10 m masts) harms nothing', () => {
    const far = assignment('pol-far', 'POL', 'DATALINK', [1000, 1020], at(50 + 40 * KM, 23.9), { thresholdDbm: -100 });
    const ended = { ...polDatalink(), id: 'pol-ended', state: 'ENDED' as const };
    const other = assignment('pol-uhf', 'POL', 'COMMS', [300, 310], at(50, 23.9), { thresholdDbm: -110 });
    const r = value(checkJammingSpectrum(input({ assignments: [far, ended, other] })));
    expect(r.checks.find((c) => c.check === 'Spectrum: victims')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^no assignment would be harmed; /),
    });
  });

  it('at most 12 checks with the concurrence: 7 victims one by one, the rest summed up; every name once', () => {
    const many = Array.from({ length: 10 }, (_, i) =>
      assignment(`pol-dl-${i}`, 'POL', 'DATALINK', [1000, 1020], at(50 + (5 + i) * KM, 23.9), { thresholdDbm: -100 }),
    );
    const withheld = { ...polRadio(), label: secret('POL') };
    const r = value(checkJammingSpectrum(input({ assignments: [...many, withheld] })));
    expect(r.checks.length).toBe(11); // + Concurrence, added by the authority = 12, the contract's limit
    expect(new Set(r.checks.map((c) => c.check)).size).toBe(r.checks.length);
    expect(detailOf(r.checks, 'Spectrum: more victims')).toMatch(
      /^3 more would be harmed, margins \d+\.\d-\d+\.\d dB$/,
    );
    for (const c of r.checks) {
      expect(c.check.length).toBeLessThanOrEqual(40);
      expect(c.detail.length).toBeLessThanOrEqual(300);
    }
  });
});

describe('a victim not releasable to every party of the request', () => {
  /** POL's ESM receiver, SECRET POL only (the request is RESTRICTED, releasable to POL and LTU). */
  const esm = (bearing: number, km: number): SpectrumAssignment => ({
    ...assignment('pol-esm-secret', 'POL', 'ESM_RX', [1080, 1090], at(0, 0), { thresholdDbm: -120 }),
    system: 'NARVAL intercept receiver',
    label: secret('POL'),
    location: { kind: 'POINT', point: destination(CENTER, km * 1000, bearing), antennaHeightM: 10 },
  });

  it('is one fixed sentence: no id, system, use, nation, margin, frequency, distance or place', () => {
    const r = value(checkJammingSpectrum(input({ assignments: [esm(0, 3)] })));
    expect(r.checks.map((c) => [c.check, c.ok, c.detail])).toEqual([
      ['Spectrum: restricted bands', true, 'no restricted band covered'],
      [
        'Spectrum: victims',
        false,
        'none that every party may see would be harmed; jammer 60 dBm EIRP (EW_JAMMER default), antenna 10 m, free space from its site and over the 2.0 km circle, until 2026-11-26T12:04:00.000Z',
      ],
      ['Spectrum: withheld victims', false, 'an assignment not releasable to every party would be harmed'],
    ]);
    expect(JSON.stringify(r.checks)).not.toMatch(/esm|NARVAL|ESM_RX|POL|108\d|dB[^m]|km from|50\.0/);
  });

  it('moving it anywhere in reach, or adding a second, changes no word (margins would locate it over repeated requests)', () => {
    const reference = JSON.stringify(value(checkJammingSpectrum(input({ assignments: [esm(0, 3)] }))).checks);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 359.9, noNaN: true }),
        fc.double({ min: 0, max: 15, noNaN: true }),
        fc.boolean(),
        (bearing, km, second) => {
          const assignments = [
            esm(bearing, km),
            ...(second ? [{ ...esm(bearing + 90, km / 2), id: 'pol-esm-2' }] : []),
          ];
          expect(JSON.stringify(value(checkJammingSpectrum(input({ assignments }))).checks)).toBe(reference);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('beside a shareable victim it is neither counted nor ranked', () => {
    const r = value(checkJammingSpectrum(input({ assignments: [esm(0, 1), polDatalink()] })));
    expect(detailOf(r.checks, 'Spectrum: victims')).toMatch(/^1 would be harmed, largest margin 49\.5 dB/);
    expect(r.checks.map((c) => c.check)).toEqual([
      'Spectrum: restricted bands',
      'Spectrum: victims',
      'Spectrum: victim 1',
      'Spectrum: withheld victims',
    ]);
  });
});

describe('the restricted list', () => {
  it('always holds the protected bands, labelled releasable to the parties; bucket entries are added', () => {
    const list = restrictedList([entry('pol-link16', 'POL', 'PROTECTED', [960, 1215], 'Link 16')], ['UKR', 'POL']);
    expect(list.map((e) => `${e.nation}/${e.id}`)).toEqual([
      'NAT/taboo-gnss-l1',
      'NAT/taboo-gnss-l2',
      'NAT/taboo-gnss-l5',
      'NAT/taboo-aero-121-5',
      'NAT/taboo-mil-243',
      'NAT/taboo-cospas-sarsat',
      'POL/pol-link16',
    ]);
    expect(list[0]!.label.releasableTo).toEqual(['UKR', 'POL']);
  });

  it('cuts a long list of bands short, saying how many more', () => {
    expect(joinWithin(['aaaa', 'bbbb', 'cccc'], 100)).toBe('aaaa; bbbb; cccc');
    expect(joinWithin(['aaaa', 'bbbb', 'cccc'], 16)).toBe('aaaa; 2 more');
    expect(joinWithin(['a'.repeat(40), 'b'], 20)).toBe(`${'a'.repeat(11)}…; 1 more`);
  });
});

describe("the jammer's own JAMMER assignment", () => {
  it('not releasable to every party of the request: never used (no id, power or height), the defaults instead', () => {
    // UKR's national assignment: RESTRICTED, UKR only (the request is releasable to POL and LTU too).
    const national = assignment('ukr-ew-1', 'UKR', 'JAMMER', [990, 1110], at(SITE.lat, SITE.lon, 23), {
      eirpDbm: 47.3,
      label: label('UKR', [], 'RESTRICTED'),
    });
    const withIt = value(checkJammingSpectrum(input({ assignments: [national, polDatalink()] })));
    const without = value(checkJammingSpectrum(input({ assignments: [polDatalink()] })));
    // Not a word differs, the victims' margins included (they would reveal the EIRP).
    expect(withIt.checks).toEqual(without.checks);
    expect(detailOf(withIt.checks, 'Spectrum: victims')).toMatch(
      /^1 would be harmed, largest margin 49\.5 dB; jammer 60 dBm EIRP \(EW_JAMMER default\), antenna 10 m,/,
    );
    expect(JSON.stringify(withIt.checks)).not.toMatch(/47\.3|assignment ukr-ew-1|23 m/);
  });

  it('releasable to every party: used, and named', () => {
    const shared = assignment('ukr-ew-1', 'UKR', 'JAMMER', [990, 1110], at(SITE.lat, SITE.lon, 23), { eirpDbm: 47.3 });
    const r = value(checkJammingSpectrum(input({ assignments: [shared, polDatalink()] })));
    expect(detailOf(r.checks, 'Spectrum: victims')).toMatch(
      /^1 would be harmed, largest margin 36\.8 dB; jammer 47\.3 dBm EIRP \(assignment ukr-ew-1\), antenna 23 m,/,
    );
  });
});

describe('a TABOO band refusing the jamming', () => {
  const taboo = (l: Label) => entry('c2', l.originator, 'TABOO', [300, 310], 'corps command net', { label: l });
  const refusal = (l: Label) => {
    const r = checkJammingSpectrum(input({ restricted: [taboo(l)] }, { lowMHz: 290, highMHz: 320 }));
    return r.ok ? '' : r.message;
  };
  const edgesOnly =
    'Jamming 290-320 MHz (with its guard band 282.5-327.5 MHz) covers TABOO band 300-310 MHz: nobody may jam it unless it is waived.';

  it("names its reason only when every party of the request may see it (a refusal at LAUNCH is audited under the request's id)", () => {
    // The requester's own national entry, and POL's entry releasable to UKR alone: LTU is a party too.
    expect(refusal(label('UKR', [], 'RESTRICTED'))).toBe(edgesOnly);
    expect(refusal(label('POL', ['UKR'], 'RESTRICTED'))).toBe(edgesOnly);
    // Releasable to all three: named.
    expect(refusal(label('POL', ['UKR', 'LTU'], 'RESTRICTED'))).toMatch(
      /covers TABOO band 300-310 MHz \(corps command net\)/,
    );
    // Classified above the request: nobody reading the request is cleared for it.
    expect(refusal(label('UKR', ['POL', 'LTU'], 'SECRET'))).toBe(edgesOnly);
  });
});

describe('who guards a withheld band: never named by a refusal, never told by the order of the checks', () => {
  const UKR_POL = label('UKR', ['POL'], 'RESTRICTED');
  /** LTU guards 1000-1010 MHz: SECRET, LTU only. */
  const ltuGuard = entry('ltu-guard', 'LTU', 'GUARDED', [1000, 1010], 'SIGINT on the adversary UAS link', {
    label: secret('LTU'),
  });
  const link16 = entry('pol-link16', 'POL', 'PROTECTED', [960, 1215], 'Link 16');

  /** What core.open does: the spectrum, the request, then who must be able to see it. */
  function open(restricted: RestrictedEntry[], requestLabel: Label, sectorNation = 'UKR') {
    const spectrum = value(checkJammingSpectrum(input({ label: requestLabel, restricted }, { sectorNation })));
    const req: NewRequest = {
      id: 'ukr-jam-1',
      kind: 'JAMMING',
      nation: 'UKR',
      label: requestLabel,
      requestedBy: { kind: 'SERVICE', id: 'ukr-interceptor', nation: 'UKR' },
      engagement: null,
      jamming: input({}, { sectorId: 's', sectorNation }).jamming,
      wcsChange: null,
      autonomyChange: null,
    };
    const opened = value(openRequest(req, { nowMs: T0, policy: DEFAULT_POLICY, concurrence: spectrum.concurrence }));
    const known = requiredApprovals(req, DEFAULT_POLICY).map((r) => r.nation);
    return { opened, refusal: visibleToApprovers(opened, unnamedOwners(spectrum, known)) };
  }
  const message = (o: Outcome<true>) => (o.ok ? '' : o.message);

  it('NOT_RELEASABLE_TO_APPROVERS does not name the nation a withheld band added (it would map every band to its owner)', () => {
    const { opened, refusal } = open([ltuGuard], UKR_POL);
    expect(opened.requiredApprovals.map((r) => r.nation)).toEqual(['UKR', 'LTU']);
    expect(refusal).toEqual({
      ok: false,
      rule: 'NOT_RELEASABLE_TO_APPROVERS',
      message:
        'Commanders of other nations whose restricted bands the jamming covers (not named: not every party may see those bands) must concur but may not see this request: label it releasable to them (as its target, effector and, for a jamming, the bands it covers allow).',
    });
    expect(message(refusal)).not.toMatch(/LTU/);
  });

  it('names it when a band every party may see, or the two-nation rule, requires it anyway', () => {
    const visible = { ...ltuGuard, label: label('LTU', ['UKR', 'POL'], 'RESTRICTED') };
    expect(message(open([visible], UKR_POL).refusal)).toMatch(/^Commanders of LTU must concur but may not see/);
    // LTU's sector: its commander must concur whatever the bands.
    expect(message(open([ltuGuard], UKR_POL, 'LTU').refusal)).toMatch(/^Commanders of LTU must concur but may not see/);
    // POL named (its band is shared), LTU not.
    const both = message(open([link16, ltuGuard], label('UKR', [], 'RESTRICTED')).refusal);
    expect(both).toMatch(/^Commanders of POL and of other nations whose restricted bands the jamming covers/);
    expect(both).not.toMatch(/LTU/);
  });

  it('SITUATION_CHANGED at launch (audited under the request id) names only the nations of bands every party may see', () => {
    const spectrum = value(checkJammingSpectrum(input({ restricted: [link16, ltuGuard] })));
    expect(spectrum.concurrence.map((c) => c.nation)).toEqual(['LTU', 'POL']);
    const approvedBy = (...nations: string[]) => ({
      id: 'j',
      decisions: nations.map((nation) => ({
        decision: 'APPROVE' as const,
        by: { username: `${nation.toLowerCase()}-cmdr`, nation },
        reason: 'r',
        at: iso(T0),
      })),
    });
    expect(concurredAtLaunch(approvedBy('UKR'), spectrum)).toEqual({
      ok: false,
      rule: 'SITUATION_CHANGED',
      message:
        'Jamming j now covers restricted bands of POL and of other nations, whose commanders did not concur: ask again.',
    });
    expect(concurredAtLaunch(approvedBy('UKR', 'POL'), spectrum)).toEqual({
      ok: false,
      rule: 'SITUATION_CHANGED',
      message: 'Jamming j now covers restricted bands of other nations, whose commanders did not concur: ask again.',
    });
    expect(concurredAtLaunch(approvedBy('UKR', 'POL', 'LTU'), spectrum).ok).toBe(true);
  });

  it('withheld bands are listed apart from the named ones, by frequency: whichever nation owns which, not a word differs', () => {
    const bands: [number, number][] = [
      [1000, 1010],
      [1020, 1030],
      [1050, 1060],
    ];
    const owners = ['POL', 'LTU', 'UKR'];
    const detail = (order: string[]) =>
      detailOf(
        value(
          checkJammingSpectrum(
            input({
              restricted: [
                link16,
                ...bands.map((b, i) =>
                  entry(`guard-${i}`, order[i]!, 'GUARDED', b, `${order[i]!} secret`, { label: secret(order[i]!) }),
                ),
              ],
            }),
          ),
        ).checks,
        'Spectrum: restricted bands',
      );
    const expected =
      'PROTECTED 960-1215 MHz of POL (Link 16): a commander of POL must concur; a restricted band 1000-1010 MHz; a restricted band 1020-1030 MHz; a restricted band 1050-1060 MHz';
    fc.assert(
      fc.property(fc.shuffledSubarray(owners, { minLength: 3, maxLength: 3 }), (order) => {
        expect(detail(order)).toBe(expected);
      }),
    );
  });
});

describe('an assignment tied to a reservation is judged where the reservation is', () => {
  /** POL's ROZ 7, a 6 km circle over the jammer's site and the jammed circle (7.15 km apart). */
  const roz = (over: Partial<AirspaceVolume> = {}): AirspaceVolume =>
    ({
      id: 'pol-roz-7',
      name: 'POL ROZ 7',
      kind: 'ROZ',
      nation: 'POL',
      label: label('POL', ['UKR', 'LTU']),
      floorM: 0,
      ceilingM: 1500,
      circle: { center: { lat: 50, lon: 23.95 }, radiusM: 6000 },
      state: 'ACTIVE',
      version: 1,
      ...over,
    }) as AirspaceVolume;
  /** Its drones' datalink, stated at their ground station 40 km north (beyond the radio horizon of the jammer). */
  const tied = () =>
    assignment('pol-dl-roz', 'POL', 'DATALINK', [1000, 1020], at(50 + 40 * KM, 23.9), {
      thresholdDbm: -100,
      tiedReservation: { nation: 'POL', id: 'pol-roz-7' },
    });
  const of = (r: AirspaceVolume | undefined) => (nation: string, id: string) =>
    r && nation === r.nation && id === r.id ? r : undefined;

  it('a jammer over the ROZ the datalink is tied to harms it, far from its stated point', () => {
    const r = value(checkJammingSpectrum(input({ assignments: [tied()], reservations: of(roz()) })));
    expect(r.checks.map((c) => c.check)).toEqual([
      'Spectrum: restricted bands',
      'Spectrum: victims',
      'Spectrum: victim 1',
    ]);
    expect(detailOf(r.checks, 'Spectrum: victim 1')).toMatch(
      /^DATALINK POL\/pol-dl-roz \(pol-dl-roz system\): margin \d+\.\d dB at 998 MHz, 0\.0 km from the (jammer's site|jammed circle)$/,
    );
    // Inside the ROZ but far from the site and the circle's centre (the ROZ 30 km wide, centred 12 km south): still a victim.
    const wide = roz({
      circle: { center: destination(CENTER, 12_000, 180), radiusM: 15_000 },
    } as Partial<AirspaceVolume>);
    expect(
      value(checkJammingSpectrum(input({ assignments: [tied()], reservations: of(wide) }))).checks.map((c) => c.check),
    ).toContain('Spectrum: victim 1');
  });

  it('where it says it is when its reservation is unknown or ENDED (out of reach there)', () => {
    for (const reservations of [undefined, of(undefined), of(roz({ state: 'ENDED' }))]) {
      const r = value(
        checkJammingSpectrum(input({ assignments: [tied()], ...(reservations ? { reservations } : {}) })),
      );
      expect(detailOf(r.checks, 'Spectrum: victims')).toMatch(/^no assignment would be harmed; /);
    }
  });

  it('the index it is given is not changed (the mirror keeps assignments as stored)', () => {
    const index = new SpectrumIndex([tied()]);
    value(checkJammingSpectrum(input({ assignments: index, reservations: of(roz()) })));
    expect(index.get('POL', 'pol-dl-roz')!.location).toEqual(tied().location);
  });

  it('a ROZ not releasable to every party: the fixed withheld sentence, wherever the ROZ is (its distance would locate it)', () => {
    const hidden = (bearing: number, km: number) =>
      roz({
        label: secret('POL'),
        circle: { center: destination(CENTER, km * 1000, bearing), radiusM: 1000 },
      } as Partial<AirspaceVolume>);
    const checksOf = (r: AirspaceVolume) =>
      value(checkJammingSpectrum(input({ assignments: [tied()], reservations: of(r) }))).checks;
    const reference = checksOf(hidden(0, 1));
    expect(reference.map((c) => [c.check, c.detail])).toEqual([
      ['Spectrum: restricted bands', 'no restricted band covered'],
      [
        'Spectrum: victims',
        'none that every party may see would be harmed; jammer 60 dBm EIRP (EW_JAMMER default), antenna 10 m, free space from its site and over the 2.0 km circle, until 2026-11-26T12:04:00.000Z',
      ],
      ['Spectrum: withheld victims', 'an assignment not releasable to every party would be harmed'],
    ]);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 359.9, noNaN: true }),
        fc.double({ min: 0, max: 12, noNaN: true }),
        (b, km) => {
          expect(JSON.stringify(checksOf(hidden(b, km)))).toBe(JSON.stringify(reference));
        },
      ),
      { numRuns: 100 },
    );
  });
});
