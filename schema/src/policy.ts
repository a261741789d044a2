import { classificationRank, type Classification, type Label } from './label.ts';

/**
 * The releasability rule, in one place. Everything that decides whether a user (or service) may
 * receive an object calls these functions; nothing re-implements them.
 */
export interface Viewer {
  /** Nation of the viewer; null for users not bound to a nation (they see no national data). */
  nation: string | null;
  clearance: Classification;
}

/** A viewer sees an object iff cleared for its classification and its nation is the originator or in releasableTo. */
export function canSee(viewer: Viewer, label: Label): boolean {
  if (viewer.nation === null) return false;
  if (classificationRank(viewer.clearance) < classificationRank(label.classification)) return false;
  return viewer.nation === label.originator || label.releasableTo.includes(viewer.nation);
}

/** The objects of a list the viewer may see, in their order. */
export function releasable<T extends { label: Label }>(viewer: Viewer, items: Iterable<T>): T[] {
  const out: T[] = [];
  for (const item of items) if (canSee(viewer, item.label)) out.push(item);
  return out;
}
