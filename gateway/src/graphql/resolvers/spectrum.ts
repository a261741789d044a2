import type { AirspaceVolume, RestrictedEntry, SpectrumAssignment, User } from '@tessera/schema';
import type { MutationResolvers, QueryResolvers, SubscriptionResolvers } from '../../generated/resolvers.ts';
import { reservationKey } from '../../nats/airspace-feed.ts';
import { dependency, withDependencies } from '../../picture/dependent-feed.ts';
import type { Change } from '../../picture/track-picture.ts';
import { releaseVolume, requireLabelVisibleToCaller, requireSpectrumEditor, requireUser } from '../access.ts';
import { releaseConflict } from '../access-airspace.ts';
import { isListed, releaseAssignment, releaseRestricted } from '../access-spectrum.ts';
import type { GraphQLContext } from '../context.ts';
import {
  assignmentDraft,
  createAssignmentCommand,
  editAssignmentCommand,
  endAssignmentCommand,
  newAssignmentId,
  removeRestrictedCommand,
  restrictedDraft,
  setRestrictedCommand,
} from '../deconfliction-commands.ts';
import { notFound } from '../errors.ts';
import { spectrumSuggestions } from '../spectrum-suggestions.ts';
import { spectrumUpdates, type SpectrumBatch } from '../spectrum-stream.ts';
import { askDeconfliction, labelsOf, restrictedList, returned } from './deconfliction-service.ts';

const SPECTRUM_SHOWS_IT =
  'The spectrum shows it as soon as it is known (spectrumUpdates); check it before trying again.';

/** A reservation an assignment is tied to, as the gateway knows it: the service's, else the scenario's. */
const reservationsOf =
  (ctx: GraphQLContext) =>
  (ref: { nation: string; id: string }): AirspaceVolume | undefined =>
    ctx.reservations.get(reservationKey(ref)) ??
    [...ctx.reference.volumes()].find((v) => v.nation === ref.nation && v.id === ref.id);

const released = (ctx: GraphQLContext, user: User, a: SpectrumAssignment | undefined) =>
  releaseAssignment(user, a, reservationsOf(ctx));

const releasedEntry = (ctx: GraphQLContext, user: User, e: RestrictedEntry) =>
  releaseRestricted(user, e, ctx.withheldEntryId, ctx.clock.now());

/** By nation, system, then frequency. */
const byNationSystemBand = (a: SpectrumAssignment, b: SpectrumAssignment) =>
  a.nation.localeCompare(b.nation) || a.system.localeCompare(b.system) || a.lowMHz - b.lowMHz;

/** One of the caller's nation's assignments they may see, else NOT_FOUND (one they may not see does not exist for them). */
function visibleAssignment(ctx: GraphQLContext, user: User, ref: { nation: string; id: string }): SpectrumAssignment {
  const a = ctx.assignments.get(reservationKey(ref));
  if (!a || !released(ctx, user, a)) throw notFound(`No assignment ${ref.nation}/${ref.id}.`);
  return a;
}

/**
 * A reservation the caller ties an assignment to: one the gateway knows but they may not see does
 * not exist for them. One it does not know (yet) is the service's to refuse.
 */
function requireTiedVisible(ctx: GraphQLContext, user: User, ref: { nation: string; id: string } | undefined) {
  const known = ref && reservationsOf(ctx)(ref);
  if (known && !releaseVolume(user, known)) throw notFound(`No reservation ${ref!.nation}/${ref!.id}.`);
}

/** Assignments, re-released when a reservation they are tied to changes (its label decides whether the tie is shown). */
const assignmentFeed = (ctx: GraphQLContext) =>
  withDependencies(ctx.assignments, [
    dependency(ctx.reservations, (change: Change<{ id: string; nation: string }>) => {
      const keys = new Set([...change.upserts.map(reservationKey), ...change.removals]);
      return [...ctx.assignments.all()].filter((a) => a.tiedReservation && keys.has(reservationKey(a.tiedReservation)));
    }),
  ]);

/**
 * The spectrum: assignments and the restricted frequency list (owned by the deconfliction service),
 * released through access-spectrum.ts; the engine's suggestions for a spectrum conflict; commands go
 * to the service like the airspace's. Spectrum conflicts and their proposals are the airspace
 * resolvers' conflicts and proposals (kind SPECTRUM).
 */
