import { CLASSIFICATIONS, classificationRank, type Classification, type FieldLabel, type Label } from './label.ts';
import type { Track } from './track.ts';

/**
 * The releasability rules, in one place: who may see an object, which of its fields, and what a
 * party sees of something derived from inputs it may not all see. The gateway, the services and the
 * web's "view as" preview call these functions; nothing re-implements them.
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

/**
 * Whether everyone who may see `outer` may also see `inner`: then citing `inner` inside `outer`
 * reveals nothing. A derived object (a request naming a track, a check naming a friendly) may cite
 * only what its own label covers.
 */
export function covers(outer: Label, inner: Label): boolean {
  if (classificationRank(inner.classification) > classificationRank(outer.classification)) return false;
  return [outer.originator, ...outer.releasableTo].every((nation) =>
    canSee({ nation, clearance: outer.classification }, inner),
  );
}

/** The objects of a list the viewer may see, in their order. */
export function releasable<T extends { label: Label }>(viewer: Viewer, items: Iterable<T>): T[] {
  const out: T[] = [];
  for (const item of items) if (canSee(viewer, item.label)) out.push(item);
  return out;
}

/** A field withheld from the viewer, with what would release it (shown as "withheld — releasable to POL"). */
export interface RedactedField {
  path: string;
  classification: Classification;
  releasableTo: string[];
}

export interface Released<T> {
  value: T;
  redacted: RedactedField[];
}

function withoutPath(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (!(head in value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) delete copy[head];
  else copy[head] = withoutPath(copy[head], rest);
  return copy;
}

/**
 * What the viewer may receive of an object: null when the object is not releasable to them; else the
 * object without every field whose field label they may not see, and those fields listed. Field
 * labels themselves are not sent (`fieldLabels` is removed).
 */
export function release<T extends { label: Label; fieldLabels?: FieldLabel[] }>(
  viewer: Viewer,
  item: T,
): Released<Omit<T, 'fieldLabels'>> | null {
  if (!canSee(viewer, item.label)) return null;
  const { fieldLabels = [], ...rest } = item;
  let value: unknown = rest;
  const redacted: RedactedField[] = [];
  for (const f of fieldLabels) {
    if (canSee(viewer, f.label)) continue;
    value = withoutPath(value, f.path.split('.'));
    if (!redacted.some((r) => r.path === f.path)) {
      redacted.push({
        path: f.path,
        classification: f.label.classification,
        releasableTo: [f.label.originator, ...f.label.releasableTo],
      });
    }
  }
  return { value: value as Omit<T, 'fieldLabels'>, redacted };
}

/**
 * The label of something derived from several inputs (an alert about a track, a conflict between two
 * reservations): never more visible than any input. Classification is the highest of the inputs; the
 * audience is the nations every input is releasable to. Null when no nation may see all inputs: then
 * only sanitized views may be released.
 */
export function derivedLabel(
  originator: string,
  inputs: readonly Label[],
  policy: Label['policy'] = 'NATO',
): Label | null {
  if (inputs.length === 0) return null;
  let rank = 0;
  let audience: string[] | undefined;
  for (const l of inputs) {
    rank = Math.max(rank, classificationRank(l.classification));
    const nations = [l.originator, ...l.releasableTo];
    audience = audience ? audience.filter((n) => nations.includes(n)) : [...new Set(nations)];
  }
  if (!audience || audience.length === 0) return null;
  const owner = audience.includes(originator) ? originator : audience[0]!;
  return {
    policy,
    classification: CLASSIFICATIONS[rank]!,
    originator: owner,
    releasableTo: audience.filter((n) => n !== owner),
  };
}

/**
 * What a party sees of a derived object: the full object when it may see every input, a sanitized
 * view (what it needs to act, without the withheld details) when it may see the sanitized label,
 * nothing otherwise.
 */
export function releaseDerived<F, S>(
  viewer: Viewer,
  derived: { inputs: readonly Label[]; full: F; sanitized: { label: Label; value: S } },
): { kind: 'full'; value: F } | { kind: 'sanitized'; value: S } | null {
  if (derived.inputs.length > 0 && derived.inputs.every((l) => canSee(viewer, l)))
    return { kind: 'full', value: derived.full };
  if (canSee(viewer, derived.sanitized.label)) return { kind: 'sanitized', value: derived.sanitized.value };
  return null;
}

/** A track as a viewer receives it: without field labels, with the fields withheld from them listed. */
export type ReleasedTrack = Omit<Track, 'fieldLabels'> & { redacted: RedactedField[] };

/** release() in the shape the API sends: the object without field labels, with the fields withheld listed in `redacted`. */
export function releaseWithRedactions<T extends { label: Label; fieldLabels?: FieldLabel[] }>(
  viewer: Viewer,
  item: T,
): (Omit<T, 'fieldLabels'> & { redacted: RedactedField[] }) | null {
  const out = release(viewer, item);
  return out && { ...out.value, redacted: out.redacted };
}

/** release() for tracks, in the shape the API sends. */
export function releaseTrack(viewer: Viewer, track: Track): ReleasedTrack | null {
  return releaseWithRedactions(viewer, track);
}

/**
 * "View as partner": what a user of another nation and clearance would receive of a track, shown to
 * the caller. Never more than the caller may see: null when the caller may not see the track; a field
 * is shown only when both may see it. `visible` says whether the partner would receive the track.
 */
export function releaseTrackAsSeenBy(
  caller: Viewer,
  partner: Viewer,
  track: Track,
): { visible: boolean; track: ReleasedTrack | null } | null {
  const mine = releaseTrack(caller, track);
  if (!mine) return null;
  const theirs = releaseTrack(partner, track);
  if (!theirs) return { visible: false, track: null };
  let value: unknown = theirs;
  const redacted = [...theirs.redacted];
  for (const r of mine.redacted) {
    if (redacted.some((t) => t.path === r.path)) continue;
    value = withoutPath(value, r.path.split('.'));
    redacted.push(r);
  }
  return { visible: true, track: { ...(value as ReleasedTrack), redacted } };
}

/**
 * An alert as a viewer receives it: null when not releasable; otherwise with only the viewer's own
 * nation's acknowledgements (who on another nation's watch floor acknowledged what is theirs).
 */
export function releaseAlert<T extends { label: Label; acknowledgements: readonly { nation: string }[] }>(
  viewer: Viewer,
  alert: T,
): T | null {
  if (!canSee(viewer, alert.label)) return null;
  return { ...alert, acknowledgements: alert.acknowledgements.filter((a) => a.nation === viewer.nation) };
}
