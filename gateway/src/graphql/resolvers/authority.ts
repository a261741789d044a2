import {
  autonomyRequestLabel,
  canSee,
  EFFECTOR_CLASSES,
  isOpenRequest,
  type AuthorityReply,
  type StandingReply,
} from '@tessera/schema';
import type {
  AuditRecordResolvers,
  AuthorizationRequestResolvers,
  MutationResolvers,
  QueryResolvers,
  SubscriptionResolvers,
} from '../../generated/resolvers.ts';
import {
  awaitsDecisionBy,
  releaseAll,
  releaseRequest,
  releaseVolume,
  requireCommander,
  requireUser,
  viewerOf,
  personalAudience,
} from '../access.ts';
import {
  autonomyChangeCommand,
  decideCommand,
  requireReason,
  revokeStandingCommand,
  setStandingCommand,
  wcsChangeCommand,
} from '../authority-commands.ts';
import type { GraphQLContext } from '../context.ts';
import { badInput, forbidden, notFound, outcomeUnknown, rateLimited, refused } from '../errors.ts';
import { releasedSubscription } from '../released-stream.ts';

const REQUEST_SHOWS_IT = 'The request shows its state as soon as it is known; check it before trying again.';
const STANDING_SHOWS_IT = 'The standing authorities show it as soon as it is known; check them before trying again.';

/**
 * Send a command to the authority; its refusal becomes a typed error naming the rule. When it does
 * not answer in time the command may or may not have been applied: the caller is told the outcome is
 * unknown (and where it will show), never that nothing was recorded.
 */
async function askAuthority<R extends AuthorityReply | StandingReply>(
  send: () => Promise<R>,
  whereItShows: string,
): Promise<Extract<R, { ok: true }>> {
  let reply: AuthorityReply | StandingReply;
  try {
    reply = await send();
  } catch {
    throw outcomeUnknown(
      `The authority did not answer in time: this may or may not have been recorded. ${whereItShows}`,
    );
  }
  if (!reply.ok) throw refused(reply.rule, reply.message);
  return reply as Extract<R, { ok: true }>;
}

