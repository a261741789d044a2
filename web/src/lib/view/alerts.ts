import { compareAlertUrgency } from '@tessera/schema';
import type { AlertFieldsFragment } from '@tessera/schema/operations';

type Alert = AlertFieldsFragment;

/** How long a cleared alert stays in the list (dimmed) so the watch officer sees it end. */
export const CLEARED_VISIBLE_MS = 120_000;

/** Alerts the list shows: active ones and recently cleared ones, most urgent first. */
export function alertRows(alerts: Iterable<Alert>, now: number): Alert[] {
  return [...alerts]
    .filter((a) => a.clearedAt === null || now - Date.parse(a.clearedAt) < CLEARED_VISIBLE_MS)
    .sort(compareAlertUrgency);
}

/** A critical alert, active and unacknowledged: it gets an audible and visual cue (once). */
export const isAlarming = (a: Alert) => a.severity === 'CRITICAL' && a.clearedAt === null && !a.acknowledged;

/** "T-1:32" until the predicted impact, "T-0:00" once it is due; null without one. */
export function countdown(impactExpectedAt: string | null | undefined, now: number): string | null {
  if (!impactExpectedAt) return null;
  const s = Math.max(0, Math.round((Date.parse(impactExpectedAt) - now) / 1000));
  return `T-${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Alerts that still need this user's nation: active and not acknowledged at their severity. */
export function unacknowledged(alerts: Iterable<Alert>): number {
  let n = 0;
  for (const a of alerts) if (a.clearedAt === null && !a.acknowledged) n++;
  return n;
}
