import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kvm } from '@nats-io/kv';
import {
  AIRSPACE_BUCKET,
  ALERT_BUCKET,
  AUTHORITY_BUCKET,
  AUTONOMY_MODES,
  CLASSIFICATIONS,
  EFFECTOR_CLASSES,
  airspaceKeys,
  alertKey,
  authorityKeys,
  canSee,
  derivedLabel,
  subjects,
  type AirspaceVolume,
  type Alert,
  type AutonomyMode,
  type Classification,
  type Conflict,
  type Detection,
  type Label,
  type Proposal,
  type Track,
  type TrackBatch,
  type Viewer,
} from '@tessera/schema';
import {
  AirspaceUpdatesDocument,
  AlertsDocument,
  ConflictsDocument,
  ConflictUpdatesDocument,
  DetectionsDocument,
  ProposalsDocument,
  ProposalUpdatesDocument,
} from '@tessera/schema/operations';
import { startNatsServer, type NatsServer } from '@tessera/service-kit/nats-server';
import { connectNats, createLogger } from '@tessera/service-kit';
import { buildGateway } from '../src/app.ts';
import { hashPassword } from '../src/auth/password.ts';
import { createUserDirectory } from '../src/auth/users.ts';
import { makeTrack } from '../src/picture/test-tracks.ts';
import {
  alert as alertOf,
  assignment as assignmentOf,
  conflict as conflictOf,
  detection,
  proposal as proposalOf,
  reservation as reservationOf,
  restrictedEntry as restrictedOf,
  spectrumConflict as spectrumConflictOf,
  trackBatch,
} from './fixtures.ts';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { RestrictedFrequency, SpectrumBatch } from '../src/generated/resolvers.ts';
import { gql, loginToken, subscription, TrackSubscriber } from './helpers.ts';

/** The spectrum stream, every field that could carry something withheld. */
const SPECTRUM_UPDATES = parse(`subscription { spectrumUpdates { seq reset assignmentRemovals restrictedRemovals
  assignments { id nation system use lowMHz highMHz eirpDbm thresholdDbm tunableLowMHz tunableHighMHz horizonKm
    validFrom validTo priority state version label { originator releasableTo classification }
    location { kind antennaHeightM point { lat lon } outline { lat lon } circle { center { lat lon } radiusM } }
    tiedReservation { nation id version withheld } }
  restricted { id kind lowMHz highMHz withheld nation reason waived waiverReason waiverValidTo noTransmission version
    label { originator releasableTo classification } } } }`) as unknown as TypedDocumentNode<
  { spectrumUpdates: SpectrumBatch },
  Record<string, never>
>;
const LABEL = 'label { originator releasableTo classification }';
/** Conflicts and proposals with their spectrum parts (distances, assignment changes). */
const SPECTRUM_CONFLICT_UPDATES = parse(`subscription { conflictUpdates { seq reset removals upserts {
  id kind parties sanitized version ${LABEL}
  sides { nation kind withheld id name version ${LABEL} }
  spectrum { kind lowMHz highMHz marginDb from to tiedReservation { nation id version withheld }
    paths { interferer victim worstMHz distanceKm receivedDbm marginDb } } } } }`) as unknown as TypedDocumentNode<
  {
    conflictUpdates: {
      reset: boolean;
      removals: string[];
      upserts: {
        id: string;
        sanitized: boolean;
        parties: string[];
        label: Label;
        sides: { nation: string; withheld: boolean }[];
      }[];
    };
  },
  Record<string, never>
>;
const SPECTRUM_PROPOSAL_UPDATES = parse(`subscription { proposalUpdates { seq reset removals upserts {
  id conflictId sanitized rationale ${LABEL} proposedBy { username nation }
  basedOn { nation id version withheld }
  assignmentChanges { nation id action withheld lowMHz highMHz eirpDbm validFrom validTo }
  responses { nation username response reason } } } }`) as unknown as TypedDocumentNode<
  { proposalUpdates: { reset: boolean; removals: string[]; upserts: { id: string }[] } },
  Record<string, never>
>;

/**
 * Leak fuzzing against the real gateway and NATS: random tracks with random labels and field labels
 * are published while a user of every nation and clearance is subscribed. Every item delivered is
 * re-checked against the label it was published with: nothing may arrive that the rule forbids,
 * and everything the rule allows must arrive.
 */
const NATIONS = ['POL', 'UKR', 'DEU', 'LTU'] as const;
const TRACKS = 400;
const PASSWORD = 'fuzz';

let server: NatsServer;
let gateway: ReturnType<typeof buildGateway>;
let stopNats: () => Promise<void>;
let url = '';
let wsUrl = '';
let publish: (batch: TrackBatch) => void;
let natsLink: Awaited<ReturnType<typeof connectNats>>;

/** How long a user's view may take to catch up with what was published (polling every 100 ms). */
const SETTLE = { timeout: 10_000, interval: 100 };

