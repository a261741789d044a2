import type { DraftEdit, DraftOverlay, PreviewOverlay, RangeOverlay, Volume } from '../globe/globe.ts';
import { HORIZON_MS, reservationKey, volumesAt } from '../view/airspace.ts';
import { draftFromAssignment, newAssignmentDraft, type AssignmentDraft } from '../view/assignment-form.ts';
import { concerns, conflictOverlays, conflictRows, conflictsAt, type Conflict } from '../view/conflicts.ts';
import { applyEdit, draftFromVolume, newDraft, type Draft } from '../view/draft.ts';
import { previewOverlays, threadOf, type Proposal } from '../view/negotiation.ts';
import { counterForm, formFor, formPreview, type ProposalForm } from '../view/proposal-form.ts';
import {
  assignmentChangeFrom,
  changeableAssignments,
  proposedBands,
  spectrumCounterForm,
  spectrumFormFor,
  type SpectrumProposalForm,
} from '../view/spectrum-negotiation.ts';
import {
  focusDomain,
  FULL_DOMAIN,
  rangeOverlays,
  selectionBands,
  spectrumRows,
  type Assignment,
  type Domain,
  type Restricted,
  type SpectrumRow,
} from '../view/spectrum.ts';
import type { Operations } from './operations.svelte.ts';

/**
 * What the liaison is working on: a reservation (new, or one being edited), a proposal for an
 * airspace conflict, an assignment (new, or one being edited), or a proposal for a SPECTRUM conflict.
 */
export type Editor =
  | { kind: 'reservation'; draft: Draft; editing: Volume | null }
  | { kind: 'proposal'; conflictId: string; counterTo: string | null; form: ProposalForm; reshaping: boolean }
  | { kind: 'assignment'; draft: AssignmentDraft; editing: Assignment | null }
  | { kind: 'spectrum-proposal'; conflictId: string; counterTo: string | null; form: SpectrumProposalForm };

/** The console's two pictures: the airspace (reservations) and the spectrum (assignments). */
export type ConsoleMode = 'airspace' | 'spectrum';

/**
 * The liaison console's view: the airspace or the spectrum at a chosen time in the next 24 hours,
 * the selected conflict, proposal or assignment, the spectrum chart's frequency window, and the
 * editor; and from them what the globe draws. Editors hold plain values, replaced on every change
 * (the globe reads them as they are).
 */
export class LiaisonView {
  mode = $state<ConsoleMode>('airspace');
  /** The spectrum chart's frequency window (MHz). */
  domain = $state.raw<Domain>(FULL_DOMAIN);
  /** NATION/id of the assignment whose range the globe shows. */
  selectedAssignment = $state<string | null>(null);
  /** Minutes after now the airspace is shown at (0: now). */
  offsetMin = $state(0);
  selectedConflictId = $state<string | null>(null);
  /** The proposal whose before and after the globe shows. */
  previewId = $state<string | null>(null);
  editor = $state.raw<Editor | null>(null);
  #ops: Operations;
  #nation: string | null;

  constructor(ops: Operations, nation: string | null = null) {
    this.#ops = ops;
    this.#nation = nation;
  }

  static readonly MAX_OFFSET_MIN = HORIZON_MS / 60_000;

