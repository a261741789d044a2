import type { StandardIdentity, TrackKind } from '@tessera/schema';

export interface ListedTrack {
  id: string;
  kind: TrackKind;
  identity: StandardIdentity;
  position: { altM: number };
  velocity: { speedMps: number };
  label: { originator: string; classification: string };
  updatedAt: string;
}

export interface TrackFilter {
  search: string;
  /** Empty set: all. */
  identities: ReadonlySet<StandardIdentity>;
  kinds: ReadonlySet<TrackKind>;
  nations: ReadonlySet<string>;
}

export const SORT_KEYS = ['threat', 'id', 'kind', 'nation', 'altitude', 'speed', 'age'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Most dangerous identity first when sorting by threat. */
const THREAT_ORDER: StandardIdentity[] = [
  'HOSTILE',
  'SUSPECT',
  'UNKNOWN',
  'PENDING',
  'NEUTRAL',
  'ASSUMED_FRIEND',
  'FRIEND',
];

export function matchesFilter(t: ListedTrack, f: TrackFilter): boolean {
  if (f.identities.size && !f.identities.has(t.identity)) return false;
  if (f.kinds.size && !f.kinds.has(t.kind)) return false;
  if (f.nations.size && !f.nations.has(t.label.originator)) return false;
  const q = f.search.trim().toLowerCase();
  if (!q) return true;
  return [t.id, t.kind, t.identity, t.label.originator].some((s) => s.toLowerCase().includes(q));
}

const compare: Record<SortKey, (a: ListedTrack, b: ListedTrack) => number> = {
  threat: (a, b) => THREAT_ORDER.indexOf(a.identity) - THREAT_ORDER.indexOf(b.identity),
  id: () => 0,
  kind: (a, b) => a.kind.localeCompare(b.kind),
  nation: (a, b) => a.label.originator.localeCompare(b.label.originator),
  altitude: (a, b) => a.position.altM - b.position.altM,
  speed: (a, b) => a.velocity.speedMps - b.velocity.speedMps,
  age: (a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt),
};

/** Filter then sort; ties break by id so the order is stable as data streams in (no jumping rows). */
export function filterAndSort<T extends ListedTrack>(
  tracks: Iterable<T>,
  f: TrackFilter,
  key: SortKey,
  descending: boolean,
): T[] {
  const out: T[] = [];
  for (const t of tracks) if (matchesFilter(t, f)) out.push(t);
  const dir = descending ? -1 : 1;
  return out.sort((a, b) => dir * compare[key](a, b) || a.id.localeCompare(b.id));
}
