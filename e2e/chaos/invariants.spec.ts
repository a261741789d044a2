import { describe, expect, it } from 'vitest';
import {
  checkBatchSequence,
  checkDecisions,
  checkExecutions,
  checkRecovery,
  checkStuck,
  killOrder,
  PROCESS_KINDS,
  resumeTimes,
  seededRandom,
  type AuditEntry,
  type FinalRequest,
} from './invariants.ts';

let seq = 0;
const record = (action: string, subject: string, actor: string, details: Record<string, unknown> = {}): AuditEntry => ({
  seq: ++seq,
  at: '2026-12-01T10:00:30.000Z',
  actor: { kind: actor === 'authority' || actor.startsWith('agent') ? 'SERVICE' : 'USER', id: actor },
  action,
  subject,
  details,
});
const snapshot = (state: string, deadline = '2026-12-01T10:01:00.000Z') => ({ snapshot: { state, deadline } });
const final = (id: string, decisions: [string, string][], state = 'APPROVED'): FinalRequest => ({
  id,
  state,
  engagementState: null,
  deadline: '2026-12-01T10:01:00.000Z',
  decisions: decisions.map(([decision, username]) => ({ decision, by: { username } })),
});

describe('checkDecisions', () => {
  it('passes a decision that is once in the chain and once in the state', () => {
    const audit = [record('DECISION_APPROVE', 'r1', 'pol-cmdr', snapshot('APPROVED'))];
    expect(
      checkDecisions([{ requestId: 'r1', username: 'pol-cmdr', decision: 'APPROVE', outcome: 'ok' }], audit, [
        final('r1', [['APPROVE', 'pol-cmdr']]),
      ]),
    ).toEqual([]);
  });

  it('finds a confirmed decision missing from the chain and from the state', () => {
    const v = checkDecisions(
      [{ requestId: 'r1', username: 'pol-cmdr', decision: 'DENY', outcome: 'ok' }],
      [],
      [final('r1', [], 'EXPIRED')],
    );
    expect(v).toEqual([
      'DENY on r1 by pol-cmdr succeeded but is in the audit chain 0 times',
      "DENY on r1 by pol-cmdr succeeded but the request's state holds it 0 times",
    ]);
  });

  it('finds a decision applied twice even when the commander never heard it succeed', () => {
    const audit = [record('DECISION_APPROVE', 'r1', 'pol-cmdr'), record('DECISION_APPROVE', 'r1', 'pol-cmdr')];
    expect(
      checkDecisions([{ requestId: 'r1', username: 'pol-cmdr', decision: 'APPROVE', outcome: 'unknown' }], audit, [
        final('r1', [['APPROVE', 'pol-cmdr']]),
      ]),
    ).toEqual(['decision on r1 by pol-cmdr is in the audit chain 2 times']);
  });

  it('finds a confirmed decision of a request the authority does not hold', () => {
    const audit = [record('DECISION_APPROVE', 'r9', 'pol-cmdr')];
    expect(
      checkDecisions([{ requestId: 'r9', username: 'pol-cmdr', decision: 'APPROVE', outcome: 'ok' }], audit, []),
    ).toEqual(["APPROVE on r9 by pol-cmdr succeeded but the request is not in the authority's state"]);
  });
});

describe('checkExecutions', () => {
  it('passes an execution after an approval and before the deadline', () => {
    const audit = [
      record('REQUEST_OPENED', 'r1', 'agent-pol', snapshot('PENDING')),
      record('DECISION_APPROVE', 'r1', 'pol-cmdr', snapshot('APPROVED')),
      record('ENGAGEMENT_EXECUTING', 'r1', 'agent-pol', snapshot('APPROVED')),
    ];
    expect(checkExecutions(audit)).toEqual([]);
  });

  it('finds an execution nobody approved', () => {
    const audit = [
      record('REQUEST_OPENED', 'r2', 'agent-pol', snapshot('PENDING')),
      record('ENGAGEMENT_EXECUTING', 'r2', 'agent-pol', snapshot('APPROVED')),
    ];
    expect(checkExecutions(audit)).toEqual([expect.stringMatching(/^r2 executed \(seq \d+\) without an approval/)]);
  });

  it('finds an execution at or after the deadline', () => {
    const audit = [
      record('DECISION_APPROVE', 'r3', 'pol-cmdr', snapshot('APPROVED', '2026-12-01T10:00:10.000Z')),
      record('ENGAGEMENT_EXECUTING', 'r3', 'agent-pol', snapshot('APPROVED', '2026-12-01T10:00:10.000Z')),
    ];
    expect(checkExecutions(audit)).toEqual([
      expect.stringContaining('r3 executed at 2026-12-01T10:00:30.000Z, at or after its deadline'),
    ]);
  });

  it('an approval of another request does not count', () => {
    const audit = [
      record('DECISION_APPROVE', 'other', 'pol-cmdr', snapshot('APPROVED')),
      record('ENGAGEMENT_EXECUTING', 'r4', 'agent-pol', snapshot('APPROVED')),
    ];
    expect(checkExecutions(audit)).toHaveLength(1);
  });
});

