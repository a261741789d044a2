/**
 * The people a chaos run plays, as GraphQL clients of the real gateway: watch officers following the
 * track picture, commanders deciding the requests the interceptors open, and liaisons editing a
 * reservation. Each records what it experienced (batches received, what each mutation returned), so
 * the invariants can be checked against the stack's state afterwards.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { DecisionAttempt } from './invariants.ts';

export interface Endpoint {
  httpUrl: string;
  wsUrl: string;
}

type GqlError = { message: string; extensions?: { code?: string } };
type GqlResult<T> = { data?: T | null; errors?: GqlError[] };

/** One GraphQL request over HTTP; a network failure (gateway down) is reported as UNREACHABLE. */
export async function gql<T>(
  end: Endpoint,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResult<T>> {
  try {
    const res = await fetch(end.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    return (await res.json()) as GqlResult<T>;
  } catch (err) {
    return { errors: [{ message: (err as Error).message, extensions: { code: 'UNREACHABLE' } }] };
  }
}

/** Sign in, repeating while the gateway is not there (it may be restarting). */
export async function login(end: Endpoint, username: string, until = Date.now() + 120_000): Promise<string> {
  for (;;) {
    const r = await gql<{ login: { token: string } }>(
      end,
      'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: username, p: 'tessera' },
    );
    if (r.data?.login.token) return r.data.login.token;
    if (Date.now() > until) throw new Error(`${username} could not sign in: ${JSON.stringify(r.errors)}`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

/** A graphql-ws client that reconnects forever, quickly (as the web app does, without its backoff). */
function liveClient(end: Endpoint, token: string, onConnected: () => void): Client {
  return createClient({
    url: end.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: Number.MAX_SAFE_INTEGER,
    shouldRetry: () => true,
    retryWait: () => new Promise((r) => setTimeout(r, 200)),
    lazy: false,
    keepAlive: 5_000,
    on: { connected: onConnected },
  });
}

type Batch<T> = { seq: number; reset: boolean; upserts: T[]; removals: string[] };

/**
 * A live stream as one subscriber sees it, across reconnections: the current set, every batch's
 * number per connection (for the gap check), and when each snapshot arrived.
 */
class LiveSet<T extends { id: string }> {
  readonly items = new Map<string, T>();
  /** Batches of each connection, in order. */
  readonly connections: { seq: number; reset: boolean }[][] = [];
  /** When each snapshot (reset) arrived, epoch ms. */
  readonly snapshotsAt: number[] = [];
  lastBatchAt = 0;
  readonly name: string;
  private readonly onBatch: (b: Batch<T>) => void;
  private readonly dispose: () => void;

  constructor(name: string, client: Client, query: string, field: string, onBatch: (b: Batch<T>) => void = () => {}) {
    this.name = name;
    this.onBatch = onBatch;
    this.dispose = client.subscribe<Record<string, Batch<T>>>(
      { query },
      {
        next: ({ data }) => this.apply(data![field]!),
        error: () => undefined,
        complete: () => undefined,
      },
    );
  }

  /** A new socket: its batches are numbered on their own. */
  reconnected() {
    this.connections.push([]);
  }

  private apply(b: Batch<T>) {
    const now = Date.now();
    if (this.connections.length === 0) this.connections.push([]);
    this.connections[this.connections.length - 1]!.push({ seq: b.seq, reset: b.reset });
    if (b.reset) {
      this.items.clear();
      this.snapshotsAt.push(now);
    }
    for (const u of b.upserts) this.items.set(u.id, u);
    for (const id of b.removals) this.items.delete(id);
    this.lastBatchAt = now;
    this.onBatch(b);
  }

  close() {
    this.dispose();
  }
}

export type TrackItem = { id: string; updatedAt: string };
export const TRACKS = 'subscription { trackUpdates { seq reset upserts { id updatedAt } removals } }';

/** A watch officer following the track picture. */
export class Watcher {
  readonly tracks: LiveSet<TrackItem>;
  private readonly client: Client;
  readonly username: string;
  constructor(username: string, end: Endpoint, token: string) {
    this.username = username;
    this.client = liveClient(end, token, () => this.tracks.reconnected());
    this.tracks = new LiveSet<TrackItem>(username, this.client, TRACKS, 'trackUpdates');
  }
  async close() {
    this.tracks.close();
    await this.client.dispose();
  }
}

export type RequestItem = {
  id: string;
  kind: string;
  state: string;
  deadline: string;
  requiredApprovals: { nation: string; count: number }[];
  decisions: { decision: string; by: { username: string } | null }[];
};
const REQUESTS = `subscription { authorizationRequestUpdates { seq reset removals
  upserts { id kind state deadline requiredApprovals { nation count } decisions { decision by { username } } } } }`;
const DECIDE = `mutation($id: ID!, $d: DecisionKind!, $r: String!) {
  decideRequest(id: $id, decision: $d, reason: $r) { id state decisions { decision by { username } } } }`;

/**
 * A commander deciding what the interceptors ask of their nation: after a short, seeded delay,
 * approve or deny (and leave some to expire). A decision whose answer was lost (OUTCOME_UNKNOWN, or
 * the gateway gone) is asked again until it is answered or the deadline passes.
 */
export class Commander {
  readonly attempts: DecisionAttempt[] = [];
  readonly requests: LiveSet<RequestItem>;
  private readonly client: Client;
  private readonly taken = new Set<string>();
  private stopped = false;
  readonly username: string;
  readonly nation: string;
  private readonly end: Endpoint;
  private readonly token: string;
  private readonly random: () => number;

  /** Requests this commander asks for now and then (WCS or autonomy changes), each decided like any other. */
  private readonly asks: { query: string; variables: Record<string, unknown> }[];
  private asker: ReturnType<typeof setInterval> | undefined;
  asked = 0;

  constructor(
    username: string,
    nation: string,
    end: Endpoint,
    token: string,
    random: () => number,
    asks: { query: string; variables: Record<string, unknown> }[] = [],
  ) {
    this.asks = asks;
    this.username = username;
    this.nation = nation;
    this.end = end;
    this.token = token;
    this.random = random;
    this.client = liveClient(end, token, () => this.requests.reconnected());
    this.requests = new LiveSet<RequestItem>(username, this.client, REQUESTS, 'authorizationRequestUpdates', (b) => {
      for (const r of b.upserts) this.consider(r);
    });
  }

  /** Ask for the next change every `everyMs` (alternating what `asks` holds). */
  startAsking(everyMs: number) {
    if (this.asks.length === 0) return;
    let next = 0;
    this.asker = setInterval(() => {
      const ask = this.asks[next++ % this.asks.length]!;
      void gql(this.end, ask.query, ask.variables, this.token).then((r) => {
        if (r.data) this.asked++;
      });
    }, everyMs);
  }

  private consider(r: RequestItem) {
    if (this.stopped || this.taken.has(r.id) || r.state !== 'PENDING') return;
    if (!r.requiredApprovals.some((a) => a.nation === this.nation)) return;
    if (r.decisions.some((d) => d.by?.username === this.username)) return;
    this.taken.add(r.id);
    const roll = this.random();
    if (roll < 0.15) return; // left to expire: the fail-safe must hold under faults too
    const decision = roll < 0.65 ? 'APPROVE' : 'DENY';
    const delay = 500 + this.random() * 6_000;
    setTimeout(() => void this.decide(r, decision), delay);
  }

  private async decide(r: RequestItem, decision: 'APPROVE' | 'DENY') {
    const deadline = Date.parse(r.deadline);
    for (;;) {
      if (this.stopped) return;
      const res = await gql<{ decideRequest: { id: string } }>(
        this.end,
        DECIDE,
        { id: r.id, d: decision, r: `chaos run: ${decision.toLowerCase()}` },
        this.token,
      );
      const code = res.errors?.[0]?.extensions?.code;
      if (res.data?.decideRequest) {
        this.attempts.push({ requestId: r.id, username: this.username, decision, outcome: 'ok' });
        return;
      }
      const lost = code === 'OUTCOME_UNKNOWN' || code === 'UNREACHABLE' || code === 'UNAVAILABLE';
      if (!lost || Date.now() > deadline) {
        this.attempts.push({
          requestId: r.id,
          username: this.username,
          decision,
          outcome: lost ? 'unknown' : 'refused',
        });
        return;
      }
      this.attempts.push({ requestId: r.id, username: this.username, decision, outcome: 'unknown' });
      await new Promise((res2) => setTimeout(res2, 300));
    }
  }

  async close() {
    this.stopped = true;
    clearInterval(this.asker);
    this.requests.close();
    await this.client.dispose();
  }
}

const WCS = `mutation($s: ID!, $to: WeaponsControlStatus!) {
  requestWcsChange(sectorId: $s, to: $to, reason: "chaos run") { id } }`;
const AUTONOMY = `mutation($c: EffectorClass!, $to: AutonomyMode!) {
  requestAutonomyChange(effectorClass: $c, to: $to, reason: "chaos run") { id } }`;
/** A request a commander asks for: a mutation and its variables. */
export type Ask = { query: string; variables: Record<string, unknown> };
/** A commander's own requests: a WCS change there and back, or an autonomy change there and back. */
export const wcsToggle = (sectorId: string, a: string, b: string): Ask[] => [
  { query: WCS, variables: { s: sectorId, to: a } },
  { query: WCS, variables: { s: sectorId, to: b } },
];
export const autonomyToggle = (effectorClass: string, a: string, b: string): Ask[] => [
  { query: AUTONOMY, variables: { c: effectorClass, to: a } },
  { query: AUTONOMY, variables: { c: effectorClass, to: b } },
];

const RESERVE = `mutation($input: ReservationInput!) { createReservation(input: $input) { id version } }`;
const EDIT = `mutation($id: ID!, $v: Int!, $input: ReservationInput!) {
  editReservation(id: $id, version: $v, input: $input) { id version ceilingM } }`;
const AIRSPACE = `{ airspace { id nation version ceilingM } }`;

/** What a liaison was told about its edits: the version and ceiling of each successful one. */
export interface LiaisonEdit {
  id: string;
  version: number;
  ceilingM: number;
  outcome: 'ok' | 'refused' | 'unknown';
}

/**
 * A liaison keeping one reservation of its nation up to date: it creates it, then edits its ceiling
 * again and again at the version it last saw. A lost answer is followed by reading the reservation
 * again (never by blindly repeating the edit).
 */
export class Liaison {
  readonly edits: LiaisonEdit[] = [];
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  reservationId: string | undefined;
  readonly username: string;
  readonly nation: string;
  private readonly end: Endpoint;
  private readonly token: string;
  private readonly area: { lat: number; lon: number };

  constructor(username: string, nation: string, end: Endpoint, token: string, area: { lat: number; lon: number }) {
    this.username = username;
    this.nation = nation;
    this.end = end;
    this.token = token;
    this.area = area;
  }

  private input(ceilingM: number) {
    return {
      name: `CHAOS ${this.username.toUpperCase()}`,
      kind: 'ROZ',
      circle: { lat: this.area.lat, lon: this.area.lon, radiusM: 3000 },
      floorM: 0,
      ceilingM,
      validFrom: new Date(Date.now() - 60_000).toISOString(),
      validTo: new Date(Date.now() + 6 * 3600_000).toISOString(),
      classification: 'CONFIDENTIAL',
      releasableTo: [],
    };
  }

  /** The reservation as the deconfliction service holds it, through the gateway. */
  async current(): Promise<{ version: number; ceilingM: number } | undefined> {
    const r = await gql<{ airspace: { id: string; nation: string; version: number; ceilingM: number }[] }>(
      this.end,
      AIRSPACE,
      {},
      this.token,
    );
    return r.data?.airspace.find((v) => v.id === this.reservationId && v.nation === this.nation);
  }

  start() {
    this.loop = (async () => {
      let ceiling = 1000;
      while (!this.stopped && !this.reservationId) {
        const r = await gql<{ createReservation: { id: string; version: number } }>(
          this.end,
          RESERVE,
          { input: this.input(ceiling) },
          this.token,
        );
        if (r.data) this.reservationId = r.data.createReservation.id;
        else await new Promise((res) => setTimeout(res, 500));
      }
      let version = 1;
      while (!this.stopped) {
        ceiling = ceiling >= 3000 ? 1000 : ceiling + 100;
        const r = await gql<{ editReservation: { id: string; version: number; ceilingM: number } }>(
          this.end,
          EDIT,
          { id: this.reservationId, v: version, input: this.input(ceiling) },
          this.token,
        );
        const code = r.errors?.[0]?.extensions?.code;
        if (r.data) {
          version = r.data.editReservation.version;
          this.edits.push({ id: this.reservationId!, version, ceilingM: ceiling, outcome: 'ok' });
        } else {
          const lost = code === 'OUTCOME_UNKNOWN' || code === 'UNREACHABLE' || code === 'UNAVAILABLE';
          this.edits.push({
            id: this.reservationId!,
            version,
            ceilingM: ceiling,
            outcome: lost ? 'unknown' : 'refused',
          });
          const now = await this.current();
          if (now) version = now.version;
        }
        await new Promise((res) => setTimeout(res, 1_000));
      }
    })();
  }

  async stop() {
    this.stopped = true;
    await this.loop;
  }
}

/**
 * The liaison's invariant: the reservation as held at the end is the last edit the liaison was told
 * succeeded, or newer (an edit whose answer was lost may have been applied); never older.
 */
export function checkLiaison(l: Liaison, final: { version: number; ceilingM: number } | undefined): string[] {
  const ok = l.edits.filter((e) => e.outcome === 'ok');
  if (!l.reservationId) return [`${l.username} never managed to create its reservation`];
  if (!final) return [`${l.username}'s reservation ${l.reservationId} is gone from the airspace`];
  const last = ok[ok.length - 1];
  if (!last) return [];
  if (final.version < last.version)
    return [
      `${l.username}'s reservation is at version ${final.version}, older than the edit to version ${last.version} it was told succeeded`,
    ];
  const unknownAfter = l.edits.slice(l.edits.lastIndexOf(last) + 1).some((e) => e.outcome === 'unknown');
  if (final.version === last.version && final.ceilingM !== last.ceilingM)
    return [
      `${l.username}'s reservation at version ${final.version} has ceiling ${final.ceilingM}, not ${last.ceilingM}`,
    ];
  if (final.version > last.version && !unknownAfter)
    return [`${l.username}'s reservation moved to version ${final.version} without an edit the liaison made`];
  return [];
}
