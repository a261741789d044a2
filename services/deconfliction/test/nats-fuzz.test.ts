import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Kvm, type KV } from '@nats-io/kv';
import {
  AIRSPACE_BUCKET,
  AirspaceVolume,
  AUTHORITY_BUCKET,
  AuthorizationRequest,
  DeconflictionCommand,
  REFERENCE_BUCKET,
  RestrictedEntry,
  SpectrumAssignment,
  subjects,
} from '@tessera/schema';
import { createRejector, type NatsLink, type Rejector } from '@tessera/service-kit';
import { engagementRequest, sector, sharedLabel } from '@tessera/service-kit/fixtures';
import {
  countDeadLetters,
  describeTally,
  hostileMessages,
  hugeString,
  rejectedWhere,
  sendHostile,
  withField,
  type FuzzTarget,
  type HostileCase,
  type Json,
} from '@tessera/service-kit/fuzz';
import { createAuditTrail } from '../src/audit-client.ts';
import { createDeconflictionService, type DeconflictionService } from '../src/service.ts';
import { ask, commandId as cid, draft, logger, person, startTestBus, type TestBus } from './support.ts';

/**
 * Hostile input on every subject and bucket the deconfliction service reads, each sent with the
 * credential of the peer that may publish there: a compromised gateway (airspace commands,
 * request/reply), twin (the scenario's volumes and spectrum plan) and authority (its requests).
 * Each is rejected, counted and dead-lettered; a command asked with an inbox gets a typed INVALID
 * reply; nothing reaches the airspace, its bucket or the audit chain; a valid command afterwards is
 * still applied.
 */
const CASES = Number(process.env.NATS_FUZZ_CASES ?? 10_000);
const SETTLE = { timeout: 60_000, interval: 100 } as const;

let bus: TestBus;
let service: DeconflictionService;
let link: NatsLink;
let rejector: Rejector;
let airspace: KV;

const polLiaison = person('pol-liaison', 'POL');
const OUTLINE = [
  { lat: 50.7, lon: 23.8 },
  { lat: 50.7, lon: 24.0 },
  { lat: 50.6, lon: 24.0 },
  { lat: 50.6, lon: 23.8 },
];

const commands: FuzzTarget = {
  subject: subjects.deconflictionFromGateway,
  valid: () =>
    ({
      type: 'CREATE_RESERVATION',
      commandId: cid(),
      id: 'pol-fz',
      draft: draft({ outline: OUTLINE }),
      by: polLiaison,
    }) as unknown as Json,
  ruleBreakers: [
    (v) => withField(v, ['draft', 'kind'], 'SECTOR'),
    (v) => withField(v, ['draft', 'floorM'], 40_000),
    (v) => withField(v, ['draft', 'outline', 0, 'lat'], 91),
    (v) => withField(v, ['draft', 'outline'], OUTLINE.slice(0, 2)),
    (v, r) => withField(v, ['draft', 'name'], hugeString(r, r.int(121, 50_000))),
    (v) => withField(v, ['id'], 'pol.fz.>'),
    (v) => withField(v, ['type'], 'DELETE_EVERYTHING'),
  ],
};
const perKey = (prefix: string) => (i: number) => `${prefix}.fz-${i}`;
const scenarioVolumes: FuzzTarget = {
  subject: `$KV.${REFERENCE_BUCKET}.volume.POL`,
  subjectFor: perKey(`$KV.${REFERENCE_BUCKET}.volume.POL`),
  valid: () =>
    sector(
      'fz',
      'POL',
      OUTLINE.map((p) => [p.lat, p.lon]),
    ) as unknown as Json,
  ruleBreakers: [
    (v) => withField(v, ['kind'], 'MINEFIELD'),
    (v) => withField(v, ['outline', 0, 'lon'], -181),
    (v) => withField(v, ['label', 'classification'], 'COSMIC'),
  ],
};
const plannedAssignments: FuzzTarget = {
  subject: `$KV.${REFERENCE_BUCKET}.assignment.POL`,
  subjectFor: perKey(`$KV.${REFERENCE_BUCKET}.assignment.POL`),
  valid: () => ({
    id: 'fz',
    nation: 'POL',
    system: 'fz',
    use: 'RADAR',
    lowMHz: 2900,
    highMHz: 3100,
    eirpDbm: 60,
    thresholdDbm: -100,
    location: { kind: 'POINT', point: { lat: 50, lon: 22 }, antennaHeightM: 10 },
    priority: 5,
    label: sharedLabel('POL'),
    state: 'ACTIVE',
    version: 1,
  }),
  ruleBreakers: [(v) => withField(v, ['highMHz'], 100), (v) => withField(v, ['use'], 'DEATH_RAY')],
};
const plannedRestricted: FuzzTarget = {
  subject: `$KV.${REFERENCE_BUCKET}.restricted.POL`,
  subjectFor: perKey(`$KV.${REFERENCE_BUCKET}.restricted.POL`),
  valid: () => ({
    id: 'fz',
    nation: 'POL',
    kind: 'PROTECTED',
    lowMHz: 1000,
    highMHz: 1100,
    label: sharedLabel('POL'),
    reason: 'fuzz',
    version: 1,
  }),
  ruleBreakers: [(v) => withField(v, ['lowMHz'], 2000), (v) => withField(v, ['kind'], 'OPEN')],
};
const requests: FuzzTarget = {
  subject: `$KV.${AUTHORITY_BUCKET}.request`,
  subjectFor: perKey(`$KV.${AUTHORITY_BUCKET}.request`),
  valid: () => engagementRequest({ id: 'pol-fz' }) as unknown as Json,
  ruleBreakers: [
    (v) => withField(v, ['state'], 'LAUNCHED_ALREADY'),
    (v) => withField(v, ['engagement', 'confidence'], 7),
    (v) => withField(v, ['version'], 0),
  ],
};

