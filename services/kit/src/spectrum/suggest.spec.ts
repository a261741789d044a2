import { describe, expect, it } from 'vitest';
import { defaultTabooList, type SpectrumAssignment } from '@tessera/schema';
import { findSpectrumConflicts, interference, spectrumConflictsWith, SpectrumIndex } from './engine.ts';
import {
  POWER_EPSILON_DB,
  suggestChannel,
  suggestPowerReductions,
  suggestResolutions,
  suggestTimeSplits,
} from './suggest.ts';
import { assignment, at, HOUR, iso, M_PER_DEG, T0 } from './test-assignments.ts';

const KM = 1000 / M_PER_DEG;
/** Drone datalinks near 2.4 GHz, 30 dBm (1 W), antennas 50 m, threshold −90 dBm, 10 MHz wide (guard 1 MHz). */
const link = (id: string, nation: string, low: number, km: number, over: Partial<SpectrumAssignment> = {}) =>
  assignment(id, nation, 'DATALINK', [low, low + 10], at(50 + km * KM, 22, 50), {
    eirpDbm: 30,
    thresholdDbm: -90,
    ...over,
  });

describe('suggested channel', () => {
  // POL at 2405-2415 tunable 2400-2483.5; UKR 2410-2420 and LTU 2424-2434 nearby; DEU 2436-2446 far (300 km).
  const pol = link('pol-dl', 'POL', 2405, 0, { tunable: { lowMHz: 2400, highMHz: 2483.5 } });
  const others = [link('ukr-dl', 'UKR', 2410, 5), link('ltu-dl', 'LTU', 2424, 3), link('deu-dl', 'DEU', 2436, 300)];
  const index = new SpectrumIndex([pol, ...others]);

  it('the nearest band that clears EVERY conflict of the assignment, checked by the engine', () => {
    expect(spectrumConflictsWith(pol, index).map((c) => c.sides.map((s) => s.id))).toEqual([['pol-dl', 'ukr-dl']]);
    const s = suggestChannel(pol, index)!;
    // Above UKR: widened UKR ends at 2421, so POL's widened low 2421 → low 2422; but LTU's widened
    // band starts at 2423: POL (2422-2432, widened 2421-2433) would hit it. Below UKR: POL's widened
    // high must stay at 2409 → high 2408, low 2398: outside the tunable range. Next above LTU: LTU
    // widened ends 2435 → low 2436 (DEU at 2436 is 300 km away, beyond the horizon).
    expect(s.lowMHz).toBeCloseTo(2436, 6);
    expect(s.highMHz - s.lowMHz).toBeCloseTo(10, 9);
    const moved = { ...pol, lowMHz: s.lowMHz, highMHz: s.highMHz };
    expect(spectrumConflictsWith(moved, index)).toEqual([]);
    index.upsert(moved);
    expect(findSpectrumConflicts(index)).toEqual([]);
    index.upsert(pol);
  });

  it('no tunable range: no channel; a range with no free band: none', () => {
    const fixed = { ...pol };
    delete fixed.tunable;
    expect(suggestChannel(fixed, index)).toBeNull();
    expect(suggestChannel({ ...pol, tunable: { lowMHz: 2400, highMHz: 2425 } }, index)).toBeNull();
  });

  it('avoids TABOO bands for a transmitter', () => {
    // a 2 MHz radio at 404-406 tunable 400-410 (guard 0.2), next to a UKR radio at 401-403 nearby
    const radio = assignment('pol-r', 'POL', 'COMMS', [403, 405], at(50, 22), {
      eirpDbm: 30,
      thresholdDbm: -100,
      tunable: { lowMHz: 400, highMHz: 410 },
    });
    const ukr = assignment('ukr-r', 'UKR', 'COMMS', [401, 403], at(50 + KM, 22), { eirpDbm: 30, thresholdDbm: -100 });
    const restricted = defaultTabooList();
    const idx = new SpectrumIndex([radio, ukr]);
    const s = suggestChannel(radio, idx, { restricted })!;
    const moved = { ...radio, lowMHz: s.lowMHz, highMHz: s.highMHz };
    expect(spectrumConflictsWith(moved, idx, { restricted })).toEqual([]);
    expect(s.lowMHz >= 406.1 + 0.2 || s.highMHz <= 406 - 0.2).toBe(true);
  });
});

