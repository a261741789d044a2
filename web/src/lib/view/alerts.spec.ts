import { describe, expect, it } from 'vitest';
import type { AlertFieldsFragment } from '@tessera/schema/operations';
import { alertRows, CLEARED_VISIBLE_MS, countdown, newCriticalAlerts, unacknowledged } from './alerts.ts';
import { applyBatch } from './picture.ts';

const T0 = Date.UTC(2026, 10, 26, 12);
const iso = (ms: number) => new Date(ms).toISOString();

function alert(id: string, over: Partial<AlertFieldsFragment> = {}): AlertFieldsFragment {
  return {
    id,
    kind: 'THREAT',
    severity: 'WARNING',
    label: { policy: 'NATO', classification: 'RESTRICTED', originator: 'UKR', releasableTo: ['POL'] },
    trackId: 'UKR-t',
    title: id,
    defendedAssetId: 'a',
    impactExpectedAt: iso(T0 + 300_000),
    predictedImpact: null,
    anomalyKind: null,
    raisedAt: iso(T0),
    updatedAt: iso(T0),
    clearedAt: null,
    acknowledgements: [],
    acknowledged: false,
    ...over,
  };
}

describe('alert list', () => {
  it('orders by urgency: active first, critical first, soonest impact first, then newest', () => {
    const rows = alertRows(
      [
        alert('cleared-critical', { severity: 'CRITICAL', clearedAt: iso(T0 - 1000) }),
        alert('warning-late', { impactExpectedAt: iso(T0 + 500_000) }),
        alert('anomaly', { kind: 'ANOMALY', impactExpectedAt: null, raisedAt: iso(T0 + 5000) }),
        alert('critical', { severity: 'CRITICAL', impactExpectedAt: iso(T0 + 60_000) }),
        alert('warning-soon', { impactExpectedAt: iso(T0 + 200_000) }),
      ],
      T0,
    );
    expect(rows.map((a) => a.id)).toEqual(['critical', 'warning-soon', 'warning-late', 'anomaly', 'cleared-critical']);
  });

  it('keeps a cleared alert visible for a while, then drops it', () => {
    const cleared = alert('c', { clearedAt: iso(T0) });
    expect(alertRows([cleared], T0 + CLEARED_VISIBLE_MS - 1)).toHaveLength(1);
    expect(alertRows([cleared], T0 + CLEARED_VISIBLE_MS)).toHaveLength(0);
  });

  it('counts down to the predicted impact and stops at zero', () => {
    expect(countdown(iso(T0 + 92_000), T0)).toBe('T-1:32');
    expect(countdown(iso(T0 - 5_000), T0)).toBe('T-0:00');
    expect(countdown(null, T0)).toBeNull();
  });

  it('announces each new critical, active, unacknowledged alert once', () => {
    const announced = new Set(['old']);
    const fresh = newCriticalAlerts(
      [
        alert('old', { severity: 'CRITICAL' }),
        alert('new', { severity: 'CRITICAL' }),
        alert('warning', {}),
        alert('acked', { severity: 'CRITICAL', acknowledged: true }),
        alert('cleared', { severity: 'CRITICAL', clearedAt: iso(T0) }),
      ],
      announced,
    );
    expect(fresh.map((a) => a.id)).toEqual(['new']);
  });

  it('counts what still needs acknowledging', () => {
    expect(unacknowledged([alert('a'), alert('b', { acknowledged: true }), alert('c', { clearedAt: iso(T0) })])).toBe(
      1,
    );
  });

  it('keys detections by track id when applying batches', () => {
    const picture = new Map<string, { id: string; trackId: string }>();
    const r = applyBatch(
      picture,
      0,
      { seq: 1, reset: true, upserts: [{ id: 'UKR-owa-01@m', trackId: 'UKR-owa-01' }], removals: [] },
      (d) => d.trackId,
    );
    expect(r.ok).toBe(true);
    applyBatch(picture, 1, { seq: 2, reset: false, upserts: [], removals: ['UKR-owa-01'] }, (d) => d.trackId);
    expect(picture.size).toBe(0);
  });
});