const plan: { target: FuzzTarget; peer: string; request?: boolean }[] = [
  { target: commands, peer: 'gateway', request: true },
  { target: scenarioVolumes, peer: 'twin' },
  { target: plannedAssignments, peer: 'twin' },
  { target: plannedRestricted, peer: 'twin' },
  { target: requests, peer: 'authority' },
];
const byTarget = new Map(plan.map((p) => [p.target, p]));
const rejectedIn = (group: string) =>
  rejectedWhere(rejector, (s) => (group.startsWith('$KV.') ? s.startsWith(`${group}.`) : s === group));

async function keysOf(kv: KV): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for await (const key of await kv.keys()) {
    const e = await kv.get(key);
    if (e) out[key] = e.revision;
  }
  return out;
}

beforeAll(async () => {
  bus = await startTestBus();
  // The twin's bucket exists before the service reads it, as in the stack.
  await new Kvm((await bus.as('twin')).nc).create(REFERENCE_BUCKET, { history: 1 });
  // As support.ts starts it, with its rejector at hand (the counts its health endpoint reports).
  link = await bus.as('deconfliction');
  rejector = createRejector({ nc: link.nc, service: 'deconfliction', logger });
  service = createDeconflictionService({
    link,
    clock: { now: () => Date.now() },
    logger,
    rejector,
    audit: createAuditTrail({ nc: link.nc, rejector, logger }),
    policy: { proposalTtlMs: 30 * 60_000 },
    conflictIdKey: 'fuzz-conflict-id-key',
    tickMs: null,
  });
  await service.start();
  airspace = await new Kvm((await bus.as('operator')).nc).open(AIRSPACE_BUCKET);
  const contracts: [FuzzTarget, { safeParse(v: unknown): { success: boolean } }][] = [
    [commands, DeconflictionCommand],
    [scenarioVolumes, AirspaceVolume],
    [plannedAssignments, SpectrumAssignment],
    [plannedRestricted, RestrictedEntry],
    [requests, AuthorizationRequest],
  ];
  for (const [target, contract] of contracts)
    expect(contract.safeParse(target.valid()), target.subject).toMatchObject({ success: true });
});

afterAll(async () => {
  await service?.stop();
  await bus?.stop();
});

describe('NATS input fuzzing of the deconfliction service', () => {
  it(`rejects, counts and dead-letters ${CASES} hostile messages on every subject and bucket it reads`, async () => {
    const links = new Map<string, NatsLink>();
    for (const { peer } of plan) if (!links.has(peer)) links.set(peer, await bus.as(peer));
    const operator = await bus.as('operator');
    const deadLetters = await countDeadLetters(operator.nc, 'deconfliction');
    const forged = `$KV.${AIRSPACE_BUCKET}.reservation.POL.fz-forged`;
    const before = new Map(plan.map(({ target }) => [target.subject, rejectedIn(target.subject)]));
    const stateBefore = service.state();
    const chainBefore = (await bus.verifyChain()).actions;
    const airspaceBefore = await keysOf(airspace);

    const replies: unknown[] = [];
    const started = Date.now();
    const tally = await sendHostile(
      (c: HostileCase) => links.get(byTarget.get(c.target)!.peer)!.nc,
      hostileMessages(
        plan.map((p) => p.target),
        { count: CASES, seed: 20261217, maxPayload: link.nc.info!.max_payload },
      ),
      {
        groupOf: (c) => c.target.subject,
        replyMode: (c) =>
          byTarget.get(c.target)!.request ? (['inbox', 'inbox', 'none', 'foreign'] as const)[c.index % 4]! : 'none',
        foreignReply: forged,
        onReply: (_c, data) => replies.push(JSON.parse(new TextDecoder().decode(data))),
      },
    );
    const sent = new Map(tally.bySubject);
    // A valid command with someone else's subject as reply is refused too, unread.
    links.get('gateway')!.nc.publish(commands.subject, JSON.stringify(commands.valid()), { reply: forged });
    await links.get('gateway')!.nc.flush();
    sent.set(commands.subject, sent.get(commands.subject)! + 1);

    await vi.waitFor(() => {
      for (const [group, n] of sent) expect(rejectedIn(group), group).toBe(before.get(group)! + n);
    }, SETTLE);
    await vi.waitFor(() => expect(deadLetters.count()).toBe(CASES + 1), SETTLE);
    deadLetters.stop();
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies)
      expect(reply).toMatchObject({ ok: false, rule: 'INVALID', message: expect.any(String) });

    // Nothing of them was applied: the airspace, its bucket and the chain are as they were.
    await service.tick();
    expect(service.state()).toEqual(stateBefore);
    expect((await bus.verifyChain()).actions).toEqual(chainBefore);
    expect(await keysOf(airspace)).toEqual(airspaceBefore);

    // Still serving: a valid command is applied.
    expect(link.nc.isClosed()).toBe(false);
    expect(await ask(links.get('gateway')!, commands.valid() as DeconflictionCommand)).toMatchObject({ ok: true });
    expect(service.state().reservations.map((r) => r.id)).toContain('pol-fz');
    console.info(
      `deconfliction: ${describeTally(tally)} in ${Date.now() - started} ms; ${replies.length} typed refusals; per subject ${JSON.stringify(Object.fromEntries(sent))}`,
    );
  }, 120_000);
});
