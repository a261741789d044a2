import { createHash, createHmac } from 'node:crypto';
import RBush from 'rbush';
import {
  kindsConflict as tableOfKinds,
  type AirspaceVolume,
  type ConflictRegion,
  type ConflictSeverity,
  type VolumeKind,
} from '@tessera/schema';
import type { Area } from './footprint.ts';
import { isLive, msOf, overlapDetail, prepareVolume, type Instant, type PreparedVolume } from './overlap.ts';

/**
 * Conflicts between reservations (DOMAIN.md, "Airspace"): two reservations of different nations,
 * neither ENDED, whose kinds may not share airspace (schema `kindsConflict`, one table) and whose
 * volumes overlap with positive size in area, altitude and time. Pure functions over an R-tree
 * (rbush) of the reservations' bounding boxes, so that only neighbours are ever clipped: a full
 * evaluation costs about n·log n box tests plus one clipping per real neighbour pair, and an edit
 * re-evaluates only the edited reservation against its neighbours (`conflictsWith`).
 */

export interface ConflictOptions {
  /** The present: an overlap whose time window has ended by then is past and not reported. Absent: any time. */
  at?: Instant;
  /** Which kinds conflict where they overlap; the schema's table unless given. */
  kindsConflict?: (a: VolumeKind, b: VolumeKind) => boolean;
  /** Secret for the conflict ids (HMAC-SHA-256): without it anyone can confirm a guessed pair of reservation ids against an id. */
  idKey?: string;
}

/** One conflict as the engine finds it; the deconfliction service adds state, times, labels and versions of its own. */
export interface AirspaceConflict {
  /** Deterministic for the pair of reservations (`conflictId`), whatever their versions. */
  id: string;
  /** The two nations, sorted. */
  parties: [string, string];
  /** The two reservations as compared, in the order of `parties`. */
  sides: [AirspaceVolume, AirspaceVolume];
  /** What the conflict was computed from (proof of awareness for proposals). */
  basedOn: [ReservationVersion, ReservationVersion];
  region: ConflictRegion;
  severity: ConflictSeverity;
  /** The whole overlap, every piece with its holes (the region's outline is the largest piece's outer ring). */
  area: Area;
  /** Of each side: the fraction of its area times the fraction of its altitude block in the overlap (what severity is judged on). */
  shares: [number, number];
}

export interface ReservationVersion {
  nation: string;
  id: string;
  version: number;
}

/** A reservation's key in the index and in conflict ids: objects are keyed by owner and id. */
export const reservationKey = (v: Pick<AirspaceVolume, 'nation' | 'id'>): string => `${v.nation}/${v.id}`;

/**
 * The id of the conflict between two reservations: `c-` and 32 hex digits of a SHA-256 (HMAC with
 * `idKey`) of the sorted pair of `<nation>/<id>`. Same pair, same id, in any order and at any
 * version. Hashed, never spelled out: the other side's id is not releasable to every party.
 */
export function conflictId(
  a: Pick<AirspaceVolume, 'nation' | 'id'>,
  b: Pick<AirspaceVolume, 'nation' | 'id'>,
  idKey?: string,
): string {
  const text = [reservationKey(a), reservationKey(b)].sort().join('\n');
  const hash = idKey === undefined ? createHash('sha256') : createHmac('sha256', idKey);
  return `c-${hash.update(text).digest('hex').slice(0, 32)}`;
}

/** Kinds that hold aircraft or protect something: a weapons zone over any of them is always HIGH. */
const ENDANGERED_BY_WEAPONS: ReadonlySet<VolumeKind> = new Set(['TRANSIT_CORRIDOR', 'ROZ', 'NO_FIRE_AREA']);
export const SEVERITY_SHARES = { HIGH: 0.5, MEDIUM: 0.1 } as const;

/**
 * How bad a conflict is. HIGH: an ENGAGEMENT_ZONE over a TRANSIT_CORRIDOR, a ROZ or a NO_FIRE_AREA
 * (weapons where aircraft fly or fires are prohibited), whatever the size; else by the share of the
 * more affected side, its fraction of area times fraction of altitude block taken by the overlap:
 * HIGH from 50 %, MEDIUM from 10 %, LOW below.
 */
export function severityOf(
  kinds: readonly [VolumeKind, VolumeKind],
  shares: readonly [number, number],
): ConflictSeverity {
  const [x, y] = kinds;
  if (
    (x === 'ENGAGEMENT_ZONE' && ENDANGERED_BY_WEAPONS.has(y)) ||
    (y === 'ENGAGEMENT_ZONE' && ENDANGERED_BY_WEAPONS.has(x))
  )
    return 'HIGH';
  const share = Math.max(shares[0], shares[1]);
  return share >= SEVERITY_SHARES.HIGH ? 'HIGH' : share >= SEVERITY_SHARES.MEDIUM ? 'MEDIUM' : 'LOW';
}

interface Entry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  key: string;
  volume: AirspaceVolume;
  prepared: PreparedVolume;
  /** In the R-tree: live, with an area. */
  indexed: boolean;
}

function entryOf(volume: AirspaceVolume): Entry {
  const prepared = prepareVolume(volume);
  const [minX, minY, maxX, maxY] = prepared.bbox;
  return {
    minX,
    minY,
    maxX,
    maxY,
    key: reservationKey(volume),
    volume,
    prepared,
    indexed: prepared.area !== null && isLive(volume),
  };
}