/** A random demo nation. */
const nationArb = fc.constantFrom(...NATIONS);
/** A random NATO label of `originator`: any classification, releasable to any of the nations. */
const labelArb = (originator: string) =>
  fc.record({
    policy: fc.constant('NATO'),
    classification: fc.constantFrom<Classification>(...CLASSIFICATIONS),
    originator: fc.constant(originator),
    releasableTo: fc.uniqueArray(nationArb, { maxLength: 4 }),
  });

/** What `list` gives once it gives at least `count` items (polled; after SETTLE the test fails with `message`). */
async function onceAtLeast<T>(count: number, list: () => Promise<T[]>, message: string): Promise<T[]> {
  await expect.poll(async () => (await list()).length, { ...SETTLE, message }).toBeGreaterThanOrEqual(count);
  return list();
}

const isFuzzTrack = (id: string) => /^[A-Z]{3}-fz-/.test(id);
const isAiTrack = (id: string) => /^[A-Z]{3}-ai-/.test(id);
const users = NATIONS.flatMap((nation) =>
  CLASSIFICATIONS.map((clearance) => ({
    username: `${nation.toLowerCase()}-${clearance.toLowerCase()}`,
    nation,
    clearance,
  })),
);

beforeAll(async () => {
  server = await startNatsServer();
  const logger = createLogger('fuzz', 'silent');
  const nats = await connectNats({ url: server.url, name: 'fuzz', logger });
  natsLink = nats;
  const passwordHash = await hashPassword(PASSWORD);
  gateway = buildGateway({
    config: {
      port: 0,
      host: '127.0.0.1',
      jwtSecret: 'fuzz-secret-fuzz-secret-fuzz-secret!',
      tokenTtlS: 3600,
      batchIntervalMs: 50,
      trackTimeoutS: 600,
      webOrigins: ['http://localhost:3000'],
      devMode: false,
    },
    nats,
    users: createUserDirectory({
      users: users.map((u) => ({ ...u, displayName: u.username, roles: ['WATCH_OFFICER' as const], passwordHash })),
    }),
    clock: { now: () => Date.now() },
    logger,
  });
  const port = await gateway.start();
  url = `http://127.0.0.1:${port}/graphql`;
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
  publish = (batch) => nats.nc.publish(subjects.trackBatch(batch.source.nation), JSON.stringify(batch));
  stopNats = () => nats.nc.close();
});

afterAll(async () => {
  await gateway?.stop();
  await stopNats?.();
  await server?.stop();
});

/** What /healthz and /readyz (answered to anyone, no token) tell: their keys, and every number in them. */
async function unauthenticatedHealth() {
  const keys = new Set<string>();
  const numbers: number[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'number') numbers.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const path of ['/healthz', '/readyz']) {
    const body = (await (await fetch(url.replace('/graphql', path))).json()) as Record<string, unknown>;
    Object.keys(body).forEach((k) => keys.add(k));
    walk(body);
  }
  return { keys: [...keys].sort(), numbers };
}

/** Liveness and readiness, the bus and the gateway's own counters: never a count of classified objects. */
const HEALTH_KEYS = ['fanout', 'feed', 'nats', 'ready', 'rejected', 'status'];

describe('leak fuzzing', () => {
  it(`delivers exactly what the labels allow to ${users.length} users (${TRACKS} random tracks, random field labels)`, async () => {
    const subs = await Promise.all(
      users.map(async (u) => ({
        user: u,
        sub: new TrackSubscriber(wsUrl, await loginToken(url, u.username, PASSWORD)).subscribe(),
      })),
    );
    await Promise.all(subs.map(({ sub }) => sub.waitFor('snapshot', () => sub.batches.length > 0)));

    const published = new Map<string, Track>();
    const samples = fc.sample(
      nationArb.chain((originator) =>
        fc.record({
          originator: fc.constant(originator),
          label: labelArb(originator),
          fieldLabels: fc.uniqueArray(
            fc.record({
              path: fc.constantFrom('provenance.sourceId' as const, 'provenance.system' as const),
              label: labelArb(originator),
            }),
            { selector: (f) => f.path, maxLength: 2 },
          ),
        }),
      ),
      { numRuns: TRACKS, seed: 20261126 },
    );
    samples.forEach((s, i) => {
      const t = {
        ...makeTrack(`${s.originator}-fz-${i}`, { originator: s.originator }),
        label: s.label,
        fieldLabels: s.fieldLabels,
      };
      published.set(t.id, t);
    });
    let seq = 0;
    for (const n of NATIONS) {
      const mine = [...published.values()].filter((t) => t.label.originator === n);
      publish(trackBatch(n, { seq: ++seq, upserts: mine }));
    }

    for (const { user, sub } of subs) {
      const viewer: Viewer = { nation: user.nation, clearance: user.clearance };
      const allowed = [...published.values()]
        .filter((t) => canSee(viewer, t.label))
        .map((t) => t.id)
        .sort();
      await sub.waitFor(
        `${user.username}'s picture`,
        () => [...sub.picture.keys()].filter(isFuzzTrack).length >= allowed.length,
        15_000,
      );
      await new Promise((r) => setTimeout(r, 100));
      // Nothing more, nothing less, in the picture and in everything ever delivered.
      expect([...sub.everSeen].filter(isFuzzTrack).sort(), user.username).toEqual(allowed);
      for (const id of allowed) {
        const sent = sub.picture.get(id)!;
        const source = published.get(id)!;
        for (const path of ['provenance.sourceId', 'provenance.system'] as const) {
          const fl = source.fieldLabels.find((f) => f.path === path);
          const mayRead = !fl || canSee(viewer, fl.label);
          const value = path === 'provenance.sourceId' ? sent.provenance.sourceId : sent.provenance.system;
          expect(value === null, `${user.username} ${id} ${path}`).toBe(!mayRead);
          expect(
            sent.redacted.some((r) => r.path === path),
            `${user.username} ${id} ${path} listed`,
          ).toBe(!mayRead);
        }
      }
    }
    await Promise.all(subs.map(({ sub }) => sub.close()));

    // Numbers can leak too: the unauthenticated endpoints do not count the tracks.
    const health = await unauthenticatedHealth();
    expect(health.keys).toEqual(HEALTH_KEYS);
    expect(health.numbers).not.toContain(published.size);
  }, 60_000);
});

