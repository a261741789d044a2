import {
  type ConflictSide,
  type DeconflictionCommand,
  type DeconflictionReply,
  type Label,
  type RestrictedEntry,
  type User,
} from '@tessera/schema';
import { withProtectedBands } from '@tessera/service-kit/spectrum';
import { reservationKey } from '../../nats/airspace-feed.ts';
import { releaseMessage, releaseRefs, type ReservationLabels } from '../access-airspace.ts';
import { isAssignmentSide, isRestrictedSide } from '../access-spectrum.ts';
import type { GraphQLContext } from '../context.ts';
import { outcomeUnknown, rateLimited, refused } from '../errors.ts';

/**
 * What the airspace and spectrum resolvers share about the deconfliction service: what the gateway
 * knows of the things its conflicts and proposals name, and how a command is sent and its refusal
 * told to the caller.
 */

const one = (label: Label | undefined) => (label ? [label] : []);

/**
 * What the gateway knows of a side's (or a named object's) label: of a reservation, assignment or
 * restricted entry as the deconfliction service has it now (a conflict adds how it saw it); of an
 * engagement side, its request's as the authority has it now. One it does not know is withheld.
 * Without a kind (a version a proposal names), everything known under that nation and id: each of
 * them must release it.
 */
export const labelsOf = (ctx: GraphQLContext): ReservationLabels => {
  const labels: ReservationLabels = (ref) => {
    const key = reservationKey(ref);
    if (ref.kind === 'ENGAGEMENT') return one(ctx.requests.get(ref.id)?.label);
    if (ref.kind !== undefined && isAssignmentSide(ref.kind)) return one(ctx.assignments.get(key)?.label);
    if (ref.kind !== undefined && isRestrictedSide(ref.kind)) return one(ctx.restricted.get(key)?.label);
    if (ref.kind !== undefined) return one(ctx.reservations.get(key)?.label);
    return [ctx.reservations.get(key), ctx.assignments.get(key), ctx.restricted.get(key)].flatMap((x) =>
      x ? [x.label] : [],
    );
  };
  labels.reservation = (ref) => ctx.reservations.get(reservationKey(ref));
  return labels;
};

/** Whether a reference names an entry of the restricted list (whose owner a withheld reference does not tell). */
export const isEntryRef = (ctx: GraphQLContext) => (ref: { nation: string; id: string }) =>
  ctx.restricted.get(reservationKey(ref)) !== undefined;

/** The version the gateway knows now of a conflict's side, else the one the conflict was computed from. */
export function currentVersionOf(ctx: GraphQLContext, side: Pick<ConflictSide, 'nation' | 'id' | 'kind' | 'version'>) {
  const key = reservationKey(side);
  const now =
    side.kind === 'ENGAGEMENT'
      ? ctx.requests.get(side.id)?.version
      : isAssignmentSide(side.kind)
        ? ctx.assignments.get(key)?.version
        : isRestrictedSide(side.kind)
          ? ctx.restricted.get(key)?.version
          : ctx.reservations.get(key)?.version;
  return now ?? side.version;
}

/** The restricted list the engine checks against: the service's, with the protected bands (the kit's one rule). */
export const restrictedList = (ctx: GraphQLContext): RestrictedEntry[] => withProtectedBands(ctx.restricted.all());

/** What a refusal says when the service's own words would name something withheld from the caller. */
const REFUSALS: Record<string, string> = {
  NOT_A_LIAISON: 'Only liaison officers and commanders of a nation change airspace and spectrum.',
  NOT_YOUR_RESERVATION: "Only the owning nation's liaison officers and commanders change a reservation.",
  NOT_YOUR_ASSIGNMENT: "Only the owning nation's liaison officers and commanders change an assignment.",
  NOT_YOUR_ENTRY: "Only the owning nation's liaison officers and commanders change an entry of the restricted list.",
  NOT_A_PARTY: 'Only the parties to a conflict propose and answer its resolutions.',
  STALE_VERSION: 'What you based this on has changed since: look at the current versions and try again.',
  NOT_OPEN: 'This is no longer open.',
  ALREADY_RESPONDED: 'Your nation has already answered this proposal.',
  INVALID: 'The deconfliction service found the request invalid.',
};

/**
 * Send a command to the deconfliction service. Its refusal becomes a typed error naming the rule
 * (REFUSED), with the current versions of STALE_VERSION in `extensions.current`, each withheld when
 * the caller may not see what it names; the service's message is shown unless it names something
 * withheld (a reservation, assignment or restricted entry by id or name). No answer in time, or a
 * failure half-way (UNAVAILABLE): the command may or may not have been applied (OUTCOME_UNKNOWN).
 */
export async function askDeconfliction(
  ctx: GraphQLContext,
  user: User,
  command: DeconflictionCommand,
  whereItShows: string,
): Promise<Extract<DeconflictionReply, { ok: true }>> {
  const wait = ctx.airspaceLimiter.take(user.username);
  if (wait > 0) throw rateLimited(wait, 'airspace and spectrum changes');
  let reply: DeconflictionReply;
  try {
    reply = await ctx.commandDeconfliction(command);
  } catch {
    throw outcomeUnknown(
      `The deconfliction service did not answer in time: this may or may not have been recorded. ${whereItShows}`,
    );
  }
  if (reply.ok) return reply;
  // It failed half-way (it repairs itself from the audit chain): applied or not, the caller cannot tell yet.
  if (reply.rule === 'UNAVAILABLE')
    throw outcomeUnknown(
      `The deconfliction service could not complete this: it may or may not have been recorded. ${whereItShows}`,
    );
  const named = [
    ...[...ctx.reservations.all(), ...ctx.reference.volumes()].map((v) => ({ label: v.label, words: [v.id, v.name] })),
    ...[...ctx.assignments.all()].map((a) => ({ label: a.label, words: [a.id, a.system] })),
    ...[...ctx.restricted.all()].map((e) => ({ label: e.label, words: [e.id, e.reason] })),
  ];
  for (const c of ctx.conflicts.all()) for (const s of c.sides) named.push({ label: s.label, words: [s.id, s.name] });
  const message = releaseMessage(
    user,
    reply.message,
    named,
    REFUSALS[reply.rule] ?? `The deconfliction service refused (${reply.rule}).`,
  );
  throw refused(
    reply.rule,
    message,
    reply.current ? { current: releaseRefs(user, reply.current, labelsOf(ctx), isEntryRef(ctx)) } : {},
  );
}

/** The object a reply carries, else the one the gateway already has; released to the caller. */
export function returned<T>(value: T | null | undefined, what: string, whereItShows: string): T {
  if (value == null)
    throw outcomeUnknown(`The deconfliction service recorded this but did not return ${what}. ${whereItShows}`);
  return value;
}
