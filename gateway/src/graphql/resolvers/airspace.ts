import {
  CONFLICT_SEVERITIES,
  reservationState,
  type AirspaceVolume,
  type Conflict,
  type ConflictSide,
  type Label,
  type Proposal,
  type ReservationRef,
  type User,
} from '@tessera/schema';
import type {
  AirspaceVolumeResolvers,
  MutationResolvers,
  QueryResolvers,
  SubscriptionResolvers,
} from '../../generated/resolvers.ts';
import { reservationKey } from '../../nats/airspace-feed.ts';
import { dependency, withDependencies } from '../../picture/dependent-feed.ts';
import type { KeyedHub } from '../../picture/keyed-hub.ts';
import type { Change } from '../../picture/track-picture.ts';
import { releaseVolume, requireAirspaceEditor, requireLabelVisibleToCaller, requireUser } from '../access.ts';
import { maySeeReservation, releaseConflict, releaseProposal, releaseRefs } from '../access-airspace.ts';
import { isRestrictedSide } from '../access-spectrum.ts';
import type { GraphQLContext } from '../context.ts';
import {
  createReservationCommand,
  editReservationCommand,
  endReservationCommand,
  newReservationId,
  proposeCommand,
  reservationDraft,
  respondCommand,
} from '../deconfliction-commands.ts';
import { badInput, notFound, refused } from '../errors.ts';
import { releasedSubscription } from '../released-stream.ts';
import { askDeconfliction, currentVersionOf, labelsOf, returned } from './deconfliction-service.ts';

const AIRSPACE_SHOWS_IT =
  'The airspace shows it as soon as it is known (airspaceUpdates); check it before trying again.';
const PROPOSALS_SHOW_IT =
  "The conflict's proposals show it as soon as it is known (proposalUpdates); check them before trying again.";

/**
 * The airspace as the gateway knows it: reference volumes (sectors, defended assets, the scenario's
 * reservations), overridden by the deconfliction service's reservations, keyed NATION/id. Sectors
 * show the WCS the authority has in force (after an approved change), else the reference data's.
 */
function currentAirspace(ctx: GraphQLContext): AirspaceVolume[] {
  const byKey = new Map<string, AirspaceVolume>();
  for (const v of ctx.reference.volumes()) byKey.set(reservationKey(v), v);
  for (const v of ctx.reservations.all()) byKey.set(reservationKey(v), v);
  return [...byKey.values()].map((v) => withWcsInForce(ctx, v));
}

const withWcsInForce = (ctx: GraphQLContext, v: AirspaceVolume): AirspaceVolume =>
  v.kind === 'SECTOR' ? { ...v, wcs: ctx.authority.wcs(v.nation, v.id) ?? v.wcs } : v;

/** A proposal as the caller receives it, released with its conflict (which says who the parties are). */
const releasedProposal = (ctx: GraphQLContext, user: User, proposal: Proposal | undefined) =>
  proposal ? releaseProposal(user, proposal, ctx.conflicts.get(proposal.conflictId), labelsOf(ctx)) : null;

/** The keys (NATION/id) of what a change of the reservation, assignment or restricted-list hub touches. */
const touched = (change: Change<{ id: string; nation: string }>) =>
  new Set([...change.upserts.map(reservationKey), ...change.removals]);

/** What a conflict's or proposal's release depends on besides itself: what it names, keyed NATION/id. */
const namedHubs = (ctx: GraphQLContext): Pick<KeyedHub<{ id: string; nation: string }>, 'subscribe'>[] => [
  ctx.reservations,
  ctx.assignments,
  ctx.restricted,
];

/**
 * Conflicts, re-released when a reservation, assignment or restricted entry they name changes (its
 * label may now withhold that side, or reveal it).
 */
const conflictFeed = (ctx: GraphQLContext) =>
  withDependencies(
    ctx.conflicts,
    namedHubs(ctx).map((hub) =>
      dependency(hub, (change: Change<{ id: string; nation: string }>) => {
        const keys = touched(change);
        return [...ctx.conflicts.all()].filter((c) => c.sides.some((s) => keys.has(reservationKey(s))));
      }),
    ),
  );