describe('leak fuzzing of AI outputs', () => {
  it(`releases detections (with a threat labelled like its asset) and derived alerts exactly as their labels allow to ${users.length} users`, async () => {
    const samples = fc.sample(
      nationArb.chain((o) =>
        fc.record({
          originator: fc.constant(o),
          label: labelArb(o),
          threat: fc.option(nationArb.chain(labelArb), { nil: undefined }),
          alert: nationArb.chain(labelArb),
        }),
      ),
      { numRuns: 200, seed: 20261127 },
    );
    const now = new Date().toISOString();
    const detections: Detection[] = samples.map((s, i) =>
      detection(`${s.originator}-ai-${i}`, {
        label: s.label,
        fieldLabels: s.threat ? [{ path: 'threat', label: s.threat }] : [],
        threat: s.threat
          ? {
              defendedAssetId: `asset-${i}`,
              defendedAssetName: 'asset',
              closestApproachM: 0,
              timeToClosestApproachS: 1,
              timeToImpactS: 1,
              predictedImpact: null,
            }
          : null,
      }),
    );
    for (const n of NATIONS) {
      natsLink.nc.publish(
        subjects.detections(n),
        JSON.stringify({
          seq: 1,
          publishedAt: now,
          upserts: detections.filter((d) => d.label.originator === n),
          removals: [],
        }),
      );
    }
    const kv = await new Kvm(natsLink.nc).create(ALERT_BUCKET, { history: 1 });
    const alerts = new Map<string, Label>();
    for (const [i, s] of samples.entries()) {
      // Acknowledged by every nation: each viewer must see its own nation's acknowledgement only.
      const alert: Alert = alertOf(`threat:${s.originator}-ai-${i}:a`, {
        label: s.alert,
        acknowledgements: NATIONS.map((n) => ({
          nation: n,
          username: `${n}-u`,
          displayName: n,
          at: now,
          severity: 'INFO' as const,
        })),
      });
      alerts.set(alert.id, alert.label);
      await kv.put(alertKey(alert.id), JSON.stringify(alert));
    }
    await natsLink.nc.flush();

    for (const user of users) {
      const viewer: Viewer = { nation: user.nation, clearance: user.clearance };
      const token = await loginToken(url, user.username, PASSWORD);
      const allowed = detections.filter((d) => canSee(viewer, d.label));
      const aiDetections = async () =>
        (await gql(url, DetectionsDocument, {}, token)).data!.detections.filter((d) => isAiTrack(d.trackId));
      // Once as many as allowed have arrived: exactly the allowed ones.
      const got = await onceAtLeast(allowed.length, aiDetections, `${user.username} detections`);
      expect(got.map((d) => d.trackId).sort(), user.username).toEqual(allowed.map((d) => d.trackId).sort());
      for (const d of got) {
        const source = detections.find((x) => x.trackId === d.trackId)!;
        const mayReadThreat = !source.fieldLabels[0] || canSee(viewer, source.fieldLabels[0].label);
        expect(d.threat === null, `${user.username} ${d.trackId} threat`).toBe(
          !mayReadThreat || source.threat === null,
        );
        expect(
          d.redacted.some((r) => r.path === 'threat'),
          `${user.username} ${d.trackId} threat listed`,
        ).toBe(!mayReadThreat);
      }
      const allowedAlerts = [...alerts]
        .filter(([, l]) => canSee(viewer, l))
        .map(([id]) => id)
        .sort();
      const aiAlerts = async () =>
        (await gql(url, AlertsDocument, {}, token)).data!.alerts.filter((a) => isAiTrack(a.trackId));
      const gotAlerts = await onceAtLeast(allowedAlerts.length, aiAlerts, `${user.username} alerts`);
      expect(gotAlerts.map((a) => a.id).sort(), `${user.username} alerts`).toEqual(allowedAlerts);
      // Only the viewer's own nation's acknowledgement, never another nation's.
      for (const a of gotAlerts)
        expect(
          a.acknowledgements.map((x) => x.nation),
          `${user.username} ${a.id}`,
        ).toEqual([user.nation]);
    }

    // Nor do they count detections or alerts.
    const health = await unauthenticatedHealth();
    expect(health.keys).toEqual(HEALTH_KEYS);
    expect(health.numbers).not.toContain(detections.length);
    expect(health.numbers).not.toContain(alerts.size);
  }, 60_000);
});