export const spectrumResolvers = {
  Query: {
    spectrumAssignments: (_parent, { includeEnded }, ctx) => {
      const user = requireUser(ctx);
      return [...ctx.assignments.all()]
        .filter((a) => includeEnded || a.state !== 'ENDED')
        .sort(byNationSystemBand)
        .map((a) => released(ctx, user, a))
        .filter((a) => a !== null);
    },
    restrictedFrequencies: (_parent, _args, ctx) => {
      const user = requireUser(ctx);
      return [...ctx.restricted.all()]
        .filter(isListed)
        .sort((a, b) => a.lowMHz - b.lowMHz || a.highMHz - b.highMHz)
        .map((e) => releasedEntry(ctx, user, e));
    },
    spectrumSuggestions: (_parent, { conflictId }, ctx) => {
      const user = requireUser(ctx);
      const conflict = ctx.conflicts.get(conflictId);
      // A conflict the caller may not see has no suggestions for them (as it has no proposals).
      if (!conflict || !releaseConflict(user, conflict, labelsOf(ctx))) return [];
      return spectrumSuggestions(user, conflict, {
        index: ctx.assignments.index,
        restricted: restrictedList(ctx),
        atMs: ctx.clock.now(),
      });
    },
  } satisfies QueryResolvers,
  Mutation: {
    createAssignment: async (_parent, { input }, ctx) => {
      // Only liaisons and commanders of a nation: anyone else is refused here, before a command (and an audit record) exists.
      const user = requireSpectrumEditor(requireUser(ctx));
      const draft = assignmentDraft(user, input);
      requireLabelVisibleToCaller(user, draft.label);
      requireTiedVisible(ctx, user, draft.tiedReservation);
      const id = newAssignmentId(draft.use);
      const reply = await askDeconfliction(ctx, user, createAssignmentCommand(user, id, draft), SPECTRUM_SHOWS_IT);
      const a = returned(
        reply.assignment ?? ctx.assignments.get(reservationKey({ nation: user.nation, id })),
        'the assignment',
        SPECTRUM_SHOWS_IT,
      );
      return returned(released(ctx, user, a), 'an assignment you may see', SPECTRUM_SHOWS_IT);
    },
    editAssignment: async (_parent, { id, version, input }, ctx) => {
      const user = requireSpectrumEditor(requireUser(ctx));
      const ref = { nation: user.nation, id, version };
      visibleAssignment(ctx, user, ref);
      const draft = assignmentDraft(user, input);
      requireLabelVisibleToCaller(user, draft.label);
      requireTiedVisible(ctx, user, draft.tiedReservation);
      const reply = await askDeconfliction(ctx, user, editAssignmentCommand(user, ref, draft), SPECTRUM_SHOWS_IT);
      const a = returned(
        reply.assignment ?? ctx.assignments.get(reservationKey(ref)),
        'the assignment',
        SPECTRUM_SHOWS_IT,
      );
      return returned(released(ctx, user, a), 'an assignment you may see', SPECTRUM_SHOWS_IT);
    },
    endAssignment: async (_parent, { id, version }, ctx) => {
      const user = requireSpectrumEditor(requireUser(ctx));
      const ref = { nation: user.nation, id, version };
      visibleAssignment(ctx, user, ref);
      const reply = await askDeconfliction(ctx, user, endAssignmentCommand(user, ref), SPECTRUM_SHOWS_IT);
      const a = returned(
        reply.assignment ?? ctx.assignments.get(reservationKey(ref)),
        'the assignment',
        SPECTRUM_SHOWS_IT,
      );
      return returned(released(ctx, user, a), 'an assignment you may see', SPECTRUM_SHOWS_IT);
    },
    setRestrictedFrequency: async (_parent, { id, version, input }, ctx) => {
      const user = requireSpectrumEditor(requireUser(ctx));
      const key = reservationKey({ nation: user.nation, id });
      const replaces = version == null ? undefined : ctx.restricted.get(key);
      // Replacing an entry of theirs they may not see (above their clearance): it does not exist for them.
      if (replaces && releasedEntry(ctx, user, replaces).withheld) throw notFound(`No restricted entry ${id}.`);
      const draft = restrictedDraft(user, input, replaces);
      requireLabelVisibleToCaller(user, draft.label);
      const reply = await askDeconfliction(
        ctx,
        user,
        setRestrictedCommand(user, id, version, draft),
        SPECTRUM_SHOWS_IT,
      );
      const entry = returned(reply.restricted ?? ctx.restricted.get(key), 'the entry', SPECTRUM_SHOWS_IT);
      return releasedEntry(ctx, user, entry);
    },
    removeRestrictedFrequency: async (_parent, { id, version }, ctx) => {
      const user = requireSpectrumEditor(requireUser(ctx));
      const key = reservationKey({ nation: user.nation, id });
      const known = ctx.restricted.get(key);
      if (known && releasedEntry(ctx, user, known).withheld) throw notFound(`No restricted entry ${id}.`);
      const reply = await askDeconfliction(ctx, user, removeRestrictedCommand(user, id, version), SPECTRUM_SHOWS_IT);
      const entry = returned(reply.restricted ?? ctx.restricted.get(key), 'the entry', SPECTRUM_SHOWS_IT);
      return releasedEntry(ctx, user, entry);
    },
  } satisfies MutationResolvers,
  Subscription: {
    // The releasable assignments and the whole list (bands to everyone) first, then changes of both.
    spectrumUpdates: {
      subscribe: (_parent: unknown, _args: unknown, ctx: GraphQLContext) => {
        const user = requireUser(ctx);
        return spectrumUpdates({
          assignments: assignmentFeed(ctx),
          restricted: ctx.restricted,
          releaseAssignment: (a) => released(ctx, user, a),
          releaseRestricted: (e) => (isListed(e) ? releasedEntry(ctx, user, e) : null),
          clock: ctx.clock,
        });
      },
      resolve: (batch: SpectrumBatch) => batch,
    },
  } satisfies SubscriptionResolvers,
};
