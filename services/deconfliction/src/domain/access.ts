import type { DECONFLICTION_REFUSALS, DeconflictionCommand, ReservationRef } from '@tessera/schema';

/** The person a command names: the one the gateway authenticated (only it may publish commands). */
export type Person = DeconflictionCommand['by'];

export type DeconflictionRule = (typeof DECONFLICTION_REFUSALS)[number];

/** Why a command is refused: the rule by name, a sentence for the person, and for STALE_VERSION the versions as they are now. */
export interface Refusal {
  ok: false;
  rule: DeconflictionRule;
  message: string;
  current?: ReservationRef[];
}

export type Outcome<T> = { ok: true; value: T } | Refusal;

export const refuse = (rule: DeconflictionRule, message: string, current?: ReservationRef[]): Refusal => ({
  ok: false,
  rule,
  message,
  ...(current ? { current } : {}),
});

/**
 * Who may act on a nation's airspace: its liaisons, who own its reservations and negotiate for it,
 * and its commanders. Watch officers, admins and anyone without a nation may not.
 */
export function actsForANation(by: Person): Refusal | null {
  if (by.nation === null || !by.roles.some((r) => r === 'LIAISON' || r === 'COMMANDER')) {
    return refuse(
      'NOT_A_LIAISON',
      `${by.username} is not a liaison or commander of a nation: only they create, change and negotiate reservations and spectrum assignments.`,
    );
  }
  return null;
}

/** A nation's reservations and assignments are changed by its own liaisons and commanders only (others negotiate). */
export function mayChange(
  by: Person,
  owned: { nation: string; id: string },
  what: 'Reservation' | 'Assignment' | 'Restricted entry' = 'Reservation',
): Refusal | null {
  const notLiaison = actsForANation(by);
  if (notLiaison) return notLiaison;
  if (by.nation !== owned.nation) {
    return refuse(
      'NOT_YOUR_RESERVATION',
      `${what} ${owned.nation}/${owned.id} belongs to ${owned.nation}; ${by.nation} may propose a change to it in a negotiation, not make one.`,
    );
  }
  return null;
}

/** Only the nations a conflict is between negotiate its resolution. */
export function isPartyOf(by: Person, parties: readonly string[], what: string): Refusal | null {
  const notLiaison = actsForANation(by);
  if (notLiaison) return notLiaison;
  // Names no party: who negotiates with whom is for the parties to know.
  if (!parties.includes(by.nation!)) return refuse('NOT_A_PARTY', `${by.nation} is not a party to ${what}.`);
  return null;
}
