import { describe, expect, it } from 'vitest';
import type { Alert } from './detection.ts';
import type { TargetWarning } from './authority.ts';
import type { Label } from './label.ts';
import {
  coastEndMs,
  isFresh,
  staleReason,
  targetWarningsOn,
  unnamedWarnings,
  warningText,
  withEstablishedWarnings,
} from './targets.ts';

const T0 = Date.UTC(2026, 10, 26, 12);
const iso = (ms: number) => new Date(ms).toISOString();
const label = (originator: string, releasableTo: string[]): Label => ({
  policy: 'NATO',
  classification: 'UNCLASSIFIED',
  originator,
  releasableTo,
});
const POL = { nation: 'POL', clearance: 'SECRET' } as const;

/** The detector's ANOMALY alert about POL-t1 (releasable to UKR and LTU), raised at `raisedS` after T0. */
const anomalyAlert = (over: Partial<Alert> = {}, raisedS = 0): Alert => ({
  id: `POL-t1:${over.anomalyKind ?? 'POSITION_JUMP'}`,
  kind: 'ANOMALY',
  severity: 'WARNING',
  label: label('POL', ['UKR', 'LTU']),
  trackId: 'POL-t1',
  title: 'POL-t1: moved 10.2 km in 2 s (limit 2.2 km)',
  defendedAssetId: null,
  impactExpectedAt: null,
  predictedImpact: null,
  anomalyKind: 'POSITION_JUMP',
  raisedAt: iso(T0 + raisedS * 1000),
  updatedAt: iso(T0 + raisedS * 1000),
  clearedAt: null,
  acknowledgements: [],
  ...over,
});
const jump: TargetWarning = {
  kind: 'POSSIBLE_GNSS_SPOOFING',
  anomaly: 'POSITION_JUMP',
  detail: 'moved 10.2 km in 2 s (limit 2.2 km)',
  since: iso(T0),
};
const accel: TargetWarning = {
  kind: 'POSSIBLE_JAMMING',
  anomaly: 'IMPOSSIBLE_ACCELERATION',
  detail: '40 g',
  since: iso(T0 + 3000),
};

describe('stale tracks: never a target after their coast time', () => {
  // Reported at T0, stale at T0 + 6 s (three periods of a 2 s radar), as a fusion centre says.
  const t = { id: 'POL-t1', updatedAt: iso(T0), staleAt: iso(T0 + 6000) };

  it("a track is a target until its fusion centre's staleAt, on its feed's scenario clock", () => {
    expect(coastEndMs(t)).toBe(T0 + 6000);
    expect(isFresh(t, T0 + 5999)).toBe(true);
    expect(isFresh(t, T0 + 6000)).toBe(false);
    expect(staleReason(t, T0 + 6400)).toBe('target POL-t1 is stale: no report for 6 s');
  });

  it('whatever staleAt a feed claims, no longer than maxCoastS after the latest report', () => {
    const claims = { ...t, staleAt: iso(T0 + 3_600_000) };
    expect(coastEndMs(claims)).toBe(T0 + 30_000);
    expect(isFresh(claims, T0 + 29_999)).toBe(true);
    expect(isFresh(claims, T0 + 30_000)).toBe(false);
    expect(coastEndMs(claims, 10)).toBe(T0 + 10_000);
  });
});

describe("the detector's implausibility flags on a target", () => {
  it('an open ANOMALY alert on the track is a warning, in the words of its assessment, the oldest first', () => {
    expect(targetWarningsOn('POL-t1', [anomalyAlert()], POL)).toEqual([jump]);
    const late = anomalyAlert({ anomalyKind: 'IMPOSSIBLE_ACCELERATION', title: 'POL-t1: 40 g' }, 3);
    expect(targetWarningsOn('POL-t1', [late, anomalyAlert()], POL)).toEqual([jump, accel]);
  });

  it('one warning per anomaly kind: the earliest raised', () => {
    const again = anomalyAlert({ id: 'POL-t1:POSITION_JUMP:2', title: 'POL-t1: moved 9 km' }, 5);
    expect(targetWarningsOn('POL-t1', [again, anomalyAlert()], POL)).toEqual([jump]);
  });

  it('a cleared alert, a threat alert, another track or an alert the nation may not see is none', () => {
    const alerts = [
      anomalyAlert({ clearedAt: iso(T0 + 300_000) }),
      anomalyAlert({ kind: 'THREAT', anomalyKind: null }),
      anomalyAlert({ trackId: 'POL-t2' }),
      anomalyAlert({ label: label('UKR', []) }), // not releasable to POL
    ];
    expect(targetWarningsOn('POL-t1', alerts, POL)).toEqual([]);
    // UKR may see POL-t1's alert (releasable to UKR); DEU may not
    expect(targetWarningsOn('POL-t1', [anomalyAlert()], { nation: 'UKR', clearance: 'SECRET' })).toHaveLength(1);
    expect(targetWarningsOn('POL-t1', [anomalyAlert()], { nation: 'DEU', clearance: 'SECRET' })).toEqual([]);
  });

  it('a warning a request does not name, by anomaly kind, is unnamed', () => {
    const frozen = { ...jump, anomaly: 'FROZEN_POSITION' as const };
    expect(unnamedWarnings({ targetWarnings: [jump] }, [jump, frozen])).toEqual([frozen]);
    expect(unnamedWarnings({ targetWarnings: [{ ...jump, detail: 'other words' }] }, [jump])).toEqual([]);
    expect(unnamedWarnings({ targetWarnings: [] }, [jump])).toEqual([jump]);
  });
});

describe('the words a decider reads', () => {
  it('one phrase per assessment, naming its anomalies', () => {
    expect(warningText([jump])).toBe('Possible GNSS spoofing — position may be false (POSITION_JUMP)');
    expect(warningText([jump, { ...jump, anomaly: 'FROZEN_POSITION' }, accel])).toBe(
      'Possible GNSS spoofing — position may be false (POSITION_JUMP, FROZEN_POSITION); Possible jamming — track reports may be false (IMPOSSIBLE_ACCELERATION)',
    );
  });
});

describe('what a request names: the asker cannot leave a flag out', () => {
  it('adds every established warning the asker left out, the oldest first', () => {
    expect(withEstablishedWarnings([], [jump])).toEqual([jump]);
    expect(withEstablishedWarnings([accel], [jump])).toEqual([jump, accel]);
  });

  it("keeps the asker's own warnings, and its words for a kind both name", () => {
    const named = { ...jump, detail: 'as the agent saw it' };
    expect(withEstablishedWarnings([named], [jump])).toEqual([named]);
    // a flag the detector has cleared since stays: a warning only makes the deciders more careful
    expect(withEstablishedWarnings([accel], [])).toEqual([accel]);
    expect(withEstablishedWarnings([], [])).toEqual([]);
  });
});
