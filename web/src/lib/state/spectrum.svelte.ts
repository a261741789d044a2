import {
  AssignmentUpdatesDocument,
  CreateAssignmentDocument,
  EditAssignmentDocument,
  EndAssignmentDocument,
  RestrictedUpdatesDocument,
  SpectrumSuggestionsDocument,
  type AssignmentUpdatesSubscription,
  type RestrictedUpdatesSubscription,
} from '@tessera/schema/operations';
import type { SignedInApi } from '../api/client.ts';
import { errorMessage } from '../api/errors.ts';
import { assignmentInput, type AssignmentDraft } from '../view/assignment-form.ts';
import { assignmentKey, type Assignment, type Restricted, type Suggestion } from '../view/spectrum.ts';
import { outcome, type Refusal } from './deconfliction.svelte.ts';
import { feed, LiveCollection } from './live-collection.svelte.ts';

type AssignmentBatch = AssignmentUpdatesSubscription['spectrumUpdates'];
type RestrictedBatch = RestrictedUpdatesSubscription['spectrumUpdates'];

/**
 * The spectrum the signed-in user may see, live: assignments keyed NATION/id and the restricted
 * frequency list (withheld entries as bands only); what a liaison does with the nation's own
 * assignments (create, edit, end); and the engine's suggestions for a SPECTRUM conflict.
 */
export class SpectrumPicture {
  readonly assignments: LiveCollection<Assignment, AssignmentBatch>;
  readonly restricted: LiveCollection<Restricted, RestrictedBatch>;
  #api: SignedInApi;

  constructor(api: SignedInApi) {
    this.#api = api;
    // Two subscriptions of the one stream, each numbered on its own: each collection checks its sequence.
    this.assignments = new LiveCollection<Assignment, AssignmentBatch>(
      feed(api, AssignmentUpdatesDocument, (d) => d.spectrumUpdates),
      { keyOf: (a) => assignmentKey(a) },
    );
    this.restricted = new LiveCollection(feed(api, RestrictedUpdatesDocument, (d) => d.spectrumUpdates));
  }

  start(): void {
    this.assignments.start();
    this.restricted.start();
  }

  stop(): void {
    this.assignments.stop();
    this.restricted.stop();
  }

  createAssignment(draft: AssignmentDraft): Promise<Refusal> {
    return outcome(async () => {
      const { createAssignment } = await this.#api.request(CreateAssignmentDocument, { input: assignmentInput(draft) });
      this.assignments.upsert(createAssignment);
    });
  }

  editAssignment(assignment: Assignment, draft: AssignmentDraft): Promise<Refusal> {
    return outcome(async () => {
      const vars = { id: assignment.id, version: assignment.version, input: assignmentInput(draft) };
      this.assignments.upsert((await this.#api.request(EditAssignmentDocument, vars)).editAssignment);
    });
  }

  endAssignment(assignment: Assignment): Promise<Refusal> {
    return outcome(async () => {
      const vars = { id: assignment.id, version: assignment.version };
      this.assignments.upsert((await this.#api.request(EndAssignmentDocument, vars)).endAssignment);
    });
  }

  /** The engine's suggestions for a SPECTRUM conflict (each verified by the engine), or why there are none. */
  async suggestions(conflictId: string): Promise<{ suggestions: Suggestion[]; error: string | null }> {
    try {
      const { spectrumSuggestions } = await this.#api.request(SpectrumSuggestionsDocument, { conflictId });
      return { suggestions: spectrumSuggestions, error: null };
    } catch (err) {
      return { suggestions: [], error: errorMessage(err) };
    }
  }
}