  readonly at: number = $derived.by(() => this.#ops.clock.now + this.offsetMin * 60_000);
  readonly reservations: ReadonlyMap<string, Volume> = $derived.by(() => this.#ops.airspace.volumes.current);
  readonly conflicts: Conflict[] = $derived.by(() => conflictRows(this.#ops.deconfliction.conflicts.current.values()));
  /** The conflicts of the mode's picture (a joint airspace and spectrum conflict is in both). */
  readonly modeConflicts: Conflict[] = $derived.by(() => this.conflicts.filter((c) => concerns(c, this.mode)));
  readonly assignments: ReadonlyMap<string, Assignment> = $derived.by(() => this.#ops.spectrum.assignments.current);
  readonly restricted: Restricted[] = $derived.by(() =>
    [...this.#ops.spectrum.restricted.current.values()].sort((a, b) => a.lowMHz - b.lowMHz),
  );
  readonly spectrumRows: SpectrumRow[] = $derived.by(() =>
    spectrumRows(this.assignments.values(), this.conflicts, this.#nation, this.at),
  );
  /**
   * The bands a proposal would give (ghosts in the spectrum chart): the one being written, else the
   * open one chosen in the thread.
   */
  readonly proposedBands = $derived.by(() => {
    const e = this.editor;
    if (e?.kind === 'spectrum-proposal') {
      const target = e.form.target ? this.assignments.get(e.form.target) : undefined;
      const change = e.form.kind === 'CHANGE' && target ? assignmentChangeFrom(target, e.form) : null;
      if (!change) return [];
      return proposedBands(
        [{ ...change, id: String(change.id), lowMHz: change.lowMHz ?? null, highMHz: change.highMHz ?? null }],
        this.assignments,
      );
    }
    const p = this.thread.find((x) => x.id === this.previewId && x.state === 'OPEN');
    return p ? proposedBands(p.assignmentChanges, this.assignments) : [];
  });

  /** What the globe draws of the spectrum: the selected assignment's range, or a selected SPECTRUM conflict's ends. */
  readonly ranges: RangeOverlay[] = $derived.by(() =>
    rangeOverlays(this.assignments, this.mode === 'spectrum' ? this.selectedAssignment : null, this.selected),
  );
  readonly selected: Conflict | undefined = $derived.by(() =>
    this.conflicts.find((c) => c.id === this.selectedConflictId),
  );
  readonly thread: Proposal[] = $derived.by(() =>
    this.selectedConflictId
      ? threadOf(this.#ops.deconfliction.proposals.current.values(), this.selectedConflictId)
      : [],
  );

  /** Volumes in force at the chosen time; the one being edited is drawn as the draft instead. */
  readonly volumes: Volume[] = $derived.by(() => {
    const editing = this.editor?.kind === 'reservation' ? this.editor.editing : null;
    return volumesAt(this.reservations.values(), this.at).filter(
      (v) => !editing || reservationKey(v) !== reservationKey(editing),
    );
  });

  /** Open conflicts in force at the chosen time, and the selected one whenever it is open. */
  readonly conflictOverlays = $derived.by(() => {
    const shown = conflictsAt(this.conflicts, this.at);
    if (this.selected?.state === 'OPEN' && !shown.includes(this.selected)) shown.push(this.selected);
    return conflictOverlays(shown, this.selectedConflictId);
  });

  /** A proposal's before and after: the one being written, else the one chosen in the thread. */
  readonly preview: PreviewOverlay[] = $derived.by(() => {
    if (this.editor?.kind === 'proposal') return formPreview(this.editor.form, this.reservations);
    const p = this.thread.find((x) => x.id === this.previewId && x.state === 'OPEN');
    return p ? previewOverlays(p, this.reservations) : [];
  });

  /** What the globe lets the user draw: the reservation's outline, or the proposed outline while reshaping. */
  readonly draft: DraftOverlay | null = $derived.by(() => {
    const e = this.editor;
    if (e?.kind === 'reservation') return e.draft;
    if (e?.kind === 'proposal' && e.reshaping && e.form.action === 'MODIFY') return e.form;
    return null;
  });

  selectConflict(id: string | null): void {
    this.selectedConflictId = id;
    this.previewId = null;
    if (id !== null) this.selectedAssignment = null;
    if (this.editor?.kind === 'proposal' || this.editor?.kind === 'spectrum-proposal') this.editor = null;
  }

  /** Switches between the airspace and the spectrum; a selection and an editor of the other stay behind. */
  setMode(mode: ConsoleMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.selectConflict(null);
    this.selectedAssignment = null;
    this.editor = null;
  }

  /** An assignment whose range the globe shows (null: none); it replaces a selected conflict. */
  selectAssignment(key: string | null): void {
    this.selectedAssignment = key;
    if (key !== null) this.selectConflict(null);
  }

  /**
   * Brings the selected SPECTRUM conflict or assignment into the spectrum chart: its bands, guard
   * bands and a margin on both sides (nothing selected, or the airspace shown: as it is). "All"
   * shows 30 MHz-6 GHz again.
   */
  focusSpectrum(): void {
    if (this.mode !== 'spectrum') return;
    const d = focusDomain(selectionBands(this.assignments, this.selectedAssignment, this.selected));
    if (d) this.domain = d;
  }

  newAssignment(): void {
    const centre = this.#ops.airspace.area?.center ?? null;
    this.editor = { kind: 'assignment', draft: newAssignmentDraft(this.#ops.clock.now, centre), editing: null };
  }

  editAssignment(a: Assignment): void {
    this.editor = { kind: 'assignment', draft: draftFromAssignment(a), editing: a };
  }

  patchAssignment(patch: Partial<AssignmentDraft>): void {
    if (this.editor?.kind === 'assignment') this.editor = { ...this.editor, draft: { ...this.editor.draft, ...patch } };
  }

  patchSpectrumForm(patch: Partial<SpectrumProposalForm>): void {
    if (this.editor?.kind === 'spectrum-proposal')
      this.editor = { ...this.editor, form: { ...this.editor.form, ...patch } };
  }

  /** The spectrum proposal's target changed: start from that assignment as it is. */
  retargetSpectrum(key: string): void {
    if (this.editor?.kind !== 'spectrum-proposal') return;
    const { kind, rationale } = this.editor.form;
    this.editor = { ...this.editor, form: { ...spectrumFormFor(this.assignments.get(key), kind), rationale } };
  }

  newReservation(shape: Draft['shape'] = 'polygon'): void {
    this.editor = { kind: 'reservation', draft: newDraft(this.#ops.clock.now, shape), editing: null };
  }

  editReservation(v: Volume): void {
    this.editor = { kind: 'reservation', draft: draftFromVolume(v, this.#ops.clock.now), editing: v };
  }

  /**
   * A new proposal for a conflict, or a counter to `counter`: about the reservation the countered
   * proposal changes, else the user's own side, else the first side the user may see.
   */
  propose(conflict: Conflict, nation: string | null, counter: Proposal | null = null): void {
    if (conflict.kind === 'SPECTRUM') return this.#proposeSpectrum(conflict, nation, counter);
    const visible = conflict.sides.filter((s) => !s.withheld && s.id !== null);
    const changed = counter?.changes.find((c) => !c.withheld && c.id !== null);
    const side =
      (changed && visible.find((s) => s.nation === changed.nation && s.id === changed.id)) ??
      visible.find((s) => s.nation === nation) ??
      visible[0];
    const target = side?.id ? this.reservations.get(reservationKey({ nation: side.nation, id: side.id })) : undefined;
    this.editor = {
      kind: 'proposal',
      conflictId: conflict.id,
      counterTo: counter?.id ?? null,
      form: counter ? counterForm(counter, target) : formFor(target),
      reshaping: false,
    };
  }

  /** As propose, about an assignment: the one the countered proposal changes, else the user's own, else the first seen. */
  #proposeSpectrum(conflict: Conflict, nation: string | null, counter: Proposal | null): void {
    const visible = changeableAssignments(conflict, this.assignments);
    const changed = counter?.assignmentChanges.find((c) => !c.withheld && c.id !== null);
    const target =
      (changed && visible.find((a) => a.nation === changed.nation && a.id === changed.id)) ??
      visible.find((a) => a.nation === nation) ??
      visible[0];
    this.editor = {
      kind: 'spectrum-proposal',
      conflictId: conflict.id,
      counterTo: counter?.id ?? null,
      form: counter ? spectrumCounterForm(counter, target) : spectrumFormFor(target),
    };
  }

  patchDraft(patch: Partial<Draft>): void {
    if (this.editor?.kind === 'reservation')
      this.editor = { ...this.editor, draft: { ...this.editor.draft, ...patch } };
  }

  patchForm(patch: Partial<ProposalForm>, reshaping?: boolean): void {
    if (this.editor?.kind !== 'proposal') return;
    this.editor = {
      ...this.editor,
      form: { ...this.editor.form, ...patch },
      reshaping: reshaping ?? this.editor.reshaping,
    };
  }

  /** The proposal's target changed: start from that reservation as it is. */
  retarget(key: string): void {
    if (this.editor?.kind !== 'proposal') return;
    const { kind, rationale } = this.editor.form;
    this.editor = {
      ...this.editor,
      form: { ...formFor(this.reservations.get(key), kind), rationale },
      reshaping: false,
    };
  }

  /** A click or drag on the globe, applied to whatever is being drawn. */
  applyGlobeEdit(edit: DraftEdit): void {
    const e = this.editor;
    if (e?.kind === 'reservation') this.editor = { ...e, draft: applyEdit(e.draft, edit) };
    else if (e?.kind === 'proposal' && e.reshaping) this.editor = { ...e, form: applyEdit(e.form, edit) };
  }

  close(): void {
    this.editor = null;
  }
}