describe('checkStuck', () => {
  const now = Date.parse('2026-12-01T10:02:00.000Z');
  it('finds a request still waiting or authorized past its deadline and grace', () => {
    const finals = [
      { ...final('waiting', [], 'PENDING') },
      { ...final('authorized', []), engagementState: 'AUTHORIZED' },
      { ...final('done', []), engagementState: 'COMPLETED' },
      { ...final('expired', [], 'EXPIRED') },
    ];
    expect(checkStuck(finals, now, 10_000)).toEqual([
      'waiting is still PENDING 60 s after its deadline',
      'authorized is still AUTHORIZED (never launched, never lapsed) 60 s after its deadline',
    ]);
  });

  it('gives the authority its grace after the deadline', () => {
    expect(checkStuck([final('waiting', [], 'PENDING')], now, 90_000)).toEqual([]);
  });
});

describe('checkBatchSequence', () => {
  it('passes a snapshot followed by consecutive batches, and a later snapshot at any number', () => {
    expect(
      checkBatchSequence('w', [
        { seq: 1, reset: true },
        { seq: 2, reset: false },
        { seq: 3, reset: false },
        { seq: 9, reset: true },
        { seq: 10, reset: false },
      ]),
    ).toEqual([]);
  });

  it('finds a stream that began without a snapshot and a gap', () => {
    expect(
      checkBatchSequence('w', [
        { seq: 4, reset: false },
        { seq: 6, reset: false },
      ]),
    ).toEqual(['w: the stream began at seq 4 without a snapshot', 'w: seq 4 was followed by 6 (a gap)']);
  });
});

describe('checkRecovery and resumeTimes', () => {
  const t = Date.parse('2026-12-01T10:00:00.000Z');
  it('passes kills that came back, streams and page in time', () => {
    const kills = [
      { kind: 'gateway' as const, pid: 1, at: t, backAt: t + 2000, streamsBackAt: t + 2600, pageBackAt: t + 5000 },
      { kind: 'authority' as const, pid: 2, at: t, backAt: t + 1500 },
    ];
    expect(checkRecovery(kills, undefined, true)).toEqual([]);
  });

  it('finds a process that did not come back, slow streams and a slow page', () => {
    const kills = [
      { kind: 'twin' as const, pid: 1, at: t },
      { kind: 'gateway' as const, pid: 2, at: t, backAt: t + 2000, streamsBackAt: t + 5200, pageBackAt: t + 9000 },
    ];
    expect(checkRecovery(kills, undefined, true)).toEqual([
      'twin killed at 10:00:00.000 did not come back',
      'after the gateway kill at 10:00:00.000 the live streams resumed 3200 ms after the gateway was back (limit 3000)',
      'after the gateway kill at 10:00:00.000 the browser page recovered 7000 ms after the gateway was back (limit 5000)',
    ]);
  });

  it('summarizes p50 and max per kind', () => {
    const kills = [1000, 3000, 2000].map((ms, i) => ({ kind: 'detector' as const, pid: i, at: t, backAt: t + ms }));
    expect(resumeTimes(kills)).toEqual([{ kind: 'detector', kills: 3, p50Ms: 2000, maxMs: 3000 }]);
  });
});

describe('killOrder', () => {
  it('kills every kind once per round, in an order the seed decides', () => {
    const order = killOrder(14, seededRandom(7));
    expect(new Set(order.slice(0, 7))).toEqual(new Set(PROCESS_KINDS));
    expect(new Set(order.slice(7))).toEqual(new Set(PROCESS_KINDS));
    expect(killOrder(14, seededRandom(7))).toEqual(order);
    expect(killOrder(14, seededRandom(8))).not.toEqual(order);
  });
});
