import type { StandardIdentity } from '@tessera/schema';

/** Identities grouped by what they imply for the COP: nations disagree when their groups differ. */
const STANCE: Record<StandardIdentity, 'friend' | 'neutral' | 'hostile' | 'unknown'> = {
  FRIEND: 'friend',
  ASSUMED_FRIEND: 'friend',
  NEUTRAL: 'neutral',
  HOSTILE: 'hostile',
  SUSPECT: 'hostile',
  UNKNOWN: 'unknown',
  PENDING: 'unknown',
};

/** True when nations' assessments differ at all (the detail panel highlights them). */
export function assessmentsDisagree(assessments: readonly { identity: StandardIdentity }[]): boolean {
  return new Set(assessments.map((a) => a.identity)).size > 1;
}

/** True when they differ in stance (friend vs hostile, ...), the disagreement that matters most. */
export function stancesConflict(assessments: readonly { identity: StandardIdentity }[]): boolean {
  return new Set(assessments.map((a) => STANCE[a.identity])).size > 1;
}
