// The clients of the live-path bench, in a process of their own (forked by live-path.bench.ts): M
// plain NATS subscribers (the floor) or M graphql-ws clients (the naive peer, Tessera). Each counts
// the track updates it receives and their latency from publish (the track's updatedAt is the
// publisher's clock; same machine) to the frame being parsed; one client may be throttled through a
// local proxy. Reports one summary over IPC and exits.
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { print } from 'graphql';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { subjects } from '@tessera/schema';
import { AlertUpdatesDocument, TrackUpdatesDocument } from '@tessera/schema/operations';

export interface ClientsJob {
  kind: 'nats' | 'graphql';
  /** NATS server (nats) or ws://…/graphql (graphql). */
  url: string;
  /** One per client (graphql): the bearer token, or '' for none. */
  tokens: string[];
  warmupS: number;
  measureS: number;
  /** Client index read through a proxy at this many bytes/s. */
  throttle?: { index: number; bytesPerS: number };
  /** Also subscribe to alerts and time the critical ones. */
  alerts?: boolean;
  /** Subscribe to alerts only (a commander's screen waiting for what matters): no track stream. */
  alertsOnly?: boolean;
}

export interface ClientsReport {
  /** Updates each client received in the measuring window. */
  perClient: number[];
  /** Latency histogram of the updates received in the window (1 ms buckets) by unthrottled clients. */
  latency: number[];
  alertLatency: number[];
  cpuMs: number;
  throttledClosed: { code: number } | null;
}

const BUCKETS = 120_000;

function histogram() {
  const h = new Uint32Array(BUCKETS);
  return {
    add: (ms: number) => void h[Math.max(0, Math.min(BUCKETS - 1, Math.round(ms)))]!++,
    compact: () => {
      const out: number[] = [];
      h.forEach((n, i) => {
        if (n) out.push(i, n);
      });
      return out;
    },
  };
}

/** A TCP proxy that passes the server's bytes on at most `bytesPerS` (the client's bytes go through as they come). */
async function throttlingProxy(target: URL, bytesPerS: number): Promise<{ port: number; server: Server }> {
  const server = createServer((client: Socket) => {
    const upstream = tcpConnect(Number(target.port), target.hostname);
    const started = Date.now();
    let passed = 0;
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      passed += chunk.length;
      const aheadMs = (passed / bytesPerS) * 1000 - (Date.now() - started);
      if (aheadMs > 0) {
        upstream.pause();
        setTimeout(() => upstream.resume(), aheadMs);
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, server };
}

async function run(job: ClientsJob): Promise<ClientsReport> {
  const latency = histogram();
  const alertLatency = histogram();
  const perClient = new Array<number>(job.tokens.length).fill(0);
  let measuring = false;
  let throttledClosed: { code: number } | null = null;
  const onUpdates = (i: number, updatedAts: string[], now: number) => {
    if (!measuring) return;
    perClient[i]! += updatedAts.length;
    if (i === job.throttle?.index) return;
    for (const at of updatedAts) latency.add(now - Date.parse(at));
  };

  const closers: (() => Promise<unknown> | void)[] = [];
  if (job.kind === 'nats') {
    for (let i = 0; i < job.tokens.length; i++) {
      const nc: NatsConnection = await connect({ servers: job.url });
      closers.push(() => nc.close());
      const sub = nc.subscribe(subjects.allTrackBatches);
      void (async () => {
        for await (const m of sub) {
          const now = Date.now();
          const batch = m.json<{ upserts: { updatedAt: string }[] }>();
          onUpdates(
            i,
            batch.upserts.map((t) => t.updatedAt),
            now,
          );
        }
      })();
    }
  } else {
    const proxy = job.throttle ? await throttlingProxy(new URL(job.url), job.throttle.bytesPerS) : null;
    if (proxy) closers.push(() => void proxy.server.close());
    const subscribed: Promise<void>[] = [];
    for (let i = 0; i < job.tokens.length; i++) {
      const throttled = i === job.throttle?.index;
      const url = throttled ? `ws://127.0.0.1:${proxy!.port}/graphql` : job.url;
      // Ready once connected (the naive peer sends nothing until the load starts).
      let markConnected!: () => void;
      subscribed.push(new Promise<void>((resolve) => (markConnected = resolve)));
      const client: Client = createClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams: job.tokens[i] ? { authorization: `Bearer ${job.tokens[i]}` } : {},
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => undefined,
        on: {
          connected: () => markConnected(),
          closed: (event) => {
            if (throttled) throttledClosed = { code: (event as { code: number }).code };
          },
        },
      });
      closers.push(() => client.dispose());
      if (!job.alertsOnly)
        client.subscribe<{ trackUpdates: { reset: boolean; upserts: { updatedAt: string }[] } }>(
          { query: print(TrackUpdatesDocument) },
          {
            next: (result) => {
              const now = Date.now();
              const batch = result.data?.trackUpdates;
              // A reset is the whole picture: counted as delivered (latest state), timed like the rest.
              if (batch)
                onUpdates(
                  i,
                  batch.upserts.map((t) => t.updatedAt),
                  now,
                );
            },
            error: () => undefined,
            complete: () => undefined,
          },
        );
      if ((job.alerts || job.alertsOnly) && !throttled)
        client.subscribe<{ alertUpdates: { reset: boolean; upserts: { severity: string; updatedAt: string }[] } }>(
          { query: print(AlertUpdatesDocument) },
          {
            next: (result) => {
              const now = Date.now();
              const batch = result.data?.alertUpdates;
              if (!batch || batch.reset || !measuring) return;
              for (const a of batch.upserts)
                if (a.severity === 'CRITICAL') alertLatency.add(now - Date.parse(a.updatedAt));
            },
            error: () => undefined,
            complete: () => undefined,
          },
        );
    }
    await Promise.all(subscribed);
  }

  process.send!({ type: 'ready' });
  await new Promise((r) => setTimeout(r, job.warmupS * 1000));
  const cpu0 = process.cpuUsage();
  measuring = true;
  await new Promise((r) => setTimeout(r, job.measureS * 1000));
  measuring = false;
  const cpu = process.cpuUsage(cpu0);
  await Promise.all(closers.map((c) => c()));
  return {
    perClient,
    latency: latency.compact(),
    alertLatency: alertLatency.compact(),
    cpuMs: (cpu.user + cpu.system) / 1000,
    throttledClosed,
  };
}

process.once('message', (job: ClientsJob) => {
  run(job).then(
    (report) => process.send!({ type: 'report', report }, () => process.exit(0)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
