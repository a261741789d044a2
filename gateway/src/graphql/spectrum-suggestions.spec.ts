import { describe, expect, it } from 'vitest';
import { defaultTabooList, type Classification, type SpectrumAssignment, type User } from '@tessera/schema';
import { label } from '@tessera/service-kit/fixtures';
import { findSpectrumConflicts, spectrumConflictsWith, SpectrumIndex } from '@tessera/service-kit/spectrum';
import { assignment, restrictedEntry, spectrumConflict } from '../../test/fixtures.ts';
import { spectrumSuggestions } from './spectrum-suggestions.ts';

/**
 * The engine's suggestions as the gateway gives them: found again on its own mirror between the
 * current versions of the conflict's sides, each ready to propose, and only those changing an
 * assignment the caller may see.
 */
const user = (nation: string, clearance: Classification = 'SECRET'): User => ({
  username: `${nation}-liaison`.toLowerCase(),
  displayName: 'liaison',
  nation,
  roles: ['LIAISON'],
  clearance,
});
const HOUR = 3_600_000;
const T = Date.UTC(2026, 11, 1, 12);
const iso = (ms: number) => new Date(ms).toISOString();
/** 1 km north of 50 N 23 E, in degrees. */
const KM = 1 / 111.195;

// A POL radio (tunable) 2 km from a UKR radio (not tunable): each harms the other; their windows overlap for an hour.
const pol = assignment('POL', 'pol-radio', {
  system: 'Radio A',
  use: 'COMMS',
  lowMHz: 300,
  highMHz: 310,
  eirpDbm: 40,
  thresholdDbm: -100,
  tunable: { lowMHz: 290, highMHz: 400 },
  validFrom: iso(T - HOUR),
  validTo: iso(T + HOUR),
  label: label('POL', ['UKR'], 'CONFIDENTIAL'),
});
const ukr = (over: Partial<SpectrumAssignment> = {}) =>
  assignment('UKR', 'ukr-radio', {
    system: 'Radio B',
    use: 'COMMS',
    lowMHz: 305,
    highMHz: 315,
    eirpDbm: 40,
    thresholdDbm: -100,
    tunable: undefined,
    location: { kind: 'POINT', point: { lat: 50 + 2 * KM, lon: 23 }, antennaHeightM: 20 },
    validFrom: iso(T),
    validTo: iso(T + 2 * HOUR),
    label: label('UKR', ['POL'], 'CONFIDENTIAL'),
    ...over,
  });

const sources = (all: SpectrumAssignment[]) => ({
  index: new SpectrumIndex(all),
  restricted: defaultTabooList(),
  atMs: T,
});

