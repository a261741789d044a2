import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { AUDIT_STREAM, OPERATOR_PERMISSIONS, SERVICE_PERMISSIONS, fusionCentrePermissions, fusionCentreUser, subjects } from '@tessera/schema';
import { natsAuthConfig } from '../src/nats-auth.ts';
import { startNatsServer, type NatsServer } from '../src/nats-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-auth-'));
let server: NatsServer;
const password = (u: string) => `${u}-secret-${u}`;

beforeAll(async () => {
  const config = join(dir, 'nats.conf');
  writeFileSync(
    config,
    natsAuthConfig([
      ...Object.entries(SERVICE_PERMISSIONS).map(([user, permissions]) => ({ user, password: password(user), permissions })),
      ...['POL', 'UKR'].map((n) => ({ user: fusionCentreUser(n), password: password(fusionCentreUser(n)), permissions: fusionCentrePermissions(n) })),
      { user: 'operator', password: password('operator'), permissions: OPERATOR_PERMISSIONS },
    ]),
  );
  server = await startNatsServer({ args: ['-c', config] });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const as = (user: string) => connect({ servers: server.url, user, pass: password(user) });

/** Collect permission errors the server reports on a connection. */
function permissionErrors(nc: NatsConnection): string[] {
  const errors: string[] = [];
  void (async () => {
    for await (const s of nc.status()) if (s.type === 'error') errors.push(String(s.error));
  })();
  return errors;
}

async function delivered(subject: string, publisher: NatsConnection): Promise<boolean> {
  const operator = await as('operator');
  let got = false;
  const sub = operator.subscribe(subject, { callback: () => void (got = true) });
  await operator.flush();
  publisher.publish(subject, 'x');
  await publisher.flush().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 200));
  sub.unsubscribe();
  await operator.close();
  return got;
}

describe('NATS permissions per service', () => {
  it('refuses a connection without a valid user', async () => {
    await expect(connect({ servers: server.url })).rejects.toThrow(/Authorization/i);
    await expect(connect({ servers: server.url, user: 'twin', pass: 'wrong' })).rejects.toThrow(/Authorization/i);
  });

  it('lets a nation\'s fusion centre publish its own tracks only', async () => {
    const pol = await as(fusionCentreUser('POL'));
    const errors = permissionErrors(pol);
    expect(await delivered(subjects.trackBatch('POL'), pol)).toBe(true);
    expect(await delivered(subjects.trackBatch('UKR'), pol)).toBe(false);
    expect(errors.join()).toMatch(/Permissions Violation for Publish to "tessera\.v1\.tracks\.UKR"/);
    await pol.close();
  });

  it('lets the twin run the simulation but refuses it tracks and the gateway\'s subjects', async () => {
    const twin = await as('twin');
    const errors = permissionErrors(twin);
    expect(await delivered(subjects.twinStatus, twin)).toBe(true);
    expect(await delivered(subjects.trackBatch('POL'), twin)).toBe(false);
    expect(await delivered(subjects.deadLetter('gateway'), twin)).toBe(false);
    expect(errors.join()).toMatch(/Permissions Violation for Publish to "tessera\.v1\.deadletter\.gateway"/);
    await twin.close();
  });

  it('lets the twin answer a control request, and nothing else on inboxes', async () => {
    const twin = await as('twin');
    const operator = await as('operator');
    twin.subscribe(subjects.twinControl, { callback: (_e, m) => void m.respond('pong') });
    await twin.flush();
    expect((await operator.request(subjects.twinControl, 'ping', { timeout: 2000 })).string()).toBe('pong');
    const errors = permissionErrors(twin);
    expect(await delivered('_INBOX.somebody-else', twin)).toBe(false);
    expect(errors.join()).toMatch(/Permissions Violation for Publish to "_INBOX\.somebody-else"/);
    await operator.close();
    await twin.close();
  });

  it('lets the gateway read tracks but never publish them', async () => {
    const gateway = await as('gateway');
    const errors = permissionErrors(gateway);
    expect(await delivered(subjects.trackBatch('UKR'), gateway)).toBe(false);
    expect(errors.join()).toMatch(/Permissions Violation for Publish to "tessera\.v1\.tracks\.UKR"/);
    const sub = gateway.subscribe(subjects.twinControl);
    await gateway.flush();
    await new Promise((r) => setTimeout(r, 200));
    expect(errors.join()).toMatch(/Permissions Violation for Subscription to "tessera\.v1\.twin\.control"/);
    sub.unsubscribe();
    await gateway.close();
  });

  it('no service may delete, purge or reconfigure the audit stream; the authority may still append', async () => {
    const operator = await as('operator');
    const opJsm = await jetstreamManager(operator);
    await opJsm.streams.add({ name: AUDIT_STREAM, subjects: [subjects.audit] });
    for (const service of Object.keys(SERVICE_PERMISSIONS)) {
      const nc = await as(service);
      const jsm = await jetstreamManager(nc, { timeout: 1000 });
      await expect(jsm.streams.delete(AUDIT_STREAM), `${service} deletes`).rejects.toThrow();
      await expect(jsm.streams.purge(AUDIT_STREAM), `${service} purges`).rejects.toThrow();
      await expect(jsm.streams.update(AUDIT_STREAM, { subjects: [subjects.audit], max_msgs: 1 }), `${service} reconfigures`).rejects.toThrow();
      await nc.close();
    }
    const authority = await as('authority');
    authority.publish(subjects.audit, 'record');
    await authority.flush();
    await new Promise((r) => setTimeout(r, 200));
    const info = await opJsm.streams.info(AUDIT_STREAM);
    expect(info.state.messages).toBe(1);
    expect(info.config.max_msgs).not.toBe(1);
    await authority.close();
    await operator.close();
  });
});
