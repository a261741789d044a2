import type { AnomalyEvent } from '@tessera/schema';

export interface AnomalyLog {
  add(event: AnomalyEvent): void;
  /** Newest first. */
  recent(): AnomalyEvent[];
  subscribe(listener: (event: AnomalyEvent) => void): () => void;
}

/** The last `capacity` anomaly events (they are events, not state), and a fan-out of new ones. */
export function createAnomalyLog(capacity = 200): AnomalyLog {
  const events: AnomalyEvent[] = [];
  const listeners = new Set<(event: AnomalyEvent) => void>();
  return {
    add(event) {
      if (events.some((e) => e.id === event.id)) return;
      events.unshift(event);
      if (events.length > capacity) events.length = capacity;
      for (const l of listeners) l(event);
    },
    recent: () => [...events],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
