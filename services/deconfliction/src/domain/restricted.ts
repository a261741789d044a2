import type { RestrictedDraft, RestrictedEntry } from '@tessera/schema';
import { actsForANation, refuse, type Outcome, type Person } from './access.ts';

/**
 * The restricted frequency list (DOMAIN.md, after the JRFL): each nation's liaisons and commanders
 * keep their own nation's entries (a TABOO band of their C2 nets, the PROTECTED bands of their
 * systems, the GUARDED bands they exploit); a command names only an id, and the owner is always the
 * person's nation, so nobody can address, or learn of, another nation's entry. The protected bands
 * of DOMAIN.md are the coalition's (seeded from the scenario) and no person acts for it. A removed
 * entry is kept for the record and restricts nothing (`restricts` in the schema).
 */

export type RestrictedList = (nation: string, id: string) => RestrictedEntry | undefined;

/** Add an entry of the person's nation (`version` absent) or replace the one at `version`. */
export function setRestricted(
  by: Person,
  id: string,
  version: number | undefined,
  draft: RestrictedDraft,
  list: RestrictedList,
): Outcome<RestrictedEntry> {
  const refused = actsForANation(by);
  if (refused) return refused;
  const nation = by.nation!;
  if (draft.label.originator !== nation)
    return refuse(
      'INVALID',
      `An entry of ${nation} is labelled with ${nation} as its originator, not ${draft.label.originator}.`,
    );
  if (draft.waiver && draft.waiver.by !== nation)
    return refuse('INVALID', `Only ${nation} waives its own entry; the waiver names ${draft.waiver.by}.`);
  if (draft.noTransmission && draft.kind !== 'TABOO')
    return refuse('INVALID', 'Only a TABOO band can forbid every transmission.');
  const current = list(nation, id);
  if (version === undefined && current && !current.removed)
    return refuse('INVALID', `Entry ${nation}/${id} exists already; replace it at its version.`);
  if (version !== undefined && (!current || current.removed))
    return refuse('INVALID', `There is no entry ${nation}/${id} to replace.`);
  if (version !== undefined && current!.version !== version)
    return refuse('STALE_VERSION', `Entry ${nation}/${id} is at version ${current!.version}; look at it again.`);
  const { waiver, noTransmission, ...rest } = draft;
  return {
    ok: true,
    value: {
      ...rest,
      id,
      nation,
      ...(waiver ? { waiver } : {}),
      ...(noTransmission ? { noTransmission } : {}),
      version: (current?.version ?? 0) + 1,
    },
  };
}

/** Remove an entry of the person's nation at the version they saw (kept, marked removed). */
export function removeRestricted(
  by: Person,
  ref: { id: string; version: number },
  list: RestrictedList,
): Outcome<RestrictedEntry> {
  const refused = actsForANation(by);
  if (refused) return refused;
  const current = list(by.nation!, ref.id);
  if (!current || current.removed) return refuse('INVALID', `There is no entry ${by.nation}/${ref.id}.`);
  if (current.version !== ref.version)
    return refuse('STALE_VERSION', `Entry ${by.nation}/${ref.id} is at version ${current.version}; look at it again.`);
  return { ok: true, value: { ...current, removed: true, version: current.version + 1 } };
}

/** An entry of the scenario as the service takes it over at first start: version 1. */
export const seededRestricted = (e: RestrictedEntry): RestrictedEntry => ({ ...e, version: 1 });
