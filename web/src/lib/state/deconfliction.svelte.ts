import {
  ConflictUpdatesDocument,
  CreateReservationDocument,
  EditReservationDocument,
  EndReservationDocument,
  ProposalUpdatesDocument,
  ProposeResolutionDocument,
  RespondToProposalDocument,
  type ConflictUpdatesSubscription,
  type ProposalAnswer,
  type ProposalKind,
  type AssignmentChangeInput,
  type ProposalUpdatesSubscription,
  type ReservationChangeInput,
} from '@tessera/schema/operations';
import type { SignedInApi, VersionRef } from '../api/client.ts';
import { ApiError } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import type { Volume } from '../globe/globe.ts';
import { endangers, type Conflict } from '../view/conflicts.ts';
import { draftToInput, type Draft } from '../view/draft.ts';
import { basedOn, type Proposal } from '../view/negotiation.ts';
import { announcer } from '../view/picture.ts';
import type { AirspacePicture } from './airspace.svelte.ts';
import type { SpectrumPicture } from './spectrum.svelte.ts';
import { feed, LiveCollection } from './live-collection.svelte.ts';

type ConflictBatch = ConflictUpdatesSubscription['conflictUpdates'];
type ProposalBatch = ProposalUpdatesSubscription['proposalUpdates'];

/** How a change went: null when recorded, else why not (the rule, and for STALE_VERSION the versions now). */
export type Refusal = { message: string; rule: string | null; current: readonly VersionRef[] } | null;

/** Runs a change: null when it went through, else the refusal (the state classes' mutations all report so). */
export async function outcome(call: () => Promise<unknown>): Promise<Refusal> {
  try {
    await call();
    return null;
  } catch (err) {
    return err instanceof ApiError
      ? { message: err.message, rule: err.rule, current: err.current }
      : { message: errorMessage(err), rule: null, current: [] };
  }
}

/**
 * Deconfliction as the signed-in user may see it: conflicts (airspace and spectrum) and their
 * proposals, live (the reservations are the airspace's, the assignments the spectrum's), and what a
 * liaison does: create, edit and end reservations, propose resolutions, counter them, accept or
 * reject them. Every change names the versions it was based on; the live picture shows its result as
 * soon as the deconfliction service records it.
 */
export class Deconfliction {
  readonly conflicts: LiveCollection<Conflict, ConflictBatch>;
  readonly proposals: LiveCollection<Proposal, ProposalBatch>;
  #api: SignedInApi;
  #airspace: AirspacePicture;
  #spectrum: SpectrumPicture;

  /** `onConflict` is called when a new conflict endangers the user's nation (not for those there at sign-in). */
  constructor(
    api: SignedInApi,
    airspace: AirspacePicture,
    spectrum: SpectrumPicture,
    nation: string | null,
    onConflict: (conflicts: Conflict[]) => void,
  ) {
    this.#api = api;
    this.#airspace = airspace;
    this.#spectrum = spectrum;
    this.conflicts = new LiveCollection(
      feed(api, ConflictUpdatesDocument, (d) => d.conflictUpdates),
      {
        onApplied: announcer(endangers(nation), onConflict),
      },
    );
    this.proposals = new LiveCollection(feed(api, ProposalUpdatesDocument, (d) => d.proposalUpdates));
  }

  start(): void {
    this.conflicts.start();
    this.proposals.start();
  }

  stop(): void {
    this.conflicts.stop();
    this.proposals.stop();
  }

  createReservation(draft: Draft): Promise<Refusal> {
    return outcome(async () => {
      const { createReservation } = await this.#api.request(CreateReservationDocument, { input: draftToInput(draft) });
      this.#airspace.volumes.upsert(createReservation);
    });
  }

  editReservation(reservation: Volume, draft: Draft): Promise<Refusal> {
    return outcome(async () => {
      const vars = {
        nation: reservation.nation,
        id: reservation.id,
        version: reservation.version,
        input: draftToInput(draft),
      };
      this.#airspace.volumes.upsert((await this.#api.request(EditReservationDocument, vars)).editReservation);
    });
  }

  endReservation(reservation: Volume): Promise<Refusal> {
    return outcome(async () => {
      this.#airspace.volumes.upsert(
        (await this.#api.request(EndReservationDocument, { id: reservation.id, version: reservation.version }))
          .endReservation,
      );
    });
  }

  /** The versions the user sees now of what a conflict is between: assignments for SPECTRUM, else reservations. */
  #live(conflict: Conflict): ReadonlyMap<string, { version: number }> {
    return conflict.kind === 'SPECTRUM' ? this.#spectrum.assignments.current : this.#airspace.volumes.current;
  }

  /** Proposes a resolution of a conflict, or counters an open proposal (counterTo). */
  propose(
    conflict: Conflict,
    proposal: {
      kind: ProposalKind;
      rationale: string;
      changes?: ReservationChangeInput[];
      assignmentChanges?: AssignmentChangeInput[];
      counterTo: string | null;
    },
  ): Promise<Refusal> {
    return outcome(async () => {
      const input = {
        conflictId: conflict.id,
        changes: [],
        assignmentChanges: [],
        ...proposal,
        basedOn: basedOn(conflict, this.#live(conflict)),
        conflictVersion: conflict.version,
      };
      this.proposals.upsert((await this.#api.request(ProposeResolutionDocument, { input })).proposeResolution);
    });
  }

  respond(proposal: Proposal, conflict: Conflict, response: ProposalAnswer, reason: string): Promise<Refusal> {
    return outcome(async () => {
      const vars = {
        id: proposal.id,
        response,
        reason,
        basedOn: basedOn(conflict, this.#live(conflict)),
        conflictVersion: conflict.version,
      };
      this.proposals.upsert((await this.#api.request(RespondToProposalDocument, vars)).respondToProposal);
    });
  }
}
