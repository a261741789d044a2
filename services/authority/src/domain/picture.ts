import { isFresh, type DetectionBatch, type Track, type TrackBatch, type TrackKind } from '@tessera/schema';
import { createPictureClocks } from '@tessera/service-kit';

/**
 * The authority's own picture: the tracks every nation's fusion centre reports and the detector's
 * assessments, as it needs them to establish an engagement's facts and to check a situation. A
 * track not heard from for `trackTimeoutMs` (wall clock: track timestamps are scenario time, which
 * runs ahead of the wall clock at time scales above 1) is gone: an engagement against it aborts,
 * and it never shields anything. Pure state; the receiving time is passed in.
 *
 * A track still heard of may be stale as a target: its feed goes on reporting other tracks while
 * its own latest report is older than its coast time (`isFresh`, schema/src/targets.ts), judged by
 * its feed's clock (scenario time; a feed lying about time ages only its own tracks).
 */
export interface AuthorityPicture {
  applyTracks(batch: TrackBatch, receivedAtMs: number): void;
  applyDetections(batch: DetectionBatch): void;
  /** A track heard from within the timeout at `nowMs`. */
  track(id: string, nowMs: number): Track | undefined;
  tracks(nowMs: number): Track[];
  detection(trackId: string): { confidence: number; topClass: TrackKind } | undefined;
  /** Whether a track still in the picture is no longer a target (older than its coast time). */
  isStale(id: string, nowMs: number): boolean;
  /** Drop what timed out (keeps memory bounded when a source goes silent). */
  expire(nowMs: number): void;
}

export function createAuthorityPicture(opts: { trackTimeoutMs: number }): AuthorityPicture {
  const tracks = new Map<string, { track: Track; receivedAtMs: number }>();
  const detections = new Map<string, { confidence: number; topClass: TrackKind }>();
  const clocks = createPictureClocks();
  const fresh = (e: { receivedAtMs: number }, nowMs: number) => nowMs - e.receivedAtMs <= opts.trackTimeoutMs;
  return {
    applyTracks(batch, receivedAtMs) {
      for (const t of batch.upserts) tracks.set(t.id, { track: t, receivedAtMs });
      clocks.batch(
        batch.source.nation,
        batch.upserts.map((t) => ({ trackId: t.id, observedMs: Date.parse(t.provenance.observedAt) })),
      );
      for (const r of batch.removals) {
        tracks.delete(r.id);
        detections.delete(r.id);
        clocks.forget(r.id);
      }
    },
    applyDetections(batch) {
      for (const d of batch.upserts) detections.set(d.trackId, { confidence: d.confidence, topClass: d.topClass });
      for (const id of batch.removals) detections.delete(id);
    },
    track(id, nowMs) {
      const e = tracks.get(id);
      return e && fresh(e, nowMs) ? e.track : undefined;
    },
    tracks: (nowMs) => [...tracks.values()].filter((e) => fresh(e, nowMs)).map((e) => e.track),
    detection: (trackId) => detections.get(trackId),
    isStale(id, nowMs) {
      const e = tracks.get(id);
      return (
        !!e && fresh(e, nowMs) && !isFresh(e.track, clocks.forTrack(id, Date.parse(e.track.provenance.observedAt)))
      );
    },
    expire(nowMs) {
      for (const [id, e] of tracks) {
        if (!fresh(e, nowMs)) {
          tracks.delete(id);
          detections.delete(id);
          clocks.forget(id);
        }
      }
    },
  };
}
