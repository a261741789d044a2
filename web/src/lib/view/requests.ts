import { isAwaitingDecision, isEngagementActive, TARGET_WARNING_TEXT } from '@tessera/schema';
import type { RequestFieldsFragment } from '@tessera/schema/operations';
import { humanize } from './humanize.ts';

type Request = RequestFieldsFragment;

/** How long a finished request stays in the list (dimmed) so people see how it ended. */
export const FINISHED_VISIBLE_MS = 120_000;

export const isWaiting = (r: Request) => isAwaitingDecision(r);
export const isRunning = (r: Request) => isEngagementActive(r);

/** When a request last changed state, as far as the list needs it. */
function endedAt(r: Request): number {
  const times = [Date.parse(r.createdAt), ...r.decisions.map((d) => Date.parse(d.at))];
  if (r.state === 'EXPIRED') times.push(Date.parse(r.deadline));
  return Math.max(...times);
}

/**
 * The console's order: requests waiting for you first, then other waiting ones, both soonest deadline
 * first; then running engagements; then recently finished ones, newest first.
 */
export function requestRows(requests: Iterable<Request>, now: number): Request[] {
  const rank = (r: Request) => (r.awaitingYou ? 0 : isWaiting(r) ? 1 : isRunning(r) ? 2 : 3);
  return [...requests]
    .filter((r) => rank(r) < 3 || now - endedAt(r) < FINISHED_VISIBLE_MS)
    .sort(
      (a, b) =>
        rank(a) - rank(b) || (rank(a) < 3 ? Date.parse(a.deadline) - Date.parse(b.deadline) : endedAt(b) - endedAt(a)),
    );
}

/** Time left to decide (or, in flight, to the intercept), as "0:42"; null otherwise. */
export function timeLeft(r: Request, now: number): string | null {
  const inFlight = r.engagementState === 'EXECUTING' && r.engagement;
  if (!isWaiting(r) && !inFlight) return null;
  const until = inFlight
    ? Date.parse(r.engagement!.interceptAt)
    : r.state === 'PENDING_VETO' && r.vetoUntil
      ? Date.parse(r.vetoUntil)
      : Date.parse(r.deadline);
  const s = Math.max(0, Math.ceil((until - now) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "POL 1/1 · UKR 0/1": who must concur and how many have. */
export function concurrence(r: Request): string {
  return r.requiredApprovals
    .map(
      (q) =>
        `${q.nation} ${new Set(r.decisions.filter((d) => d.decision === 'APPROVE' && d.by.nation === q.nation).map((d) => d.by.username)).size}/${q.count}`,
    )
    .join(' · ');
}

/** One line saying what the request asks for. */
export function summary(r: Request): string {
  if (r.engagement)
    return `${r.engagement.effectorId} → ${r.engagement.targetTrackId} (${humanize(r.engagement.targetKind)}, ${Math.round(r.engagement.confidence * 100)} %)`;
  if (r.jamming)
    return `${r.jamming.effectorId} jams ${r.jamming.lowMHz}-${r.jamming.highMHz} MHz, ${(r.jamming.radiusM / 1000).toFixed(1)} km circle, ${Math.round(r.jamming.durationS / 60)} min`;
  if (r.wcsChange) return `${r.wcsChange.sectorId}: WCS ${r.wcsChange.from} → ${r.wcsChange.to}`;
  if (r.autonomyChange)
    return `${humanize(r.autonomyChange.effectorClass)}: ${r.autonomyChange.from} → ${r.autonomyChange.to}`;
  return r.kind;
}

/**
 * The detector's flags on the request's target, in words a decider cannot misread ("Possible GNSS
 * spoofing — position may be false"), with the finding behind each ("position jump: moved 10 km…").
 */
export function targetWarnings(r: Request): { kind: string; title: string; detail: string }[] {
  return r.targetWarnings.map((w) => ({
    kind: w.kind,
    title: TARGET_WARNING_TEXT[w.kind],
    detail: `${humanize(w.anomaly)}: ${w.detail}`,
  }));
}

/** Where a request stands, for people. */
export function status(r: Request): string {
  if (r.engagementState === 'COMPLETED') return r.outcome === 'DESTROYED' ? 'DESTROYED' : 'MISSED';
  if (r.engagementState === 'ABORTED') return 'ABORTED';
  if (r.engagementState === 'EXECUTING') return 'IN FLIGHT';
  if (r.state === 'PENDING_VETO') return 'VETO WINDOW';
  return humanize(r.state, 'keep');
}

/**
 * Where the side panel goes when a request starts waiting for this commander: to the authorization
 * console, unless the commander is at work in a tab whose forms the switch would hide (a WCS or
 * autonomy change in Sectors, a reservation or proposal in Deconfliction). There the cue sounds and
 * the Authorizations tab's count says it; the commander switches when done.
 */
export function tabForAwaiting<T extends string>(current: T | 'authorizations'): T | 'authorizations' {
  return current === 'sectors' || current === 'deconfliction' ? current : 'authorizations';
}