/** Authorization requests, their decisions, WCS and autonomy changes, standing authority and the audit trail. */
export const authorityResolvers = {
  Query: {
    authorizationRequests: (_parent, { includeFinal }, ctx) => {
      const user = requireUser(ctx);
      return [...ctx.requests.all()]
        .filter((r) => includeFinal || isOpenRequest(r))
        .map((r) => releaseRequest(user, r))
        .filter((r) => r !== null)
        .sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
    },
    auditLog: (_parent, { limit, subject }, ctx) => {
      const user = requireCommander(requireUser(ctx));
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badInput('limit must be between 1 and 500');
      const sectors = new Set(
        releaseAll(user, ctx.reference.volumes())
          .filter((v) => v.kind === 'SECTOR')
          .map((v) => `${v.nation}/${v.id}`),
      );
      // A record is shown when what it is about is releasable to the caller: a request, or a sector.
      // ...or the caller's own nation's business (its standing authorities and autonomy modes).
      // A reservation (NATION/id, as the deconfliction service names it) only when its label releases it, the caller's nation's too.
      const visible = (s: string) => {
        // A spectrum assignment or restricted entry (`assignment:NATION/id`, `restricted:NATION/id`): the
        // caller's nation's only, and only when its label releases it (when the gateway knows it).
        const spectrum = /^(assignment|restricted):(.+)$/.exec(s);
        if (spectrum) {
          const key = spectrum[2]!;
          const known = spectrum[1] === 'assignment' ? ctx.assignments.get(key) : ctx.restricted.get(key);
          return key.startsWith(`${user.nation}/`) && (!known || canSee(viewerOf(user), known.label));
        }
        const reservation = ctx.reservations.get(s);
        if (reservation && !releaseVolume(user, reservation)) return false;
        return sectors.has(s) || s.startsWith(`${user.nation}/`) || releaseRequest(user, ctx.requests.get(s)) !== null;
      };
      const out = [];
      const records = ctx.audit.recent();
      for (let i = records.length - 1; i >= 0 && out.length < limit; i--) {
        const r = records[i]!;
        if ((subject == null || r.subject === subject) && visible(r.subject)) out.push(r);
      }
      return out;
    },
    standingAuthorities: (_parent, _args, ctx) => {
      const user = requireCommander(requireUser(ctx));
      return [...ctx.authority.standing()]
        .filter((sa) => sa.nation === user.nation)
        .sort((a, b) => a.id.localeCompare(b.id));
    },
    autonomy: (_parent, _args, ctx) => {
      const user = requireUser(ctx);
      if (user.nation === null) return [];
      // A mode in force is the outcome of the nation's AUTONOMY_CHANGE requests, which carry this label
      // (see requestAutonomyChange): who may not see those requests may not see their outcome, nor the
      // default either (IN_THE_LOOP would say that no change was approved).
      if (!canSee(viewerOf(user), autonomyRequestLabel(user.nation))) return [];
      return EFFECTOR_CLASSES.map((effectorClass) => ({
        effectorClass,
        mode: ctx.authority.autonomy(user.nation!, effectorClass) ?? 'IN_THE_LOOP',
      }));
    },
  } satisfies QueryResolvers,
  Mutation: {
    decideRequest: async (_parent, { id, decision, reason }, ctx) => {
      // Only commanders decide: anyone else is refused here, before a command (and an audit record) exists.
      const user = requireCommander(requireUser(ctx));
      // A request the caller may not see does not exist for them.
      if (!releaseRequest(user, ctx.requests.get(id))) throw notFound(`No authorization request ${id}.`);
      const why = requireReason(reason);
      const wait = ctx.decisionLimiter.take(user.username);
      if (wait > 0) throw rateLimited(wait);
      const { request } = await askAuthority(
        () => ctx.commandAuthority(decideCommand(user, id, decision, why)),
        REQUEST_SHOWS_IT,
      );
      return releaseRequest(user, request)!;
    },
    requestAutonomyChange: async (_parent, { effectorClass, to, reason }, ctx) => {
      const user = requireCommander(requireUser(ctx));
      requireReason(reason);
      const from = ctx.authority.autonomy(user.nation, effectorClass) ?? 'IN_THE_LOOP';
      const command = autonomyChangeCommand(user, { effectorClass, from, to });
      return (await askAuthority(() => ctx.commandAuthority(command), REQUEST_SHOWS_IT)).request;
    },
    requestWcsChange: async (_parent, { sectorId, to, reason }, ctx) => {
      const user = requireCommander(requireUser(ctx));
      const sector = releaseAll(user, ctx.reference.volumes()).find((v) => v.kind === 'SECTOR' && v.id === sectorId);
      if (!sector) throw notFound(`No sector ${sectorId}.`);
      if (sector.nation !== user.nation)
        throw forbidden(`Sector ${sectorId} is ${sector.nation}'s: only its commanders change its WCS.`);
      requireReason(reason);
      const from = ctx.authority.wcs(sector.nation, sector.id) ?? sector.wcs ?? 'HOLD';
      const command = wcsChangeCommand(user, sector, { from, to });
      return (await askAuthority(() => ctx.commandAuthority(command), REQUEST_SHOWS_IT)).request;
    },
    setStandingAuthority: async (_parent, { input }, ctx) => {
      const user = requireCommander(requireUser(ctx));
      const command = setStandingCommand(user, input);
      return (await askAuthority(() => ctx.commandStanding(command), STANDING_SHOWS_IT)).standing;
    },
    revokeStandingAuthority: async (_parent, { id }, ctx) => {
      const user = requireCommander(requireUser(ctx));
      return (await askAuthority(() => ctx.commandStanding(revokeStandingCommand(user, id)), STANDING_SHOWS_IT))
        .standing;
    },
  } satisfies MutationResolvers,
  Subscription: {
    authorizationRequestUpdates: releasedSubscription(
      'authorizationRequestUpdates',
      (ctx: GraphQLContext) => ctx.requests,
      releaseRequest,
      undefined,
      personalAudience,
    ),
  } satisfies SubscriptionResolvers,
  AuditRecord: {
    details: (record) => JSON.stringify(record.details),
  } satisfies AuditRecordResolvers,
  AuthorizationRequest: {
    awaitingYou: (request, _args, ctx) => awaitsDecisionBy(requireUser(ctx), request),
    outcome: (request) => request.outcome,
  } satisfies AuthorizationRequestResolvers,
};
