import { defaultTabooList, type RestrictedEntry } from '@tessera/schema';

/**
 * The restricted list every check holds (the deconfliction service's engine, the authority's jamming
 * check, the gateway's suggestions): the list as kept, and DOMAIN.md's protected bands always
 * (`defaultTabooList`, owner NAT; public knowledge, so labelled releasable to `audience`). A kept
 * entry with a protected band's owner and id replaces it only as a TABOO entry not removed: it may
 * waive a protected band ("unless explicitly waived"), never drop or weaken it.
 */
export function withProtectedBands(
  kept: Iterable<RestrictedEntry>,
  audience: readonly string[] = [],
): RestrictedEntry[] {
  const key = (e: Pick<RestrictedEntry, 'nation' | 'id'>) => `${e.nation}/${e.id}`;
  const defaults = new Map(defaultTabooList('NAT', [...new Set(audience)]).map((e) => [key(e), e]));
  const out = new Map<string, RestrictedEntry>(defaults);
  for (const e of kept) {
    const k = key(e);
    if (defaults.has(k) && (e.kind !== 'TABOO' || e.removed === true)) continue;
    out.set(k, e);
  }
  return [...out.values()];
}