/** Proposals, re-released when their conflict (which names the parties) or something they name changes. */
const proposalFeed = (ctx: GraphQLContext) =>
  withDependencies(ctx.proposals, [
    dependency(ctx.conflicts, (change: Change<Conflict>) => {
      const ids = new Set([...change.upserts.map((c) => c.id), ...change.removals]);
      return [...ctx.proposals.all()].filter((p) => ids.has(p.conflictId));
    }),
    ...namedHubs(ctx).map((hub) =>
      dependency(hub, (change: Change<{ id: string; nation: string }>) => {
        const keys = touched(change);
        const names = (p: Proposal) => [
          ...p.basedOn,
          ...p.changes.map((c) => c.reservation),
          ...p.assignmentChanges.map((c) => c.assignment),
          ...(ctx.conflicts.get(p.conflictId)?.sides ?? []),
        ];
        return [...ctx.proposals.all()].filter((p) => names(p).some((r) => keys.has(reservationKey(r))));
      }),
    ),
  ]);

/** Most severe first, then the oldest. */
const bySeverity = (a: Conflict, b: Conflict) =>
  CONFLICT_SEVERITIES.indexOf(b.severity) - CONFLICT_SEVERITIES.indexOf(a.severity) ||
  Date.parse(a.detectedAt) - Date.parse(b.detectedAt);

/** A reservation the caller may see, else NOT_FOUND (one they may not see does not exist for them). */
function visibleReservation(ctx: GraphQLContext, user: User, ref: { nation: string; id: string }): AirspaceVolume {
  const volume = ctx.reservations.get(reservationKey(ref));
  if (!volume || !releaseVolume(user, volume)) throw notFound(`No reservation ${ref.nation}/${ref.id}.`);
  return volume;
}

/**
 * Everything the caller names (reservations, or a spectrum conflict's assignments and entries) must
 * be something they may see (NOT_FOUND otherwise, as for what does not exist).
 */
function requireNamedVisible(
  ctx: GraphQLContext,
  user: User,
  refs: readonly { nation: string; id: string }[],
  conflict?: Conflict,
) {
  const what = conflict?.kind === 'SPECTRUM' ? 'assignment or restricted entry' : 'reservation';
  for (const ref of refs) {
    const seen = conflict?.sides.filter((s) => s.nation === ref.nation && s.id === ref.id).map((s) => s.label) ?? [];
    const labels: Label[] = [...seen, ...labelsOf(ctx)(ref)];
    if (!maySeeReservation(user, labels)) throw notFound(`No ${what} ${ref.nation}/${ref.id}.`);
  }
}

/**
 * The versions a command names, with those of the conflict's sides withheld from the caller added
 * for them: the service wants every side at its current version (proof of awareness), and a party
 * that may not see a side cannot name it. What it can prove is having seen the conflict as it is
 * now (`conflictVersion`), whose region and kind are all it may know of that side; the withheld sides
 * are then named at the versions that conflict was computed from, so the service refuses with
 * STALE_VERSION if they moved on (even before the gateway heard of the conflict's update); when the
 * conflict changed since, STALE_VERSION here, as the service would refuse it.
 */
