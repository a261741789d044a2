import type { DraftEdit, DraftOverlay, PreviewOverlay, Volume } from '../globe/globe.ts';
import { HORIZON_MS, reservationKey, volumesAt } from '../view/airspace.ts';
import { conflictOverlays, conflictRows, conflictsAt, type Conflict } from '../view/conflicts.ts';
import { applyEdit, draftFromVolume, newDraft, type Draft } from '../view/draft.ts';
import { previewOverlays, threadOf, type Proposal } from '../view/negotiation.ts';
import { counterForm, formFor, formPreview, type ProposalForm } from '../view/proposal-form.ts';
import type { Operations } from './operations.svelte.ts';

/** What the liaison is working on: a reservation (new, or one being edited), or a proposal for a conflict. */
export type Editor =
  | { kind: 'reservation'; draft: Draft; editing: Volume | null }
  | { kind: 'proposal'; conflictId: string; counterTo: string | null; form: ProposalForm; reshaping: boolean };

/**
 * The liaison console's view: the airspace at a chosen time in the next 24 hours, the selected
 * conflict and proposal, and the editor; and from them what the globe draws. Editors hold plain
 * values, replaced on every change (the globe reads them as they are).
 */
export class LiaisonView {
  /** Minutes after now the airspace is shown at (0: now). */
  offsetMin = $state(0);
  selectedConflictId = $state<string | null>(null);
  /** The proposal whose before and after the globe shows. */
  previewId = $state<string | null>(null);
  editor = $state.raw<Editor | null>(null);
  #ops: Operations;

  constructor(ops: Operations) {
    this.#ops = ops;
  }

  static readonly MAX_OFFSET_MIN = HORIZON_MS / 60_000;

  readonly at: number = $derived.by(() => this.#ops.clock.now + this.offsetMin * 60_000);
  readonly reservations: ReadonlyMap<string, Volume> = $derived.by(() => this.#ops.airspace.volumes.current);
  readonly conflicts: Conflict[] = $derived.by(() => conflictRows(this.#ops.deconfliction.conflicts.current.values()));
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
    if (this.editor?.kind === 'proposal') this.editor = null;
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
