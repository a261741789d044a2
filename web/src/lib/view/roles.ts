import type { Role } from '@tessera/schema';

/**
 * What the page offers to whom, in one table. The gateway and the services decide (and refuse with
 * the rule); this only keeps the page from offering a button that would be refused.
 */
const CAPABILITIES = {
  /** Acknowledge alerts for one's nation. */
  acknowledge: { roles: ['WATCH_OFFICER', 'COMMANDER'], nation: true },
  /** Preview what a partner nation would receive of a track. */
  preview: { roles: ['COMMANDER', 'LIAISON'], nation: false },
  /** Decide requests, change WCS and autonomy, read the audit trail. */
  command: { roles: ['COMMANDER'], nation: false },
  /** Create, edit and end one's nation's reservations; propose and answer resolutions. */
  negotiate: { roles: ['LIAISON', 'COMMANDER'], nation: true },
} as const satisfies Record<string, { roles: readonly Role[]; nation: boolean }>;

export type Capability = keyof typeof CAPABILITIES;

export function can(
  user: { nation: string | null; roles: readonly Role[] } | null | undefined,
  capability: Capability,
): boolean {
  if (!user) return false;
  const c = CAPABILITIES[capability];
  return (!c.nation || user.nation !== null) && user.roles.some((r) => (c.roles as readonly Role[]).includes(r));
}
