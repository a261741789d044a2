import { describe, expect, it } from 'vitest';
import type { AnomalyEvent } from '@tessera/schema';
import { anomalyStream, createAnomalyLog } from './anomaly-log.ts';

const at = '2026-11-26T12:00:00.000Z';
function event(n: number, originator = 'UKR'): AnomalyEvent {
  return {
    id: `${originator}-spoof-01:POSITION_JUMP:${n}`,
    trackId: `${originator}-spoof-01`,
    label: { policy: 'NATO', classification: 'UNCLASSIFIED', originator, releasableTo: [] },
    fieldLabels: [],
    provenance: {
      nation: originator,
      system: 'tessera-detector',
      sourceId: 'k',
      observedAt: at,
      publishedAt: at,
      model: { name: 'k', version: '1' },
      inputs: { trackIds: [`${originator}-spoof-01`] },
    },
    kind: 'POSITION_JUMP',
    assessment: 'POSSIBLE_GNSS_SPOOFING',
    summary: 'jump',
    evidence: [{ name: 'implied speed', value: 5000, threshold: 1075, unit: 'm/s' }],
    reports: [{ at, lat: 50, lon: 23, altM: 200, speedMps: 50 }],
    detectedAt: at,
  };
}

describe('anomaly log', () => {
  it('keeps the newest events, newest first, once each', () => {
    const log = createAnomalyLog({ capacity: 3 });
    for (const n of [1, 2, 2, 3, 4]) log.add(event(n));
    expect(log.recent().map((e) => e.id.split(':')[2])).toEqual(['4', '3', '2']);
  });

  it('isolates listeners: one that throws is reported, the others get the event, add never throws', () => {
    const errors: unknown[] = [];
    const log = createAnomalyLog({ onListenerError: (err) => errors.push(err) });
    const got: string[] = [];
    log.subscribe(() => {
      throw new Error('broken subscriber');
    });
    log.subscribe((e) => got.push(e.id));
    expect(() => log.add(event(1))).not.toThrow();
    expect(got).toEqual([event(1).id]);
    expect(errors).toEqual([new Error('broken subscriber')]);
    // Even when reporting fails.
    const quiet = createAnomalyLog({
      onListenerError: () => {
        throw new Error('logger down');
      },
    });
    quiet.subscribe(() => {
      throw new Error('broken');
    });
    expect(() => quiet.add(event(2))).not.toThrow();
  });
});

describe("one subscriber's anomaly stream", () => {
  it('keeps only the newest events for a subscriber that does not read, without ever throwing', async () => {
    const log = createAnomalyLog({ capacity: 10_000 });
    const stream = anomalyStream(log, (e) => e.id, 5);
    const first = stream.next(); // starts the subscription
    log.add(event(0));
    expect((await first).value).toBe(event(0).id);
    // 5000 events while nobody reads: far past what an unbounded queue of pending pushes allows.
    expect(() => {
      for (let n = 1; n <= 5000; n++) log.add(event(n));
    }).not.toThrow();
    const read: string[] = [];
    for (let i = 0; i < 5; i++) read.push((await stream.next()).value as string);
    expect(read).toEqual([4996, 4997, 4998, 4999, 5000].map((n) => event(n).id));
    await stream.return?.(undefined);
  });

  it('queues only what the subscriber may see, and stops listening when it ends', async () => {
    const log = createAnomalyLog();
    let released = 0;
    const stream = anomalyStream(log, (e) => (released++, e.label.originator === 'POL' ? e.id : null), 10);
    const next = stream.next();
    log.add(event(1, 'UKR'));
    log.add(event(2, 'POL'));
    expect((await next).value).toBe(event(2, 'POL').id);
    await stream.return?.(undefined);
    log.add(event(3, 'POL'));
    expect(released).toBe(2);
  });
});