function withWithheldSides(
  ctx: GraphQLContext,
  user: User,
  conflict: Conflict | undefined,
  basedOn: readonly ReservationRef[],
  conflictVersion: number | null | undefined,
): ReservationRef[] {
  if (!conflict) return [...basedOn];
  const withheld = conflict.sides.filter((s) => !maySeeReservation(user, [s.label, ...labelsOf(ctx)(s)]));
  if (withheld.length === 0) return [...basedOn];
  const now = (s: ConflictSide) => ({ nation: s.nation, id: s.id, version: currentVersionOf(ctx, s) });
  if (conflictVersion == null)
    throw badInput(
      `A side of conflict ${conflict.id} is withheld from you: name the conflict's version you saw (conflictVersion).`,
    );
  if (conflictVersion !== conflict.version) {
    throw refused(
      'STALE_VERSION',
      `Conflict ${conflict.id} has changed since you saw it (it is at version ${conflict.version}); look at it again.`,
      {
        // Whether a side is a restricted entry by the conflict's own sides, not by the gateway's (maybe lagging) copy of the list.
        current: releaseRefs(user, conflict.sides.map(now), labelsOf(ctx), (r) =>
          conflict.sides.some((s) => s.nation === r.nation && s.id === r.id && isRestrictedSide(s.kind)),
        ),
        conflictVersion: conflict.version,
      },
    );
  }
  const isWithheld = (r: { nation: string; id: string }) =>
    withheld.some((s) => s.nation === r.nation && s.id === r.id);
  // What the caller saw is the conflict at this version: its sides at the versions it was computed from
  // (not the gateway's newer copy of the reservation, which the caller has not seen the conflict of).
  const seen = (s: ConflictSide) => ({ nation: s.nation, id: s.id, version: s.version });
  // A restricted entry is a side nobody negotiates (its owner edits the list): it has no version to name.
  return [...basedOn.filter((r) => !isWithheld(r)), ...withheld.filter((s) => !isRestrictedSide(s.kind)).map(seen)];
}

/**
 * The airspace: reservations (owned by the deconfliction service), their conflicts and the proposals
 * that negotiate them, each released through access.ts; commands go to the service.
 */