describe('leak fuzzing of autonomy modes', () => {
  it(`shows a nation's modes only to its users cleared for the SECRET national requests that set them (${users.length} users)`, async () => {
    // A random mode per nation and effector class, so a mode shown to the wrong user would show.
    const modes = fc.sample(fc.constantFrom<AutonomyMode>(...AUTONOMY_MODES), {
      numRuns: NATIONS.length * EFFECTOR_CLASSES.length,
      seed: 20261128,
    });
    const modeOf = (nation: string, effectorClass: string) =>
      modes[
        NATIONS.indexOf(nation as (typeof NATIONS)[number]) * EFFECTOR_CLASSES.length +
          EFFECTOR_CLASSES.indexOf(effectorClass as (typeof EFFECTOR_CLASSES)[number])
      ]!;
    const kv = await new Kvm(natsLink.nc).create(AUTHORITY_BUCKET, { history: 1 });
    for (const n of NATIONS)
      for (const c of EFFECTOR_CLASSES) await kv.put(authorityKeys.autonomy(n, c), JSON.stringify(modeOf(n, c)));
    await natsLink.nc.flush();

    // Each nation's SECRET user first, so the modes have reached the gateway when the others ask.
    for (const user of [...users].reverse()) {
      const viewer: Viewer = { nation: user.nation, clearance: user.clearance };
      // The label of the nation's AUTONOMY_CHANGE requests (national, SECRET), whose outcome a mode is.
      const source: Label = {
        policy: user.nation,
        classification: 'SECRET',
        originator: user.nation,
        releasableTo: [],
      };
      const expected = canSee(viewer, source)
        ? EFFECTOR_CLASSES.map((effectorClass) => ({ effectorClass, mode: modeOf(user.nation, effectorClass) }))
        : [];
      const token = await loginToken(url, user.username, PASSWORD);
      const ask = async () =>
        (
          await gql<{ autonomy: { effectorClass: string; mode: string }[] }, unknown>(
            url,
            '{ autonomy { effectorClass mode } }',
            {},
            token,
          )
        ).data!.autonomy;
      // The gateway mirrors the authority's bucket: wait until a user who may see the modes sees them;
      // one who may not is asked once, at once.
      if (expected.length > 0) await expect.poll(ask, { ...SETTLE, message: user.username }).toEqual(expected);
      else expect(await ask(), user.username).toEqual(expected);
    }
  }, 60_000);
});