describe('power reduction clears exactly the margin', () => {
  const tx = assignment('tx', 'POL', 'COMMS', [300, 310], at(50, 22), { eirpDbm: 40 });
  const rx = assignment('rx', 'UKR', 'COMMS', [305, 315], at(50 + 2 * KM, 22), { thresholdDbm: -100 });
  const [c] = findSpectrumConflicts([tx, rx]);

  it(`new EIRP = old − margin − ${POWER_EPSILON_DB} dB; no conflict then, and ${2 * POWER_EPSILON_DB} dB more power is one again`, () => {
    const margin = c!.severityDb!;
    const [p, ...rest] = suggestPowerReductions(c!);
    expect(rest).toEqual([]);
    expect(p!.assignment).toEqual({ nation: 'POL', id: 'tx', version: 1 });
    expect(p!.toDbm).toBeCloseTo(40 - margin - 0.01, 9);
    expect(p!.reductionDb).toBeCloseTo(margin + 0.01, 9);
    expect(p!.clearsConflict).toBe(true);
    expect(interference({ ...tx, eirpDbm: p!.toDbm }, rx)).toBeNull();
    const again = interference({ ...tx, eirpDbm: p!.toDbm + 2 * POWER_EPSILON_DB }, rx)!;
    expect(again.marginDb).toBeCloseTo(POWER_EPSILON_DB, 6);
  });

  it('when both sides harm each other, each reduction clears only its direction', () => {
    const both = findSpectrumConflicts([
      { ...tx, thresholdDbm: -100 },
      { ...rx, eirpDbm: 40 },
    ])[0]!;
    const ps = suggestPowerReductions(both);
    expect(ps.map((p) => [p.assignment.id, p.clearsConflict])).toEqual([
      ['tx', false],
      ['rx', false],
    ]);
  });
});

describe('time split', () => {
  const tx = assignment('tx', 'POL', 'COMMS', [300, 310], at(50, 22), {
    eirpDbm: 40,
    validFrom: iso(T0),
    validTo: iso(T0 + 4 * HOUR),
  });
  const rx = assignment('rx', 'UKR', 'COMMS', [305, 315], at(50 + KM, 22), {
    thresholdDbm: -100,
    validFrom: iso(T0 + 2 * HOUR),
    validTo: iso(T0 + 6 * HOUR),
  });
  it('each side cut against the other: POL ends at 14:00, or UKR starts at 16:00; each verified', () => {
    const [c] = findSpectrumConflicts([tx, rx]);
    const splits = suggestTimeSplits(c!);
    expect(splits.map((s) => [s.assignment.id, s.validFrom, s.validTo])).toEqual([
      ['tx', iso(T0), iso(T0 + 2 * HOUR)],
      ['rx', iso(T0 + 4 * HOUR), iso(T0 + 6 * HOUR)],
    ]);
    for (const s of splits) {
      const side = s.assignment.id === 'tx' ? tx : rx;
      const moved = { ...side, validFrom: s.validFrom!, validTo: s.validTo! };
      expect(findSpectrumConflicts(side === tx ? [moved, rx] : [tx, moved])).toEqual([]);
    }
  });
  it('suggestResolutions offers them all', () => {
    const [c] = findSpectrumConflicts([tx, rx]);
    const kinds = suggestResolutions(c!, new SpectrumIndex([tx, rx])).map((s) => s.kind);
    expect(kinds).toEqual(['TIME_SPLIT', 'TIME_SPLIT', 'POWER']); // neither side is tunable
  });
});
