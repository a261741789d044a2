import type { RestrictedEntry, SpectrumAssignment, SpectrumLocation } from '@tessera/schema';
import { msOf, type Instant } from '../airspace/overlap.ts';
import {
  entryOf,
  pairConflict,
  restrictedHits,
  type InterferencePath,
  type SpectrumIndex,
  type SpectrumOptions,
} from './engine.ts';

/**
 * The spectrum check of a jamming request before it reaches a commander (issue 13, item 4), as a
 * pure function: the restricted list and the victims it would harm.
 *
 * - TABOO entries the jammer's band (widened by its guard band) overlaps and that are not waived:
 *   the request is refused, naming each band.
 * - PROTECTED and GUARDED entries (not waived): the owning / guarding nation's commander must
 *   concur; the requesting nation's own entries need no one else. The entries are returned with
 *   their labels: the caller releases a GUARDED entry to partners only as "a restricted band" with
 *   its edges (DOMAIN.md).
 * - Victims: every indexed assignment the jammer would harm by the interference rule, of ANY nation
 *   (own receivers included: fratricide is the deciders' business too), largest margin first.
 */

/** A jamming request: a band, an area (or a point), a time window and a power; or a JAMMER assignment. */
export interface JammingRequest {
  nation: string;
  lowMHz: number;
  highMHz: number;
  eirpDbm: number;
  location: SpectrumLocation;
  validFrom?: string | undefined;
  validTo?: string | undefined;
  /** When the request is an existing assignment: its id (not compared with itself). */
  id?: string | undefined;
}

export interface RestrictedHit {
  entry: RestrictedEntry;
  overlapMHz: number;
}

export interface JammingCheck {
  /** Null when the request may go to the commanders; else why it is refused (every TABOO band named). */
  refusal: string | null;
  taboo: RestrictedHit[];
  /** PROTECTED / GUARDED hits of other nations, grouped by the nation whose commander must concur, sorted. */
  concurrence: { nation: string; hits: RestrictedHit[] }[];
  /** PROTECTED / GUARDED entries of the requesting nation itself (its own commander decides anyway). */
  own: RestrictedHit[];
  victims: (InterferencePath & { assignment: SpectrumAssignment })[];
}

const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

/** The JAMMER assignment a request stands for (id `jamming-request` unless it has one). */
export function requestAsAssignment(r: JammingRequest | SpectrumAssignment): SpectrumAssignment {
  if ('use' in r && 'state' in r) return r;
  return {
    id: r.id ?? 'jamming-request',
    nation: r.nation,
    system: 'jamming request',
    use: 'JAMMER',
    lowMHz: r.lowMHz,
    highMHz: r.highMHz,
    eirpDbm: r.eirpDbm,
    location: r.location,
    ...(r.validFrom === undefined ? {} : { validFrom: r.validFrom }),
    ...(r.validTo === undefined ? {} : { validTo: r.validTo }),
    priority: 0,
    label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator: r.nation, releasableTo: [] },
    state: 'PROPOSED',
    version: 1,
  };
}

export function jammingCheck(
  request: JammingRequest | SpectrumAssignment,
  list: readonly RestrictedEntry[],
  index?: SpectrumIndex,
  opts: { at?: Instant; idKey?: string } = {},
): JammingCheck {
  const jammer = requestAsAssignment(request);
  const atMs = opts.at === undefined ? undefined : msOf(opts.at);
  const taboo = restrictedHits(jammer, list, ['TABOO'], atMs);
  const others = restrictedHits(jammer, list, ['PROTECTED', 'GUARDED'], atMs);
  const byNation = new Map<string, RestrictedHit[]>();
  const own: RestrictedHit[] = [];
  for (const h of others) {
    if (h.entry.nation === jammer.nation) own.push(h);
    else byNation.set(h.entry.nation, [...(byNation.get(h.entry.nation) ?? []), h]);
  }
  const victims: JammingCheck['victims'] = [];
  if (index) {
    const e = entryOf(jammer);
    const conflictOpts: SpectrumOptions = { sameNation: true, ...opts };
    for (const n of index.overlapping(e.wLow, e.wHigh)) {
      const c = pairConflict(e, n, atMs, conflictOpts, true);
      for (const p of c?.paths ?? [])
        if (p.interferer.nation === jammer.nation && p.interferer.id === jammer.id)
          victims.push({ ...p, assignment: n.a });
    }
    victims.sort((x, y) => y.marginDb - x.marginDb);
  }
  return {
    refusal:
      taboo.length === 0
        ? null
        : `jamming over TABOO band${taboo.length > 1 ? 's' : ''}: ${taboo
            .map((h) => `${h.entry.reason} (${fmt(h.entry.lowMHz)}-${fmt(h.entry.highMHz)} MHz)`)
            .join('; ')}`,
    taboo,
    concurrence: [...byNation.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([nation, hits]) => ({ nation, hits })),
    own,
    victims,
  };
}