describe('spectrum suggestions', () => {
  it('a channel, time splits and power reductions, each a change ready to propose that clears the conflict', () => {
    const u = ukr();
    const src = sources([pol, u]);
    const out = spectrumSuggestions(user('POL'), spectrumConflict('s-1', pol, u), src);
    expect(out.map((s) => `${s.kind} ${s.assignment.nation}`).sort()).toEqual([
      'CHANNEL POL',
      'POWER POL',
      'POWER UKR',
      'TIME_SPLIT POL',
      'TIME_SPLIT UKR',
    ]);
    const channel = out.find((s) => s.kind === 'CHANNEL')!;
    expect(channel.assignment).toEqual({ nation: 'POL', id: 'pol-radio', version: 1, withheld: false });
    expect(channel.change).toMatchObject({ nation: 'POL', id: 'pol-radio', action: 'MODIFY', withheld: false });
    expect(channel.summary).toMatch(/^Retune POL Radio A to \d+\.\d{3}-\d+\.\d{3} MHz \([+−][\d.]+ MHz\)$/);
    // Proposed as it is, the engine finds no conflict of the retuned radio.
    const moved = { ...pol, lowMHz: channel.change.lowMHz!, highMHz: channel.change.highMHz! };
    expect(spectrumConflictsWith(moved, src.index, { at: T, restricted: src.restricted })).toEqual([]);
    // A time split moves one bound only (what a change leaves null stays).
    const split = out.find((s) => s.kind === 'TIME_SPLIT' && s.assignment.nation === 'POL')!;
    expect(split.change).toMatchObject({ validFrom: null, validTo: iso(T) });
    expect(split.clearsConflict).toBe(true);
    // Both directions harm: lowering one transmitter alone does not clear the conflict.
    for (const p of out.filter((s) => s.kind === 'POWER')) {
      expect(p.clearsConflict).toBe(false);
      expect(p.change.eirpDbm).toBeLessThan(40);
      expect(p.summary).toMatch(/^Lower (POL Radio A|UKR Radio B) from 40 to -?[\d.]+ dBm EIRP \(−[\d.]+ dB\)$/);
    }
  });

  it('never one that changes an assignment the caller may not see', () => {
    const secret = ukr({ label: label('UKR', [], 'SECRET') });
    const out = spectrumSuggestions(user('POL'), spectrumConflict('s-1', pol, secret), sources([pol, secret]));
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((s) => s.assignment.nation === 'POL')).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/ukr-radio|Radio B/);
    // A time split of POL's radio cuts at the overlap's edge, which the sanitized conflict shows anyway.
    expect(out.find((s) => s.kind === 'TIME_SPLIT')?.change.validTo).toBe(iso(T));
    // No power cut: it is the exact margin, which a sanitized view gives only as its severity band's floor.
    expect(out.filter((s) => s.kind === 'POWER')).toEqual([]);
    const seen = spectrumSuggestions(user('POL'), spectrumConflict('s-1', pol, ukr()), sources([pol, ukr()]));
    expect(seen.filter((s) => s.kind === 'POWER').length).toBeGreaterThan(0);
  });

  it('none once the sides no longer conflict now, for another kind of conflict, or one not open', () => {
    const far = ukr({ location: { kind: 'POINT', point: { lat: 52, lon: 23 }, antennaHeightM: 20 } });
    expect(spectrumSuggestions(user('POL'), spectrumConflict('s-1', pol, far), sources([pol, far]))).toEqual([]);
    const u = ukr();
    const c = spectrumConflict('s-1', pol, u);
    expect(spectrumSuggestions(user('POL'), { ...c, state: 'RESOLVED' }, sources([pol, u]))).toEqual([]);
    expect(spectrumSuggestions(user('POL'), { ...c, kind: 'AIRSPACE' }, sources([pol, u]))).toEqual([]);
    // A side the gateway does not know (yet): nothing to compute with.
    expect(spectrumSuggestions(user('POL'), c, sources([pol]))).toEqual([]);
  });

  it('over a TABOO band: the nearest channel outside it', () => {
    const jammer = assignment('POL', 'pol-jammer', {
      system: 'POL JAMMER',
      use: 'JAMMER',
      lowMHz: 1570,
      highMHz: 1580,
      eirpDbm: 50,
      thresholdDbm: undefined,
      tunable: { lowMHz: 1500, highMHz: 1700 },
      label: label('POL', [], 'SECRET'),
    });
    const l1 = restrictedEntry('NAT', 'taboo-gnss-l1', {
      kind: 'TABOO',
      lowMHz: 1559,
      highMHz: 1610,
      noTransmission: true,
    });
    const src = { ...sources([jammer]), restricted: [l1] };
    expect(findSpectrumConflicts([jammer], { restricted: [l1] }).map((c) => c.kind)).toEqual(['RESTRICTED_BAND']);
    const [s, ...rest] = spectrumSuggestions(user('POL'), spectrumConflict('s-2', jammer, l1), src);
    expect(rest).toEqual([]);
    expect(s!.kind).toBe('CHANNEL');
    // Guard band 2.5 MHz: the widened band must end by 1559 or start at 1610.
    expect(s!.change.highMHz! + 2.5 <= 1559 || s!.change.lowMHz! - 2.5 >= 1610).toBe(true);
  });
});