describe('leak fuzzing of airspace deconfliction', () => {
  const RESERVATIONS = 40;
  const CONFLICTS = 100;
  const PROPOSALS = 100;
  const pad = (i: number) => String(i).padStart(3, '0');
  /** Whether JSON text holds a token: a whole number value, or a string within. */
  const mentions = (json: string, token: string) =>
    /^-?[0-9.]+$/.test(token)
      ? new RegExp(`[:,[]${token.replaceAll('.', '\\.')}[,\\]}]`).test(json)
      : json.includes(token);
  /** A square whose first corner's longitude is a number found nowhere else (steps of 0.3°): seen in a reply, that geometry was sent. */
  const square = (lat: number, lon: number) => [
    { lat, lon },
    { lat: lat + 0.05, lon },
    { lat: lat + 0.05, lon: lon + 0.05 },
    { lat, lon: lon + 0.05 },
  ];

  it(`gives nobody a side, name or geometry of a reservation not releasable to them (${users.length} users, ${CONFLICTS} conflicts, ${PROPOSALS} proposals)`, async () => {
    // Reservations with random labels; a fifth were relabelled after their conflicts were computed (the sides carry the older label).
    const specs = fc.sample(
      nationArb.chain((n) =>
        fc.record({
          nation: fc.constant(n),
          label: labelArb(n),
          older: fc.option(labelArb(n), { freq: 4, nil: undefined }),
        }),
      ),
      { numRuns: RESERVATIONS, seed: 20261201 },
    );
    const reservations = specs.map((s, i) =>
      reservationOf(s.nation, `fzr-${pad(i)}-x`, {
        name: `FZNAME ${pad(i)} Q`,
        label: s.label,
        outline: square(50, -170 + i * 0.3 + 0.0000071),
      }),
    );
    const olderLabel = new Map(specs.map((s, i) => [reservations[i]!.id, s.older]));
    /** Every token that names or draws a reservation, by reservation id. */
    const tokens = new Map(reservations.map((r) => [r.id, [r.id, r.name, String(r.outline![0]!.lon)]]));

    const pairs = fc.sample(
      fc
        .tuple(fc.nat(RESERVATIONS - 1), fc.nat(RESERVATIONS - 1))
        .filter(([a, b]) => reservations[a]!.nation !== reservations[b]!.nation),
      { numRuns: CONFLICTS, seed: 20261202 },
    );
    const conflicts: Conflict[] = pairs.map(([ia, ib], i) => {
      const [a, b] = [ia, ib].map((j) => {
        const r = reservations[j]!;
        return { ...r, label: olderLabel.get(r.id) ?? r.label };
      }) as [AirspaceVolume, AirspaceVolume];
      return conflictOf(`fzc-${pad(i)}`, a, b, {
        region: {
          outline: square(50, -100 + i * 0.3 + 0.0000031),
          floorM: 1000,
          ceilingM: 2000,
          from: null,
          to: null,
          areaKm2: 1,
        },
        label: derivedLabel(a.nation, [a.label, b.label]),
      });
    });
    const picks = fc.sample(fc.tuple(fc.nat(CONFLICTS - 1), fc.subarray([0, 1], { minLength: 1 })), {
      numRuns: PROPOSALS,
      seed: 20261203,
    });
    const proposals: Proposal[] = picks.map(([ci, sides], i) => {
      const c = conflicts[ci]!;
      return proposalOf(`fzp-${pad(i)}`, c, {
        proposedBy: { username: 'liaison', nation: c.sides[0]!.nation },
        rationale: `Resolution number ${i}.`,
        changes: sides.map((k, j) => {
          const side = c.sides[k]!;
          const outline = square(50, (i * 2 + j) * 0.3 + 0.0000053);
          // The new geometry of a change is the reservation's: it must reach only those who may see it.
          tokens.get(side.id)!.push(String(outline[0]!.lon));
          return {
            reservation: { nation: side.nation, id: side.id },
            action: 'MODIFY' as const,
            footprint: { outline },
          };
        }),
      });
    });

    const kv = await new Kvm(natsLink.nc).create(AIRSPACE_BUCKET, { history: 1 });
    // As the owner would, but proposals before their conflicts: the gateway mirrors them by separate watches anyway.
    for (const r of reservations) await kv.put(airspaceKeys.reservation(r.nation, r.id), JSON.stringify(r));
    for (const p of proposals) await kv.put(airspaceKeys.proposal(p.id), JSON.stringify(p));
    for (const c of conflicts) await kv.put(airspaceKeys.conflict(c.id), JSON.stringify(c));
    await natsLink.nc.flush();

    const current = new Map(reservations.map((r) => [`${r.nation}/${r.id}`, r]));
    for (const user of users) {
      const viewer: Viewer = { nation: user.nation, clearance: user.clearance };
      // The rule, stated with canSee: a side is shown when its label then and its reservation's now release it.
      const sideShown = (s: Conflict['sides'][number]) =>
        canSee(viewer, s.label) && canSee(viewer, current.get(`${s.nation}/${s.id}`)!.label);
      const expectedView = (c: Conflict): 'full' | 'sanitized' | null => {
        if (c.label && canSee(viewer, c.label) && c.sides.every(sideShown)) return 'full';
        const own = c.sides.find((s) => s.nation === user.nation);
        return own && c.parties.includes(user.nation) && sideShown(own) ? 'sanitized' : null;
      };
      const expectedConflicts = new Map(
        conflicts.flatMap((c) => (expectedView(c) ? [[c.id, expectedView(c)!] as const] : [])),
      );
      const expectedProposals = proposals
        .filter((p) => expectedConflicts.has(p.conflictId))
        .map((p) => p.id)
        .sort();
      const expectedVolumes = reservations
        .filter((r) => canSee(viewer, r.label))
        .map((r) => `${r.nation}/${r.id}`)
        .sort();

      const token = await loginToken(url, user.username, PASSWORD);
      const streams = {
        conflicts: subscription(wsUrl, token, ConflictUpdatesDocument),
        proposals: subscription(wsUrl, token, ProposalUpdatesDocument),
        airspace: subscription(wsUrl, token, AirspaceUpdatesDocument),
      };
      const picture = <U>(batches: { reset: boolean; upserts: U[]; removals: string[] }[], keyOf: (u: U) => string) => {
        const m = new Map<string, U>();
        for (const b of batches) {
          if (b.reset) m.clear();
          for (const u of b.upserts) m.set(keyOf(u), u);
          for (const k of b.removals) m.delete(k);
        }
        return m;
      };
      const conflictPicture = () =>
        picture(
          streams.conflicts.results.map((r) => r.conflictUpdates),
          (c) => c.id,
        );
      const proposalPicture = () =>
        picture(
          streams.proposals.results.map((r) => r.proposalUpdates),
          (p) => p.id,
        );
      const airspacePicture = () =>
        picture(
          streams.airspace.results.map((r) => r.airspaceUpdates),
          (v) => `${v.nation}/${v.id}`,
        );
      await expect
        .poll(() => [...conflictPicture().keys()].sort(), {
          ...SETTLE,
          timeout: 15_000,
          message: `${user.username} conflicts`,
        })
        .toEqual([...expectedConflicts.keys()].sort());
      await expect
        .poll(() => [...proposalPicture().keys()].sort(), {
          ...SETTLE,
          timeout: 15_000,
          message: `${user.username} proposals`,
        })
        .toEqual(expectedProposals);
      await expect
        .poll(() => [...airspacePicture().keys()].filter((k) => k.includes('fzr-')).sort(), {
          ...SETTLE,
          timeout: 15_000,
          message: `${user.username} airspace`,
        })
        .toEqual(expectedVolumes);

      // Each conflict in the view it is due, its withheld sides exactly those not shown.
      for (const [id, got] of conflictPicture()) {
        const source = conflicts.find((c) => c.id === id)!;
        expect(got.sanitized, `${user.username} ${id}`).toBe(expectedConflicts.get(id) === 'sanitized');
        expect(
          got.sides.map((s) => s.withheld),
          `${user.username} ${id} sides`,
        ).toEqual(source.sides.map((s) => expectedConflicts.get(id) === 'sanitized' && !sideShown(s)));
        expect(canSee(viewer, got.label as Label), `${user.username} ${id} label`).toBe(true);
      }

      // Nothing that names or draws a reservation the user may not see, in anything they received.
      const conflictsQuery = await gql(url, ConflictsDocument, { includeResolved: true }, token);
      const someProposals = await Promise.all(
        conflicts.slice(0, 10).map((c) => gql(url, ProposalsDocument, { conflictId: c.id }, token)),
      );
      const received = JSON.stringify([
        streams.conflicts.results,
        streams.proposals.results,
        streams.airspace.results,
        conflictsQuery,
        someProposals,
      ]);
      for (const r of reservations) {
        if (canSee(viewer, r.label)) continue;
        for (const t of tokens.get(r.id)!)
          expect(mentions(received, t), `${user.username} received ${t} of ${r.nation}/${r.id}`).toBe(false);
      }
      await Promise.all(Object.values(streams).map((s) => s.dispose()));
    }
  }, 120_000);
});

