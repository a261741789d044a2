import { DiscardPolicy, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { describe, expect, it } from 'vitest';
import { AUDIT_ANCHOR_STREAM, AUDIT_STREAM, subjects } from '@tessera/schema';
import { AUDIT_STREAM_CONFIG, ensureAuditAnchorStream, ensureAuditStream } from '../src/audit/index.ts';
import { connectNats } from '../src/nats.ts';
import { createLogger } from '../src/logger.ts';
import { startNatsServer } from '../src/nats-server.ts';

/**
 * The audit stream as the launcher and the authority's audit log ensure it, on a real nats-server.
 * That the stream then refuses deleting and purging is shown with a chain in it, in the authority's
 * audit-log tests.
 */
const logger = createLogger('audit-stream-test', 'silent');

describe('audit stream settings', () => {
  it('makes a hand-made stream with weaker settings append-only, and refuses one that cannot be', async () => {
    const server = await startNatsServer();
    const link = await connectNats({ url: server.url, name: 'audit-settings', logger });
    try {
      const jsm = await jetstreamManager(link.nc);
      await jsm.streams.add({
        name: AUDIT_STREAM,
        subjects: [subjects.audit],
        storage: StorageType.File,
        max_age: 3600e9,
        max_msgs: 1000,
        duplicate_window: 10e9,
      });
      await ensureAuditStream(jsm);
      expect((await jsm.streams.info(AUDIT_STREAM)).config).toMatchObject({
        deny_delete: true,
        deny_purge: true,
        max_age: 0,
        max_msgs: -1,
        discard: DiscardPolicy.New,
        duplicate_window: AUDIT_STREAM_CONFIG.duplicate_window,
      });
      await jsm.streams.delete(AUDIT_STREAM); // (the stream itself can be deleted by a JetStream admin: see permissions)
      await jsm.streams.add({ name: AUDIT_STREAM, subjects: [subjects.audit], storage: StorageType.Memory });
      await expect(ensureAuditStream(jsm)).rejects.toThrow(/cannot be made append-only: storage memory/);

      // The anchor stream likewise: made when missing, made append-only when weaker.
      await ensureAuditAnchorStream(jsm);
      expect((await jsm.streams.info(AUDIT_ANCHOR_STREAM)).config).toMatchObject({
        subjects: [subjects.allAuditAnchors],
        deny_delete: true,
        deny_purge: true,
        storage: StorageType.File,
      });
      await jsm.streams.delete(AUDIT_ANCHOR_STREAM);
      await jsm.streams.add({
        name: AUDIT_ANCHOR_STREAM,
        subjects: [subjects.allAuditAnchors],
        storage: StorageType.File,
        max_age: 60e9,
      });
      await ensureAuditAnchorStream(jsm);
      expect((await jsm.streams.info(AUDIT_ANCHOR_STREAM)).config).toMatchObject({
        max_age: 0,
        deny_delete: true,
        deny_purge: true,
      });
    } finally {
      await link.nc.close();
      await server.stop();
    }
  });
});
