import { describe, expect, it } from 'vitest';
import { iso, request, T0 } from './fixtures.ts';
import {
  FINISHED_VISIBLE_MS,
  concurrence,
  requestRows,
  status,
  summary,
  tabForAwaiting,
  targetWarnings,
  timeLeft,
} from './requests.ts';

describe('authorization console', () => {
  it('puts what waits for you first, then other waiting requests, then running engagements, then recent outcomes', () => {
    const rows = requestRows(
      [
        request('done', {
          state: 'APPROVED',
          engagementState: 'COMPLETED',
          outcome: 'DESTROYED',
          decisions: [
            {
              decision: 'APPROVE',
              by: { username: 'pol-cmdr', nation: 'POL' },
              reason: 'r',
              at: iso(T0 + 1000),
              standingAuthorityId: null,
            },
          ],
        }),
        request('old', {
          state: 'DENIED',
          decisions: [
            {
              decision: 'DENY',
              by: { username: 'pol-cmdr', nation: 'POL' },
              reason: 'r',
              at: iso(T0 - FINISHED_VISIBLE_MS - 1),
              standingAuthorityId: null,
            },
          ],
          createdAt: iso(T0 - FINISHED_VISIBLE_MS - 5000),
        }),
        request('running', { state: 'APPROVED', engagementState: 'EXECUTING' }),
        request('other-late', { deadline: iso(T0 + 50_000) }),
        request('mine-late', { awaitingYou: true, deadline: iso(T0 + 40_000) }),
        request('mine-soon', { awaitingYou: true, deadline: iso(T0 + 10_000) }),
      ],
      T0 + 2000,
    );
    expect(rows.map((r) => r.id)).toEqual(['mine-soon', 'mine-late', 'other-late', 'running', 'done']);
  });

  it('counts down to the deadline, to the veto window, or in flight to the intercept', () => {
    expect(timeLeft(request('a'), T0 + 18_200)).toBe('0:42');
    expect(timeLeft(request('v', { state: 'PENDING_VETO', vetoUntil: iso(T0 + 10_000) }), T0 + 3_000)).toBe('0:07');
    expect(timeLeft(request('x', { state: 'APPROVED', engagementState: 'EXECUTING' }), T0 + 30_000)).toBe('1:00');
    expect(timeLeft(request('d', { state: 'DENIED' }), T0)).toBeNull();
  });

  it('says who must concur and how many have, what is asked, and how it stands', () => {
    const half = request('h', {
      decisions: [
        {
          decision: 'APPROVE',
          by: { username: 'pol-cmdr', nation: 'POL' },
          reason: 'r',
          at: iso(T0),
          standingAuthorityId: null,
        },
      ],
    });
    expect(concurrence(half)).toBe('POL 1/1 · UKR 0/1');
    expect(summary(half)).toBe('pol-interceptor-1 → UKR-owa-01 (uas, 92 %)');
    expect(
      summary(
        request('j', {
          kind: 'JAMMING',
          engagement: null,
          jamming: {
            effectorId: 'ukr-ew-kovel',
            lowMHz: 2400,
            highMHz: 2483.5,
            center: { lat: 51, lon: 24 },
            radiusM: 2000,
            durationS: 120,
            sectorId: 'ukr-west',
            sectorNation: 'UKR',
          },
        }),
      ),
    ).toBe('ukr-ew-kovel jams 2400-2483.5 MHz, 2.0 km circle, 2 min');
    expect(status(request('c', { state: 'APPROVED', engagementState: 'COMPLETED', outcome: 'MISSED' }))).toBe('MISSED');
    expect(status(request('e', { state: 'EXPIRED' }))).toBe('EXPIRED');
    expect(status(request('v', { state: 'PENDING_VETO' }))).toBe('VETO WINDOW');
  });

  it("names the detector's flags on the target in words, not only a colour", () => {
    expect(targetWarnings(request('a'))).toEqual([]);
    const flagged = request('s', {
      targetWarnings: [
        { kind: 'POSSIBLE_GNSS_SPOOFING', anomaly: 'POSITION_JUMP', detail: 'moved 10.2 km in 2 s', since: iso(T0) },
        { kind: 'POSSIBLE_JAMMING', anomaly: 'IMPOSSIBLE_ACCELERATION', detail: '40 g', since: iso(T0) },
      ],
    });
    expect(targetWarnings(flagged)).toEqual([
      {
        kind: 'POSSIBLE_GNSS_SPOOFING',
        title: 'Possible GNSS spoofing — position may be false',
        detail: 'position jump: moved 10.2 km in 2 s',
      },
      {
        kind: 'POSSIBLE_JAMMING',
        title: 'Possible jamming — track reports may be false',
        detail: 'impossible acceleration: 40 g',
      },
    ]);
  });
});

describe('tabForAwaiting', () => {
  it('shows the authorization console, but never pulls a commander out of a form', () => {
    expect(tabForAwaiting('alerts')).toBe('authorizations');
    expect(tabForAwaiting('audit')).toBe('authorizations');
    expect(tabForAwaiting('authorizations')).toBe('authorizations');
    expect(tabForAwaiting('sectors')).toBe('sectors');
    expect(tabForAwaiting('deconfliction')).toBe('deconfliction');
  });
});