describe('leak fuzzing of spectrum deconfliction', () => {
  const ASSIGNMENTS = 40;
  const ENTRIES = 12;
  const INTERFERENCES = 50;
  const ON_BANDS = 20;
  const PROPOSALS = 50;
  const pad = (i: number) => String(i).padStart(3, '0');
  const mentions = (json: string, token: string) =>
    /^-?[0-9.]+$/.test(token)
      ? new RegExp(`[:,[]${token.replaceAll('.', '\\.')}[,\\]}]`).test(json)
      : json.includes(token);

  it(`gives nobody an assignment, a band's owner or reason, or a distance they may not see (${users.length} users, ${INTERFERENCES + ON_BANDS} conflicts, ${PROPOSALS} proposals)`, async () => {
    // Assignments and restricted entries with random labels; a fifth relabelled after their conflicts were computed.
    const specs = (n: number, seed: number) =>
      fc.sample(
        nationArb.chain((nation) =>
          fc.record({
            nation: fc.constant(nation),
            label: labelArb(nation),
            older: fc.option(labelArb(nation), { freq: 4, nil: undefined }),
          }),
        ),
        { numRuns: n, seed },
      );
    const aSpecs = specs(ASSIGNMENTS, 20261210);
    // Every number that locates or names one appears nowhere else: seen in a reply, it was sent.
    const assignments = aSpecs.map((s, i) =>
      assignmentOf(s.nation, `fza-${pad(i)}-x`, {
        system: `FZSYS ${pad(i)} Q`,
        label: s.label,
        location: { kind: 'POINT', point: { lat: 10 + i * 0.3 + 0.0000071, lon: 60 }, antennaHeightM: 20 },
      }),
    );
    const eSpecs = specs(ENTRIES, 20261211);
    const entries = eSpecs.map((s, i) =>
      restrictedOf(s.nation, `fze-${pad(i)}-x`, {
        kind: (['TABOO', 'PROTECTED', 'GUARDED'] as const)[i % 3],
        lowMHz: 1000 + i * 10,
        highMHz: 1005 + i * 10,
        reason: `FZREASON ${pad(i)} Q`,
        label: s.label,
      }),
    );
    const older = new Map([
      ...aSpecs.map((s, i) => [`${assignments[i]!.nation}/${assignments[i]!.id}`, s.older] as const),
      ...eSpecs.map((s, i) => [`${entries[i]!.nation}/${entries[i]!.id}`, s.older] as const),
    ]);
    const asComputed = <T extends { nation: string; id: string; label: Label }>(x: T): T => ({
      ...x,
      label: older.get(`${x.nation}/${x.id}`) ?? x.label,
    });
    const tokens = new Map<string, string[]>();
    for (const a of assignments)
      tokens.set(`${a.nation}/${a.id}`, [a.id, a.system, String(a.location.kind === 'POINT' && a.location.point.lat)]);
    for (const e of entries) tokens.set(`${e.nation}/${e.id}`, [e.id, e.reason]);

    const pairs = fc.sample(
      fc
        .tuple(fc.nat(ASSIGNMENTS - 1), fc.nat(ASSIGNMENTS - 1))
        .filter(([a, b]) => assignments[a]!.nation !== assignments[b]!.nation),
      { numRuns: INTERFERENCES, seed: 20261212 },
    );
    const onBands = fc.sample(fc.tuple(fc.nat(ASSIGNMENTS - 1), fc.nat(ENTRIES - 1)), {
      numRuns: ON_BANDS,
      seed: 20261213,
    });
    /** The distance and received power of each conflict's path: numbers found nowhere else. */
    const located = new Map<string, string[]>();
    const conflicts: Conflict[] = [
      ...pairs.map(([ia, ib], i) => {
        const [a, b] = [asComputed(assignments[ia]!), asComputed(assignments[ib]!)];
        const c = spectrumConflictOf(`fsc-${pad(i)}`, a, b);
        const path = { ...c.spectrum!.paths[0]!, distanceKm: 500 + i + 0.0000031, receivedDbm: -150 - i - 0.0000037 };
        located.set(c.id, [String(path.distanceKm), String(path.receivedDbm)]);
        return { ...c, spectrum: { ...c.spectrum!, paths: [path] } };
      }),
      ...onBands.map(([ia, ie], i) =>
        spectrumConflictOf(`fsb-${pad(i)}`, asComputed(assignments[ia]!), asComputed(entries[ie]!)),
      ),
    ];
    const picks = fc.sample(fc.nat(INTERFERENCES - 1), { numRuns: PROPOSALS, seed: 20261214 });
    const proposals: Proposal[] = picks.map((ci, i) => {
      const c = conflicts[ci]!;
      const side = c.sides[i % 2]!;
      // A new band whose edges are found nowhere else: they must reach only those who may see the assignment.
      const lowMHz = 3000 + i * 10 + 0.0000053;
      tokens.get(`${side.nation}/${side.id}`)!.push(String(lowMHz), String(lowMHz + 5));
      return proposalOf(`fsp-${pad(i)}`, c, {
        proposedBy: { username: 'liaison', nation: c.sides[0]!.nation },
        rationale: `Spectrum resolution ${i}.`,
        changes: [],
        assignmentChanges: [
          { assignment: { nation: side.nation, id: side.id }, action: 'MODIFY', lowMHz, highMHz: lowMHz + 5 },
        ],
      });
    });

    const kv = await new Kvm(natsLink.nc).create(AIRSPACE_BUCKET, { history: 1 });
    for (const a of assignments) await kv.put(airspaceKeys.assignment(a.nation, a.id), JSON.stringify(a));
    for (const e of entries) await kv.put(airspaceKeys.restricted(e.nation, e.id), JSON.stringify(e));
    for (const p of proposals) await kv.put(airspaceKeys.proposal(p.id), JSON.stringify(p));
    for (const c of conflicts) await kv.put(airspaceKeys.conflict(c.id), JSON.stringify(c));
    await natsLink.nc.flush();

    const current = new Map<string, { label: Label }>([
      ...assignments.map((a) => [`${a.nation}/${a.id}`, a] as const),
      ...entries.map((e) => [`${e.nation}/${e.id}`, e] as const),
    ]);
    const isOurs = (id: string) => /^fs[cbp]-/.test(id);
    /** How often each rule was put to the test (the samples must reach every one). */
    const exercised = { undisclosedOwners: 0, sanitizedPaths: 0, withheldBands: 0, withheldChanges: 0 };
    for (const user of users) {
      const viewer: Viewer = { nation: user.nation, clearance: user.clearance };
      // The rule, stated with canSee: a side is shown when its label then and its object's now release it.
      const sideShown = (s: Conflict['sides'][number]) =>
        canSee(viewer, s.label) && canSee(viewer, current.get(`${s.nation}/${s.id}`)!.label);
      const expectedView = (c: Conflict): 'full' | 'sanitized' | null => {
        if (c.label && canSee(viewer, c.label) && c.sides.every(sideShown)) return 'full';
        // A party sees the sanitized view when it may see a side of its own (both may be its own: a band and its radio).
        const own = c.sides.filter((s) => s.nation === user.nation);
        return c.parties.includes(user.nation) && own.some(sideShown) ? 'sanitized' : null;
      };
      const expectedConflicts = new Map(
        conflicts.flatMap((c) => (expectedView(c) ? [[c.id, expectedView(c)!] as const] : [])),
      );
      const expectedProposals = proposals
        .filter((p) => expectedConflicts.has(p.conflictId))
        .map((p) => p.id)
        .sort();
      const expectedAssignments = assignments
        .filter((a) => canSee(viewer, a.label))
        .map((a) => `${a.nation}/${a.id}`)
        .sort();

      const token = await loginToken(url, user.username, PASSWORD);
      const streams = {
        conflicts: subscription(wsUrl, token, SPECTRUM_CONFLICT_UPDATES),
        proposals: subscription(wsUrl, token, SPECTRUM_PROPOSAL_UPDATES),
        spectrum: subscription(wsUrl, token, SPECTRUM_UPDATES),
      };
      const picture = <U>(batches: { reset: boolean; upserts: U[]; removals: string[] }[], keyOf: (u: U) => string) => {
        const m = new Map<string, U>();
        for (const b of batches) {
          if (b.reset) m.clear();
          for (const u of b.upserts) m.set(keyOf(u), u);
          for (const k of b.removals) m.delete(k);
        }
        return m;
      };
      const conflictPicture = () =>
        picture(
          streams.conflicts.results.map((r) => r.conflictUpdates),
          (c) => c.id,
        );
      const proposalPicture = () =>
        picture(
          streams.proposals.results.map((r) => r.proposalUpdates),
          (p) => p.id,
        );
      const spectrumPicture = (part: 'assignments' | 'restricted') =>
        picture(
          streams.spectrum.results.map(({ spectrumUpdates: b }) => ({
            reset: b.reset,
            upserts: b[part] as { id: string; nation: string | null }[],
            removals: part === 'assignments' ? b.assignmentRemovals : b.restrictedRemovals,
          })),
          (x) => (part === 'assignments' ? `${x.nation}/${x.id}` : x.id),
        );
      await expect
        .poll(() => [...conflictPicture().keys()].filter(isOurs).sort(), {
          ...SETTLE,
          timeout: 15_000,
          message: `${user.username} conflicts`,
        })
        .toEqual([...expectedConflicts.keys()].sort());
      await expect
        .poll(() => [...proposalPicture().keys()].filter(isOurs).sort(), {
          ...SETTLE,
          timeout: 15_000,
          message: `${user.username} proposals`,
        })
        .toEqual(expectedProposals);
      await expect
        .poll(() => [...spectrumPicture('assignments').keys()].sort(), {
          ...SETTLE,
          timeout: 15_000,
          message: `${user.username} spectrum`,
        })
        .toEqual(expectedAssignments);
      // Every band to everyone; who keeps it only to whom it is releasable.
      await expect
        .poll(() => spectrumPicture('restricted').size, {
          ...SETTLE,
          timeout: 15_000,
          message: `${user.username} bands`,
        })
        .toBe(entries.length);
      const bands = [...spectrumPicture('restricted').values()] as unknown as RestrictedFrequency[];
      for (const e of entries) {
        const shown = canSee(viewer, e.label);
        const got = bands.filter((b) => b.lowMHz === e.lowMHz && b.highMHz === e.highMHz);
        expect(got, `${user.username} ${e.id}`).toHaveLength(1);
        expect(got[0]!.withheld, `${user.username} ${e.id} withheld`).toBe(!shown);
        expect(got[0]!.nation, `${user.username} ${e.id} nation`).toBe(shown ? e.nation : null);
        if (!shown) exercised.withheldBands++;
      }

      for (const [id, got] of conflictPicture()) {
        if (!isOurs(id)) continue;
        const source = conflicts.find((c) => c.id === id)!;
        const sanitized = expectedConflicts.get(id) === 'sanitized';
        expect(got.sanitized, `${user.username} ${id}`).toBe(sanitized);
        expect(
          got.sides.map((s) => s.withheld),
          `${user.username} ${id} sides`,
        ).toEqual(source.sides.map((s) => sanitized && !sideShown(s)));
        // A withheld band's owner is told to nobody who does not know that nation anyway.
        const knownNations = new Set([
          user.nation,
          ...source.sides.filter((s) => !sanitized || sideShown(s)).map((s) => s.nation),
        ]);
        source.sides.forEach((s, i) => {
          if (
            sanitized &&
            !sideShown(s) &&
            ['TABOO', 'PROTECTED', 'GUARDED'].includes(s.kind) &&
            !knownNations.has(s.nation)
          ) {
            expect(got.sides[i]!.nation, `${user.username} ${id} owner`).toBe('XXX');
            exercised.undisclosedOwners++;
            expect(got.parties, `${user.username} ${id} parties`).not.toContain(s.nation);
          }
        });
        expect(canSee(viewer, got.label as Label), `${user.username} ${id} label`).toBe(true);
        if (sanitized && source.spectrum!.paths.length > 0) exercised.sanitizedPaths++;
      }

      // Nothing that names, locates or changes an assignment or names a band's owner the user may not see, in anything they received.
      const received = JSON.stringify([streams.conflicts.results, streams.proposals.results, streams.spectrum.results]);
      for (const [key, ts] of tokens) {
        if (canSee(viewer, current.get(key)!.label)) continue;
        for (const t of ts) expect(mentions(received, t), `${user.username} received ${t} of ${key}`).toBe(false);
      }
      // A path's distance and received power only in a full view.
      for (const [id, ts] of located) {
        if (expectedConflicts.get(id) === 'full') continue;
        for (const t of ts) expect(mentions(received, t), `${user.username} received ${t} of ${id}`).toBe(false);
      }
      exercised.withheldChanges +=
        JSON.stringify(streams.proposals.results).split('"withheld":true,"lowMHz"').length - 1;
      await Promise.all(Object.values(streams).map((s) => s.dispose()));
    }
    for (const [rule, times] of Object.entries(exercised)) expect(times, rule).toBeGreaterThan(0);
  }, 180_000);
});
