import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { print } from 'graphql';
import { TrackUpdatesDocument, type TrackUpdatesSubscription } from '@tessera/schema/operations';
import { subjects, type Track } from '@tessera/schema';
import { DEFAULT_SLOW_SUBSCRIBER_LIMIT_MS } from '../src/app.ts';
import { SUBSCRIBER_TOO_SLOW } from '../src/fanout/audience.ts';
import { makeTrack } from '../src/picture/test-tracks.ts';
import { trackBatch } from './fixtures.ts';
import { loginToken, TrackSubscriber, WAIT, type TestGateway, useTestStack } from './helpers.ts';

type Batch = TrackUpdatesSubscription['trackUpdates'];

/**
 * A graphql-ws subscriber speaking the protocol by hand, so that the test can stop reading its
 * socket (ws' pause): the gateway's writes to it stop leaving, as with a throttled link.
 */
class RawSubscriber {
  readonly batches: Batch[] = [];
  closed: { code: number; reason: string } | null = null;
  private readonly ws: WebSocket;
  readonly ready: Promise<void>;

  constructor(wsUrl: string, token: string) {
    this.ws = new WebSocket(wsUrl, 'graphql-transport-ws');
    this.ready = new Promise((resolve, reject) => {
      this.ws.once('open', () =>
        this.ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
      );
      this.ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { type: string; payload?: { data?: { trackUpdates: Batch } } };
        if (msg.type === 'connection_ack') {
          this.ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: print(TrackUpdatesDocument) } }));
          resolve();
        } else if (msg.type === 'next' && msg.payload?.data) this.batches.push(msg.payload.data.trackUpdates);
      });
      this.ws.once('close', (code, reason) => {
        this.closed = { code, reason: String(reason) };
        reject(new Error(`closed ${code}`));
      });
    });
  }
  /** Stop reading the socket. */
  pause = () => this.ws.pause();
  resume = () => this.ws.resume();
  close = () => this.ws.terminate();
}

const TRACKS = 1000;
let gw: TestGateway;
useTestStack((stack) => (gw = stack.gw));
let seq = 0;
let version = 0;

/** One batch from POL's fusion centre moving all its tracks: the latest state carries `version`. */
function publishAll(): number {
  version++;
  const at = Date.now();
  const upserts: Track[] = Array.from({ length: TRACKS }, (_, i) =>
    makeTrack(`POL-slow-${i}`, { originator: 'POL', at, lat: 50 + version / 1000 }),
  );
  gw.nats.nc.publish(subjects.trackBatch('POL'), JSON.stringify(trackBatch('POL', { seq: ++seq, upserts })));
  return version;
}

const latOf = (v: number) => 50 + v / 1000;
const fanout = async () =>
  ((await (await fetch(gw.url.replace('/graphql', '/healthz'))).json()) as { fanout: { closedTooSlow: number } })
    .fanout;

describe('a slow subscriber', () => {
  it('gets the latest state instead of a queue, then is closed past the limit; the others get every batch', async () => {
    const token = await loginToken(gw.url, 'pol-watch');
    const normal = new TrackSubscriber(gw.wsUrl, token).subscribe();
    const slow = new RawSubscriber(gw.wsUrl, token); // the same audience: POL at SECRET, the same operation
    try {
      await slow.ready;
      await normal.waitFor('snapshot', () => normal.batches.length > 0);
      await vi.waitFor(() => expect(slow.batches.length).toBeGreaterThan(0), WAIT);
      /** Publish a batch and wait until the normal subscriber has its latest state. */
      const pump = async () => {
        const v = publishAll();
        await normal.waitFor(
          `version ${v}`,
          () => normal.picture.get(`POL-slow-${TRACKS - 1}`)?.position.lat === latOf(v),
        );
      };

      // Stop reading: ~0.5 MB per batch fills the socket's buffers within a few batches, and after
      // that the gateway's write to it stays in flight while batches go on.
      slow.pause();
      for (let i = 0; i < 40; i++) await pump();
      const before = slow.batches.length;
      slow.resume();
      const last = version;
      await vi.waitFor(
        () => expect(slow.batches.at(-1)?.upserts.find((t) => t.id === `POL-slow-0`)?.position.lat).toBe(latOf(last)),
        { timeout: 30_000, interval: 50 },
      );
      const caughtUp = slow.batches.slice(before);
      // It missed batches and got the latest state as a reset at a later number, not the queue.
      expect(slow.batches.length).toBeLessThan(normal.batches.length);
      expect(caughtUp.some((b) => b.reset && b.upserts.length === TRACKS)).toBe(true);
      const afterReset = slow.batches.slice(slow.batches.findLastIndex((b) => b.reset));
      expect(afterReset.map((b) => b.seq)).toEqual(afterReset.map((_, i) => afterReset[0]!.seq + i));

      // Behind again, now for longer than the limit (the gateway's clock is moved, not waited for).
      slow.pause();
      for (let i = 0; i < 60 && (await fanout()).closedTooSlow === 0; i++) {
        await pump();
        gw.clock.advance(DEFAULT_SLOW_SUBSCRIBER_LIMIT_MS / 4);
      }
      expect((await fanout()).closedTooSlow).toBe(1);
      slow.resume();
      await vi.waitFor(() => expect(slow.closed).toMatchObject({ code: SUBSCRIBER_TOO_SLOW }), {
        timeout: 30_000,
        interval: 50,
      });

      // The normal subscriber beside it: every batch, numbered one by one, one reset (its first), open.
      await pump();
      const seqs = normal.batches.map((b) => b.seq);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
      expect(normal.batches.filter((b) => b.reset)).toHaveLength(1);
      expect(normal.closed).toBeUndefined();
    } finally {
      slow.close();
      await normal.close();
    }
  }, 240_000);
});
