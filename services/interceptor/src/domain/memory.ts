/** What an agent remembers of a target: requests so far, when it may ask again, and why never again (null: it may). */
export interface TargetMemory {
  attempts: number;
  notBeforeMs: number;
  closed: string | null;
}

/**
 * An agent's memory of its targets, so it neither asks again and again about one target nor asks
 * again after a final no (a denial, a destroyed target). A target that leaves the picture is forgotten.
 */
export function createTargetMemory(maxAttempts: number) {
  const memory = new Map<string, TargetMemory>();
  return {
    /** The memory of a target, made empty on first use. */
    of(trackId: string): TargetMemory {
      let m = memory.get(trackId);
      if (!m) memory.set(trackId, (m = { attempts: 0, notBeforeMs: 0, closed: null }));
      return m;
    },
    /** Whether a new request about the target may be opened at `nowMs`. */
    mayEngage(trackId: string, nowMs: number): boolean {
      const m = memory.get(trackId);
      return !m || (m.closed === null && nowMs >= m.notBeforeMs && m.attempts < maxAttempts);
    },
    forget(trackId: string): void {
      memory.delete(trackId);
    },
  };
}
export type TargetMemoryBook = ReturnType<typeof createTargetMemory>;