export const airspaceResolvers = {
  Query: {
    airspace: (_parent, _args, ctx) => {
      const user = requireUser(ctx);
      return currentAirspace(ctx).filter((v) => releaseVolume(user, v) !== null);
    },
    conflicts: (_parent, { includeResolved }, ctx) => {
      const user = requireUser(ctx);
      return [...ctx.conflicts.all()]
        .filter((c) => includeResolved || c.state === 'OPEN')
        .sort(bySeverity)
        .map((c) => releaseConflict(user, c, labelsOf(ctx)))
        .filter((c) => c !== null);
    },
    conflict: (_parent, { id }, ctx) => releaseConflict(requireUser(ctx), ctx.conflicts.get(id), labelsOf(ctx)),
    proposals: (_parent, { conflictId }, ctx) => {
      const user = requireUser(ctx);
      if (!releaseConflict(user, ctx.conflicts.get(conflictId), labelsOf(ctx))) return [];
      return [...ctx.proposals.all()]
        .filter((p) => p.conflictId === conflictId)
        .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
        .map((p) => releasedProposal(ctx, user, p))
        .filter((p) => p !== null);
    },
  } satisfies QueryResolvers,
  Mutation: {
    createReservation: async (_parent, { input }, ctx) => {
      // Only liaisons and commanders of a nation: anyone else is refused here, before a command (and an audit record) exists.
      const user = requireAirspaceEditor(requireUser(ctx));
      const draft = reservationDraft(user, input);
      requireLabelVisibleToCaller(user, draft.label);
      const id = newReservationId(draft.kind);
      const reply = await askDeconfliction(ctx, user, createReservationCommand(user, id, draft), AIRSPACE_SHOWS_IT);
      const volume = returned(
        reply.reservation ?? ctx.reservations.get(reservationKey({ nation: user.nation, id })),
        'the reservation',
        AIRSPACE_SHOWS_IT,
      );
      return returned(releaseVolume(user, volume), 'a reservation you may see', AIRSPACE_SHOWS_IT);
    },
    editReservation: async (_parent, { nation, id, version, input }, ctx) => {
      const user = requireAirspaceEditor(requireUser(ctx));
      const ref = { nation: nation ?? user.nation, id, version };
      visibleReservation(ctx, user, ref);
      // Labelled for its owner (the service refuses an edit of another nation's reservation, naming the rule).
      const draft = reservationDraft(user, input, ref.nation);
      requireLabelVisibleToCaller(user, draft.label);
      const reply = await askDeconfliction(ctx, user, editReservationCommand(user, ref, draft), AIRSPACE_SHOWS_IT);
      const volume = returned(
        reply.reservation ?? ctx.reservations.get(reservationKey(ref)),
        'the reservation',
        AIRSPACE_SHOWS_IT,
      );
      return returned(releaseVolume(user, volume), 'a reservation you may see', AIRSPACE_SHOWS_IT);
    },
    endReservation: async (_parent, { id, version }, ctx) => {
      const user = requireAirspaceEditor(requireUser(ctx));
      const ref = { nation: user.nation, id, version };
      visibleReservation(ctx, user, ref);
      const reply = await askDeconfliction(ctx, user, endReservationCommand(user, ref), AIRSPACE_SHOWS_IT);
      const volume = returned(
        reply.reservation ?? ctx.reservations.get(reservationKey(ref)),
        'the reservation',
        AIRSPACE_SHOWS_IT,
      );
      return returned(releaseVolume(user, volume), 'a reservation you may see', AIRSPACE_SHOWS_IT);
    },
    proposeResolution: async (_parent, { input }, ctx) => {
      const user = requireAirspaceEditor(requireUser(ctx));
      const conflict = ctx.conflicts.get(input.conflictId);
      // A conflict (or proposal, or reservation) the caller may not see does not exist for them.
      if (!releaseConflict(user, conflict, labelsOf(ctx))) throw notFound(`No conflict ${input.conflictId}.`);
      const asked = proposeCommand(user, input);
      requireNamedVisible(
        ctx,
        user,
        [
          ...asked.basedOn,
          ...asked.changes.map((c) => c.reservation),
          ...asked.assignmentChanges.map((c) => c.assignment),
        ],
        conflict,
      );
      if (asked.counterTo !== null && !releasedProposal(ctx, user, ctx.proposals.get(asked.counterTo)))
        throw notFound(`No proposal ${asked.counterTo}.`);
      const command = {
        ...asked,
        basedOn: withWithheldSides(ctx, user, conflict, asked.basedOn, input.conflictVersion),
      };
      const reply = await askDeconfliction(ctx, user, command, PROPOSALS_SHOW_IT);
      const proposal = returned(reply.proposal, 'the proposal', PROPOSALS_SHOW_IT);
      return returned(releasedProposal(ctx, user, proposal), 'a proposal you may see', PROPOSALS_SHOW_IT);
    },
    respondToProposal: async (_parent, { id, response, reason, basedOn, conflictVersion }, ctx) => {
      const user = requireAirspaceEditor(requireUser(ctx));
      const proposal = ctx.proposals.get(id);
      if (!releasedProposal(ctx, user, proposal)) throw notFound(`No proposal ${id}.`);
      if (reason.length > 500) throw badInput('The reason is at most 500 characters.');
      const conflict = ctx.conflicts.get(proposal!.conflictId);
      const asked = respondCommand(user, id, response, reason, basedOn);
      requireNamedVisible(ctx, user, asked.basedOn, conflict);
      const command = { ...asked, basedOn: withWithheldSides(ctx, user, conflict, asked.basedOn, conflictVersion) };
      const reply = await askDeconfliction(ctx, user, command, PROPOSALS_SHOW_IT);
      return returned(
        releasedProposal(ctx, user, reply.proposal ?? ctx.proposals.get(id)),
        'a proposal you may see',
        PROPOSALS_SHOW_IT,
      );
    },
  } satisfies MutationResolvers,
  Subscription: {
    // The whole releasable airspace first, then the service's changes to reservations (keyed NATION/id).
    airspaceUpdates: releasedSubscription(
      'airspaceUpdates',
      (ctx: GraphQLContext) => ({
        all: () => currentAirspace(ctx).values(),
        subscribe: (listener) => ctx.reservations.subscribe(listener),
      }),
      (user, volume, ctx) => releaseVolume(user, withWcsInForce(ctx, volume)),
      reservationKey,
    ),
    conflictUpdates: releasedSubscription('conflictUpdates', conflictFeed, (user, conflict, ctx) =>
      releaseConflict(user, conflict, labelsOf(ctx)),
    ),
    proposalUpdates: releasedSubscription('proposalUpdates', proposalFeed, (user, proposal, ctx) =>
      releasedProposal(ctx, user, proposal),
    ),
  } satisfies SubscriptionResolvers,
  AirspaceVolume: {
    // Scenario volumes carry no state: in force.
    state: (volume) => reservationState(volume),
  } satisfies AirspaceVolumeResolvers,
};
