import {
  canSee,
  release,
  type DetectionBatch,
  type Label,
  type Threat,
  type Track,
  type TrackBatch,
  type TrackKind,
  type Viewer,
} from '@tessera/schema';

/** What an agent knows of a detection: only what its nation may see (a withheld threat is null). */
export interface DetectionView {
  confidence: number;
  topClass: TrackKind;
  threat: Threat | null;
  /** The label of the threat part (the defended asset's), when there is a visible threat. */
  threatLabel: Label | null;
}

export { covers } from '@tessera/schema';

/**
 * The air picture one nation's agent may act on: tracks and detections releasable to that nation
 * at SECRET, field labels applied. Anything else is never stored, so the agent cannot act on it.
 * Its clock is the latest observation seen (the twin's scenario time, ahead of the wall clock at
 * time scales above 1).
 */
export function createNationPicture(nation: string) {
  const viewer: Viewer = { nation, clearance: 'SECRET' };
  const tracks = new Map<string, Track>();
  const detections = new Map<string, DetectionView>();
  let nowMs = 0;

  function forget(id: string) {
    const had = tracks.delete(id);
    detections.delete(id);
    return had;
  }

  return {
    nation,
    viewer,
    /** Apply a track batch; returns the ids that left this nation's picture. */
    applyTracks(batch: TrackBatch): string[] {
      const gone: string[] = [];
      for (const t of batch.upserts) {
        if (canSee(viewer, t.label)) {
          tracks.set(t.id, t);
          nowMs = Math.max(nowMs, Date.parse(t.provenance.observedAt));
        } else if (forget(t.id)) gone.push(t.id); // relabelled out of reach
      }
      for (const r of batch.removals) if (forget(r.id)) gone.push(r.id);
      return gone;
    },
    applyDetections(batch: DetectionBatch) {
      for (const d of batch.upserts) {
        const released = release(viewer, d);
        if (!released) {
          detections.delete(d.trackId);
          continue;
        }
        const threat = released.value.threat ?? null;
        detections.set(d.trackId, {
          confidence: d.confidence,
          topClass: d.topClass,
          threat,
          threatLabel: threat ? (d.fieldLabels.find((f) => f.path === 'threat')?.label ?? d.label) : null,
        });
      }
      for (const id of batch.removals) detections.delete(id);
    },
    tracks: () => tracks.values(),
    track: (id: string) => tracks.get(id),
    detection: (id: string) => detections.get(id),
    nowMs: () => nowMs,
  };
}
export type NationPicture = ReturnType<typeof createNationPicture>;
