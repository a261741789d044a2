import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startStack, ROOT, type Stack } from '../../scripts/stack.ts';
import { freePort } from '@tessera/service-kit';
import { twinControl, whileTwinRuns } from '../support/twin.ts';

/**
 * The whole stack as `./tessera up` runs it (nats-server, twin, gateway as processes), with the
 * small test scenario and the demo users.
 *
 * Scenario time is the twin's, not this file's: the scenario starts when the tests start (twin
 * reset), runs until the full picture is up, and then runs only while a test needs the picture to
 * move (`whileTwinRuns`). Between 60 s (UKR-glide-01 launched) and 300 s (POL-pol-cap-01 leaves) of
 * scenario time the pictures below hold, however slow the machine.
 */
let stack: Stack;
let dataDir: string;
const logs: string[] = [];

async function login(username: string): Promise<string> {
  const res = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      variables: { u: username, p: 'tessera' },
    }),
  });
  const body = (await res.json()) as { data?: { login: { token: string } } };
  if (!body.data) throw new Error(`login ${username} failed: ${JSON.stringify(body)}`);
  return body.data.login.token;
}

type Batch = { seq: number; reset: boolean; upserts: { id: string; updatedAt: string }[]; removals: string[] };

/** A watch officer's live picture over graphql-ws, reconnecting like the web app will. */
class Watch {
  picture = new Map<string, string>();
  ever = new Set<string>();
  batches: Batch[] = [];
  resets = 0;
  client: Client;
  constructor(token: string) {
    this.client = createClient({
      url: stack.gatewayWsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: () => new Promise((r) => setTimeout(r, 250)),
    });
    this.client.subscribe<{ trackUpdates: Batch }>(
      { query: 'subscription { trackUpdates { seq reset upserts { id updatedAt } removals } }' },
      {
        next: ({ data }) => {
          const b = data!.trackUpdates;
          if (b.reset) {
            this.resets++;
            this.picture.clear();
          }
          for (const t of b.upserts) {
            this.picture.set(t.id, t.updatedAt);
            this.ever.add(t.id);
          }
          for (const id of b.removals) this.picture.delete(id);
          this.batches.push(b);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }
  /** Wait for the picture to reach a state; the timeout only bounds a failure (it is no deadline the stack must meet). */
  async until(what: string, predicate: () => boolean, timeoutMs = 60_000) {
    const end = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > end) {
        const twin = await twinControl(stack, { command: 'status' }, 5000).then(
          (s) => `twin at ${s.elapsedS.toFixed(1)} s${s.paused ? ', paused' : ''}`,
          () => 'twin not answering',
        );
        throw new Error(`timed out waiting for ${what} (${twin}): ${[...this.picture.keys()].sort().join(',')}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** What each nation sees from 60 s to 300 s of scenario time (every flight up, none ended). */
const POL_PICTURE = [
  'POL-civil-01',
  'POL-civil-02',
  'POL-pol-cap-01',
  'POL-spoof-01',
  'POL-stray-01',
  'UKR-glide-01',
  'UKR-owa-01',
  'UKR-owa-02',
  'UKR-owa-03',
];
const UKR_PICTURE = [
  'POL-civil-01',
  'POL-civil-02',
  'POL-spoof-01',
  'POL-stray-01',
  'UKR-glide-01',
  'UKR-heli-01',
  'UKR-owa-01',
  'UKR-owa-02',
  'UKR-owa-03',
];
const sorted = (m: Map<string, unknown>) => [...m.keys()].sort();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  stack = await startStack({
    dataDir,
    gatewayPort: await freePort(),
    web: false,
    scenarioFile: join(ROOT, 'services/twin/scenarios/test-small.json'),
    // At 4x every flight is up 15 s after the scenario starts.
    timeScale: 4,
    env: { LOG_LEVEL: 'warn' },
    onOutput: (service, line) => logs.push(`${service}| ${line}`),
  });
  // Scenario second 0 is now, not whenever the twin process got going on a slow machine.
  await twinControl(stack, { command: 'reset' });
});

// What the services logged (warnings and errors), shown when a test fails.
beforeEach(({ onTestFailed }) =>
  onTestFailed(() =>
    console.error(
      `service logs (last 50 lines):\n${logs
        .slice(-50)
        .map((l) => l.slice(0, 1000))
        .join('\n')}`,
    ),
  ),
);

afterAll(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the running stack', () => {
  let pol: Watch;
  let ukr: Watch;

  it('streams each nation its releasable picture of the scenario', async () => {
    pol = new Watch(await login('pol-watch'));
    ukr = new Watch(await login('ukr-watch'));
    await pol.until('the POL picture', () => sorted(pol.picture).join() === POL_PICTURE.join());
    await ukr.until('the UKR picture', () => sorted(ukr.picture).join() === UKR_PICTURE.join());
    // Held from here on: the pictures stay as they are until a test lets the scenario move on.
    expect((await twinControl(stack, { command: 'pause' })).elapsedS).toBeLessThan(300);
    expect(ukr.ever.has('POL-pol-cap-01')).toBe(false); // POL eyes only
    expect(pol.ever.has('UKR-heli-01')).toBe(false); // UKR eyes only
  });

  it('runs the AI detector: detections, a spoofing anomaly, alerts acknowledged, kept across a detector restart', async () => {
    const gql = async (username: string, query: string, variables: object = {}) => {
      const res = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(username)}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
    };
    const eventually = async <T>(what: string, fn: () => Promise<T | undefined>) => {
      const end = Date.now() + 60_000;
      for (;;) {
        const v = await fn();
        if (v !== undefined) return v;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const owa = await eventually('a detection of owa-01', async () => {
      const d = (await gql('ukr-watch', '{ detections { trackId topClass threat { defendedAssetId } } }')).data
        ?.detections as { trackId: string; topClass: string; threat: { defendedAssetId: string } | null }[] | undefined;
      return d?.find((x) => x.trackId === 'UKR-owa-01');
    });
    expect(owa).toEqual({ trackId: 'UKR-owa-01', topClass: 'UAS', threat: { defendedAssetId: 'ukr-depot' } });
    const jump = await eventually('the spoofed track flagged', async () => {
      const a = (await gql('pol-watch', '{ anomalies { trackId kind } }')).data?.anomalies as
        { trackId: string; kind: string }[] | undefined;
      return a?.find((x) => x.trackId === 'POL-spoof-01');
    });
    expect(jump.kind).toBe('POSITION_JUMP');
    const id = 'threat:UKR-owa-01:ukr-depot';
    await eventually('the threat alert', async () =>
      ((await gql('ukr-watch', '{ alerts { id } }')).data?.alerts as { id: string }[] | undefined)?.find(
        (a) => a.id === id,
      ),
    );
    const ack = await gql('ukr-watch', 'mutation($id: ID!) { acknowledgeAlert(id: $id) { acknowledged } }', { id });
    expect(ack.data?.acknowledgeAlert).toEqual({ acknowledged: true });
    // The detector restarts: its alerts and their acknowledgements come back from JetStream.
    await stack.restart('detector');
    const again = await eventually('the restarted detector answering', async () => {
      const r = await gql('ukr-watch', 'mutation($id: ID!) { acknowledgeAlert(id: $id) { acknowledged } }', { id });
      return r.errors?.[0]?.extensions?.code === 'UNAVAILABLE' ? undefined : r;
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_ACKNOWLEDGED');
  });

  it("runs the authority: a commander's WCS request is recorded in the signed audit chain, which verifies", async () => {
    const gql = async (username: string, query: string, variables: object = {}) => {
      const res = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(username)}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as {
        data?: Record<string, { id: string; state: string; requiredApprovals: { nation: string; count: number }[] }>;
        errors?: { extensions?: { code?: string; rule?: string } }[];
      };
    };
    const opened = await gql(
      'pol-cmdr',
      'mutation { requestWcsChange(sectorId: "pol-south", to: FREE, reason: "raid inbound") { id state requiredApprovals { nation count } } }',
    );
    expect(
      opened.errors,
      JSON.stringify(opened.errors) +
        logs
          .filter((l) => l.startsWith('authority'))
          .slice(-5)
          .join('\n'),
    ).toBeUndefined();
    expect(opened.data!.requestWcsChange).toMatchObject({
      state: 'PENDING',
      requiredApprovals: [{ nation: 'POL', count: 2 }],
    });
    // A watch officer cannot decide.
    const id = opened.data!.requestWcsChange!.id;
    // NOT_FOUND until the gateway mirrors the request; then the refusal.
    const refused = await vi.waitFor(
      async () => {
        const r = await gql(
          'pol-watch',
          'mutation($id: ID!) { decideRequest(id: $id, decision: APPROVE, reason: "x") { id state requiredApprovals { nation count } } }',
          { id },
        );
        if (r.errors?.[0]?.extensions?.code === 'NOT_FOUND')
          throw new Error(`request ${id} not mirrored by the gateway yet`);
        return r;
      },
      { timeout: 60_000, interval: 100 },
    );
    // Only commanders decide: the gateway refuses anyone else before the authority hears of it.
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const verify = spawnSync(process.execPath, [join(ROOT, 'scripts/audit.ts'), 'verify'], {
      env: {
        ...process.env,
        NATS_URL: stack.natsUrl,
        NATS_USER: stack.natsOperator!.user,
        NATS_PASS: stack.natsOperator!.pass,
        AUDIT_PUBLIC_KEY_FILE: join(dataDir, 'secrets', 'audit-ed25519.pub'),
      },
      encoding: 'utf8',
    });
    // At least two records (the request and its decision); the scenario's seeds add more.
    expect(verify.stdout, verify.stderr).toMatch(/^OK: ([2-9]|[1-9]\d+) records, chain head [0-9a-f]{64}$/m);
    expect(verify.status).toBe(0);
  });

  it('recovers after nats-server restarts: both services reconnect, updates resume', async () => {
    const before = pol.picture.get('POL-civil-01')!;
    await stack.nats!.restart();
    // The twin answering proves it reconnected; the fresh update, that the gateway did too.
    await whileTwinRuns(stack, () =>
      pol.until('a fresh civil-01 update', () => (pol.picture.get('POL-civil-01') ?? '') > before),
    );
    expect(sorted(pol.picture)).toEqual(POL_PICTURE);
  });

  it('survives nats-server being killed: the stack restarts it and the picture resumes', async () => {
    const before = pol.picture.get('POL-civil-01')!;
    const pid = stack.nats!.pid;
    // SIGKILL, as a crash would: nobody asks the stack, its supervision notices and starts it again.
    process.kill(pid, 'SIGKILL');
    await pol.until('nats-server started again', () => stack.nats!.pid !== pid);
    expect(logs.join('\n')).toMatch(/nats-server exited \(SIGKILL\); restarting/);
    await whileTwinRuns(stack, () =>
      pol.until('a fresh civil-01 update after the kill', () => (pol.picture.get('POL-civil-01') ?? '') > before),
    );
    expect(sorted(pol.picture)).toEqual(POL_PICTURE);
  });

  it('recovers after the gateway restarts: the client reconnects and resynchronizes without ghosts', async () => {
    const resetsBefore = { ukr: ukr.resets, pol: pol.resets };
    await stack.restart('gateway');
    // The twin is held: the new gateway knows no track yet, and each client's snapshot clears its picture.
    await ukr.until('a new snapshot', () => ukr.resets > resetsBefore.ukr);
    await pol.until('a new snapshot', () => pol.resets > resetsBefore.pol);
    // The picture refills from the next reports (every track is reported within a sensor period).
    await whileTwinRuns(stack, async () => {
      await ukr.until('the full UKR picture again', () => sorted(ukr.picture).join() === UKR_PICTURE.join());
      await pol.until('the full POL picture again', () => sorted(pol.picture).join() === POL_PICTURE.join());
    });
    expect(ukr.ever.has('POL-pol-cap-01')).toBe(false);
    expect(pol.ever.has('UKR-heli-01')).toBe(false);
    await ukr.client.dispose();
    await pol.client.dispose();
  });

  it('serves the scenario area and the airspace releasable to each nation', async () => {
    const query = async (username: string) => {
      const res = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(username)}` },
        body: JSON.stringify({ query: '{ operationalArea { scenario radiusKm } airspace { id kind wcs } }' }),
      });
      return (
        (await res.json()) as {
          data: { operationalArea: { scenario: string }; airspace: { id: string; kind: string; wcs: string | null }[] };
        }
      ).data;
    };
    const pol = await query('pol-watch');
    const ukr = await query('ukr-watch');
    expect(pol.operationalArea).toEqual({ scenario: 'test-small', radiusKm: 120 });
    expect(pol.airspace.map((v) => v.id).sort()).toEqual(['pol-roz-1', 'pol-south', 'ukr-depot', 'ukr-west']);
    expect(ukr.airspace.map((v) => v.id).sort()).toEqual(['pol-south', 'ukr-depot', 'ukr-west']); // the ROZ is POL eyes only
    expect(pol.airspace.find((v) => v.id === 'pol-south')).toEqual({ id: 'pol-south', kind: 'SECTOR', wcs: 'TIGHT' });
  });

  it('logs as JSON lines with the service name', () => {
    const gatewayLines = logs.filter((l) => l.startsWith('gateway| '));
    expect(gatewayLines.length).toBeGreaterThan(0);
    for (const l of gatewayLines.slice(0, 20))
      expect(JSON.parse(l.slice('gateway| '.length))).toMatchObject({ service: 'gateway' });
  });
});
