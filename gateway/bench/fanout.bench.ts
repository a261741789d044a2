// Gateway fan-out: NATS publish -> graphql-ws subscriber, with N tracks updating at 1 Hz and
// subscribers of four nations. The gateway runs as its own process (as in production); this process
// publishes and hosts the clients. Prints latency percentiles and delivered track updates per second.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { subjects, type TrackBatch } from '@tessera/schema';
import { startNatsServer } from '@tessera/service-kit/nats-server';
import { freePort } from '@tessera/service-kit';
import { makeTrack } from '../src/picture/test-tracks.ts';
import { loginToken, TrackSubscriber } from '../test/helpers.ts';

const NATIONS = ['POL', 'UKR', 'LTU', 'DEU'];
const USERS = ['pol-watch', 'ukr-watch', 'ltu-watch', 'deu-watch'];
const SUBSCRIBERS_PER_USER = 5;
const SECONDS = 8;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const server = await startNatsServer();
const port = await freePort();
const gateway = spawn(process.execPath, [fileURLToPath(new URL('../src/main.ts', import.meta.url))], {
  env: {
    ...process.env,
    NATS_URL: server.url,
    PORT: String(port),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const url = `http://127.0.0.1:${port}/graphql`;
const wsUrl = `ws://127.0.0.1:${port}/graphql`;
const nc = await connect({ servers: server.url });
try {
  for (
    let i = 0;
    i < 100 &&
    !(await fetch(url.replace('/graphql', '/readyz')).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((r) => setTimeout(r, 100));
  for (const trackCount of [1000, 5000, 10000]) {
    const subs: TrackSubscriber[] = [];
    for (const u of USERS) {
      const token = await loginToken(url, u, 'tessera');
      for (let i = 0; i < SUBSCRIBERS_PER_USER; i++) subs.push(new TrackSubscriber(wsUrl, token).subscribe());
    }
    await Promise.all(subs.map((s) => s.waitFor('snapshot', () => s.batches.length > 0)));
    const skip = subs.map((s) => s.batches.length);
    // Each track is labelled by one nation and releasable to one other: every user sees about half.
    const tracks = Array.from({ length: trackCount }, (_, i) => ({
      id: `${NATIONS[i % 4]!}-t${i}`,
      nation: NATIONS[i % 4]!,
      partner: NATIONS[(i + 1) % 4]!,
    }));
    const perTick = Math.ceil(trackCount / 10);
    const seqs = new Map<string, number>();
    const t0 = Date.now();
    for (let tick = 0; tick < SECONDS * 10; tick++) {
      const slice = tracks.slice((tick % 10) * perTick, ((tick % 10) + 1) * perTick);
      const now = Date.now();
      for (const nation of NATIONS) {
        const seq = (seqs.get(nation) ?? 0) + 1;
        seqs.set(nation, seq);
        const batch: TrackBatch = {
          source: { nation, system: `${nation}-FUSION` },
          seq,
          publishedAt: new Date(now).toISOString(),
          upserts: slice
            .filter((t) => t.nation === nation)
            .map((t) =>
              makeTrack(t.id, { originator: nation, releasableTo: [t.partner], at: now, lat: 50 + tick / 1000 }),
            ),
          removals: [],
        };
        nc.publish(subjects.trackBatch(nation), JSON.stringify(batch));
      }
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + (tick + 1) * 100 - Date.now())));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const wall = (Date.now() - t0) / 1000;
    const latencies: number[] = [];
    subs.forEach((s, i) =>
      s.batches.slice(skip[i]).forEach((b, j) => {
        for (const t of b.upserts) latencies.push(s.arrivals[skip[i]! + j]! - Date.parse(t.updatedAt));
      }),
    );
    latencies.sort((a, b) => a - b);
    console.log(
      `gateway fan-out: ${trackCount} tracks at 1 Hz, ${subs.length} subscribers (4 nations): ` +
        `publish->subscriber p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms; ` +
        `${Math.round(latencies.length / wall)} track updates/s delivered`,
    );
    await Promise.all(subs.map((s) => s.close()));
  }
} finally {
  await nc.close();
  gateway.kill('SIGTERM');
  await new Promise((r) => gateway.once('exit', r));
  await server.stop();
}
