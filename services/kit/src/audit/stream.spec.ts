import { DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { AUDIT_ANCHOR_STREAM, AUDIT_STREAM, subjects } from '@tessera/schema';
import { AUDIT_ANCHOR_STREAM_CONFIG, AUDIT_STREAM_CONFIG } from './stream.ts';

/** What the audit stream promises, setting by setting (docs/authority.md, "Audit chain"). */
describe('the audit stream definition', () => {
  const config = AUDIT_STREAM_CONFIG;

  it('holds the audit subject only, in file storage', () => {
    expect(config).toMatchObject({
      name: AUDIT_STREAM,
      subjects: [subjects.audit],
      storage: StorageType.File,
      num_replicas: 1,
    });
  });

  it('forgets nothing: no age, count or size limit, and a full store refuses new records instead of dropping old ones', () => {
    expect([config.max_age, config.max_msgs, config.max_bytes, config.max_msgs_per_subject]).toEqual([0, -1, -1, -1]);
    expect([config.retention, config.discard]).toEqual([RetentionPolicy.Limits, DiscardPolicy.New]);
  });

  it('lets nobody delete a record: message deletes, purges and roll-ups (a roll-up purges) are refused', () => {
    expect([config.deny_delete, config.deny_purge, config.allow_rollup_hdrs]).toEqual([true, true, false]);
  });

  it('remembers a publish id for two minutes, so a retried append is stored once', () => {
    expect(config.duplicate_window).toBe(120e9);
  });
});

describe('the anchor stream definition', () => {
  it('is append-only exactly as the audit stream, on the anchor subjects only', () => {
    const { name, subjects: anchorSubjects, ...rest } = AUDIT_ANCHOR_STREAM_CONFIG;
    const { name: _n, subjects: _s, ...audit } = AUDIT_STREAM_CONFIG;
    expect(rest).toEqual(audit);
    expect([name, anchorSubjects]).toEqual([AUDIT_ANCHOR_STREAM, [subjects.allAuditAnchors]]);
    // no subject of the one is a subject of the other
    expect(subjects.allAuditAnchors.startsWith(`${subjects.audit}.`)).toBe(true);
    expect(AUDIT_STREAM_CONFIG.subjects).toEqual([subjects.audit]);
  });
});
