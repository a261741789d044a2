/**
 * The picture's time, per reporting nation. Scenario time may run ahead of the wall clock (the
 * twin's time scale), so a service's "now" for judging reports (the detector clearing and purging
 * alerts, the authority judging whether a target is still fresh) is the time of the reports. Each
 * nation's feed sets only its own clock (the latest batch's newest observation, so a restarted
 * scenario moves it back), and a track (or an alert about it) is judged by the clock of the nation
 * whose feed reports it: a feed that lies about time (year 9999, 1970) can age or keep only
 * its own tracks, never another nation's.
 */
export function createPictureClocks() {
  const byNation = new Map<string, number>();
  const nationOfTrack = new Map<string, string>();
  return {
    /** A batch of `nation`'s feed with these tracks observed at these times. */
    batch(nation: string, reports: { trackId: string; observedMs: number }[]) {
      if (reports.length === 0) return;
      let newest = -Infinity;
      for (const r of reports) {
        nationOfTrack.set(r.trackId, nation);
        if (r.observedMs > newest) newest = r.observedMs;
      }
      byNation.set(nation, newest);
    },
    forget(trackId: string) {
      nationOfTrack.delete(trackId);
    },
    /** The time of `nation`'s feed, or `fallback` before it reported. */
    of(nation: string, fallback: number): number {
      return byNation.get(nation) ?? fallback;
    },
    /**
     * The time by which to judge an alert about `trackId`: its feed's clock; for a track no feed
     * reported since start (an alert restored from the store), the earliest of the feeds' clocks,
     * so no single feed can move it forward; `fallback` when no feed reported yet.
     */
    forTrack(trackId: string, fallback: number): number {
      const nation = nationOfTrack.get(trackId);
      if (nation !== undefined) return byNation.get(nation) ?? fallback;
      return byNation.size === 0 ? fallback : Math.min(...byNation.values());
    },
  };
}
export type PictureClocks = ReturnType<typeof createPictureClocks>;
