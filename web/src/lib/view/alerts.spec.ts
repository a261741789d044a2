import { describe, expect, it } from 'vitest';
import { alertRows, CLEARED_VISIBLE_MS, countdown, isAlarming, unacknowledged } from './alerts.ts';
import { alert, iso, T0 } from './fixtures.ts';
import { applyBatch } from './picture.ts';

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

  it('sounds the alarm for critical, active, unacknowledged alerts', () => {
    const alerts = [
      alert('critical', { severity: 'CRITICAL' }),
      alert('warning', {}),
      alert('acked', { severity: 'CRITICAL', acknowledged: true }),
      alert('cleared', { severity: 'CRITICAL', clearedAt: iso(T0) }),
    ];
    expect(alerts.filter(isAlarming).map((a) => a.id)).toEqual(['critical']);
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
