import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { subjects } from '@tessera/schema';
import { makeTrack } from '../src/picture/test-tracks.ts';
import { detection, trackBatch } from './fixtures.ts';
import { loginToken, rejectedOn, TrackSubscriber, type TestGateway, useTestStack } from './helpers.ts';

// Hostile input on every core NATS subject the gateway consumes: random bytes, truncated valid
// messages, JSON of any shape, oversized bodies and well-formed batches that break the rules (a
// nation touching another's tracks, on another's subject). Each must be rejected, counted and
// dead-lettered, never applied in part, while the gateway keeps serving the stream beside it.

const CASES = Number(process.env.NATS_FUZZ_CASES ?? 10_000);
const NATIONS = ['POL', 'UKR', 'LTU'] as const;

let gw: TestGateway;
useTestStack((stack) => (gw = stack.gw));

/** A valid message for the subject, to be broken. */
function validBody(subject: string, nation: string): string {
  if (subject.includes('.tracks.'))
    return JSON.stringify(trackBatch(nation, { seq: 1, upserts: [makeTrack(`${nation}-fz`, { originator: nation })] }));
  if (subject.includes('.detections.'))
    return JSON.stringify({
      source: { nation, system: 'AI' },
      seq: 1,
      publishedAt: new Date().toISOString(),
      upserts: [detection(`${nation}-fz`)],
      removals: [],
    });
  return JSON.stringify({ id: 'x', trackId: `${nation}-fz` });
}

const subjectArb = fc.constantFrom(...NATIONS).chain((nation) =>
  fc.constantFrom(subjects.trackBatch(nation), subjects.detections(nation), subjects.anomalies(nation)).map((s) => ({
    nation,
    subject: s,
  })),
);

const hostile = subjectArb.chain(({ nation, subject }) =>
  fc
    .oneof(
      { depthSize: 'small' },
      // Random bytes.
      { weight: 5, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)) },
      // A valid message cut short.
      {
        weight: 5,
        arbitrary: fc.double({ min: 0, max: 0.999, noNaN: true }).map((f) => {
          const body = validBody(subject, nation);
          return Buffer.from(body.slice(0, Math.floor(f * body.length)));
        }),
      },
      // JSON of any shape (never a whole valid batch: a batch needs a dozen nested fields).
      { weight: 5, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))) },
      // Oversized: a batch with a huge field, cut short (rarely: each is a few hundred kB).
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 100_000, max: 400_000 })
          .map((n) =>
            Buffer.from(
              JSON.stringify({ ...JSON.parse(validBody(subject, nation)), junk: 'x'.repeat(n) }).slice(0, -1),
            ),
          ),
      },
      // Well-formed, but about another nation's tracks.
      {
        weight: 4,
        arbitrary: fc
          .constantFrom(...NATIONS.filter((n) => n !== nation))
          .map((other) => Buffer.from(validBody(subject, other))),
      },
    )
    .map((body) => ({ subject, body })),
);

describe('NATS input fuzzing of the gateway', () => {
  it(`rejects, counts and dead-letters ${CASES} hostile messages and keeps the stream`, async () => {
    const pol = new TrackSubscriber(gw.wsUrl, await loginToken(gw.url, 'pol-watch')).subscribe();
    let deadLetters = 0;
    const dl = gw.nats.nc.subscribe(subjects.deadLetter('gateway'), { callback: () => void deadLetters++ });
    try {
      await pol.waitFor('snapshot', () => pol.batches.length > 0);
      const cases = fc.sample(hostile, { numRuns: CASES, seed: 20261201 });
      const sent = new Map<string, number>();
      const before = new Map<string, number>();
      for (const { subject } of cases) if (!before.has(subject)) before.set(subject, await rejectedOn(gw, subject));
      for (const [i, { subject, body }] of cases.entries()) {
        gw.nats.nc.publish(subject, body);
        sent.set(subject, (sent.get(subject) ?? 0) + 1);
        if (i % 500 === 499) await gw.nats.nc.flush();
      }
      await gw.nats.nc.flush();

      // Every one of them refused, on its own subject, and dead-lettered.
      await vi.waitFor(
        async () => {
          for (const [subject, n] of sent)
            expect(await rejectedOn(gw, subject), subject).toBe(before.get(subject)! + n);
        },
        { timeout: 60_000, interval: 200 },
      );
      await vi.waitFor(() => expect(deadLetters).toBe(CASES), { timeout: 60_000, interval: 100 });

      // Nothing of them was applied, and the stream goes on.
      const after = makeTrack('POL-after-fuzz', { originator: 'POL' });
      gw.nats.nc.publish(subjects.trackBatch('POL'), JSON.stringify(trackBatch('POL', { seq: 2, upserts: [after] })));
      await pol.waitFor('a valid batch after the fuzz', () => pol.picture.has('POL-after-fuzz'));
      expect([...pol.everSeen].filter((id) => id.endsWith('-fz'))).toEqual([]);
      expect(pol.closed).toBeUndefined();
    } finally {
      dl.unsubscribe();
      await pol.close();
    }
  }, 300_000);
});