/**
 * The reservations, indexed by their bounding boxes (rbush), keyed by nation and id. Keep one per
 * deconfliction service and update it with every change: `upsert` after a create or edit (an ENDED
 * reservation stays known but leaves the tree), `remove` when it is gone.
 */
export class ReservationIndex {
  readonly #tree = new RBush<Entry>();
  readonly #entries = new Map<string, Entry>();

  constructor(reservations: Iterable<AirspaceVolume> = []) {
    for (const v of reservations) this.#entries.set(reservationKey(v), entryOf(v));
    this.#tree.load([...this.#entries.values()].filter((e) => e.indexed));
  }

  get size(): number {
    return this.#entries.size;
  }

  get(nation: string, id: string): AirspaceVolume | undefined {
    return this.#entries.get(reservationKey({ nation, id }))?.volume;
  }

  *values(): IterableIterator<AirspaceVolume> {
    for (const e of this.#entries.values()) yield e.volume;
  }

  /** Add a reservation or replace the one with its nation and id. */
  upsert(v: AirspaceVolume): void {
    this.#drop(reservationKey(v));
    const e = entryOf(v);
    this.#entries.set(e.key, e);
    if (e.indexed) this.#tree.insert(e);
  }

  remove(nation: string, id: string): boolean {
    return this.#drop(reservationKey({ nation, id }));
  }

  #drop(key: string): boolean {
    const old = this.#entries.get(key);
    if (!old) return false;
    if (old.indexed) this.#tree.remove(old);
    this.#entries.delete(key);
    return true;
  }

  /** @internal Live reservations whose bounding box meets `e`'s. */
  neighbours(e: Pick<Entry, 'minX' | 'minY' | 'maxX' | 'maxY'>): Entry[] {
    return this.#tree.search(e);
  }

  /** @internal Every live reservation with an area. */
  indexed(): Entry[] {
    return this.#tree.all();
  }
}

function conflictOf(x: Entry, y: Entry, atMs: number | undefined, opts: ConflictOptions): AirspaceConflict | null {
  const a = x.volume;
  const b = y.volume;
  if (a.nation === b.nation || !isLive(a) || !isLive(b)) return null;
  if (!(opts.kindsConflict ?? tableOfKinds)(a.kind, b.kind)) return null;
  const overlap = overlapDetail(x.prepared, y.prepared, atMs);
  if (!overlap) return null;
  const flip = b.nation < a.nation;
  const sides: [AirspaceVolume, AirspaceVolume] = flip ? [b, a] : [a, b];
  const shares: [number, number] = flip ? [overlap.shares[1], overlap.shares[0]] : overlap.shares;
  return {
    id: conflictId(a, b, opts.idKey),
    parties: [sides[0].nation, sides[1].nation],
    sides,
    basedOn: [versionOf(sides[0]), versionOf(sides[1])],
    region: overlap.region,
    severity: severityOf([sides[0].kind, sides[1].kind], shares),
    area: overlap.area,
    shares,
  };
}

const versionOf = (v: AirspaceVolume): ReservationVersion => ({ nation: v.nation, id: v.id, version: v.version });
const byId = (x: AirspaceConflict, y: AirspaceConflict) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
const atOf = (opts: ConflictOptions) => (opts.at === undefined ? undefined : msOf(opts.at));

/** Every conflict among the reservations (or an index of them), sorted by id. */
export function findConflicts(
  reservations: Iterable<AirspaceVolume> | ReservationIndex,
  opts: ConflictOptions = {},
): AirspaceConflict[] {
  const index = reservations instanceof ReservationIndex ? reservations : new ReservationIndex(reservations);
  const atMs = atOf(opts);
  const out: AirspaceConflict[] = [];
  for (const e of index.indexed()) {
    if (atMs !== undefined && !(e.prepared.toMs > atMs)) continue;
    for (const n of index.neighbours(e)) {
      if (n.key <= e.key) continue; // each pair once
      const c = conflictOf(e, n, atMs, opts);
      if (c) out.push(c);
    }
  }
  return out.sort(byId);
}

/**
 * The conflicts of one reservation against the indexed others (not against its own older version
 * in the index), sorted by id: after an edit, these replace every conflict that involved it. ENDED:
 * none. Does not change the index (`upsert` the reservation as well).
 */
export function conflictsWith(
  changed: AirspaceVolume,
  index: ReservationIndex,
  opts: ConflictOptions = {},
): AirspaceConflict[] {
  const e = entryOf(changed);
  if (!e.indexed) return [];
  const atMs = atOf(opts);
  const out: AirspaceConflict[] = [];
  for (const n of index.neighbours(e)) {
    if (n.key === e.key) continue;
    const c = conflictOf(e, n, atMs, opts);
    if (c) out.push(c);
  }
  return out.sort(byId);
}

/** The same answer as `findConflicts`, by comparing every pair (n²/2): for tests and the benchmark. */
export function findConflictsPairwise(
  reservations: Iterable<AirspaceVolume>,
  opts: ConflictOptions = {},
): AirspaceConflict[] {
  const byKey = new Map<string, Entry>();
  for (const v of reservations) byKey.set(reservationKey(v), entryOf(v));
  const entries = [...byKey.values()];
  const atMs = atOf(opts);
  const out: AirspaceConflict[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const c = conflictOf(entries[i]!, entries[j]!, atMs, opts);
      if (c) out.push(c);
    }
  }
  return out.sort(byId);
}
