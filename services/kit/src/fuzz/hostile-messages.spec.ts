import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HOSTILE_KINDS, hostileMessages, type FuzzTarget, type Json } from './hostile-messages.ts';

/** A small contract with every kind of field the generator changes: timestamps, nations, nested arrays, free details. */
const Thing = z.object({
  id: z.string().regex(/^POL-[a-z0-9-]{1,32}$/),
  nation: z.literal('POL'),
  at: z.iso.datetime({ offset: true }),
  seq: z.number().int().min(0),
  items: z.array(z.object({ lat: z.number().min(-90).max(90), note: z.string().max(40).nullable() })).max(10),
  details: z.record(z.string(), z.json()),
});

const target: FuzzTarget = {
  subject: 'tessera.v1.things.POL',
  valid: () => ({
    id: 'POL-t1',
    nation: 'POL',
    at: '2026-11-26T12:00:00.000Z',
    seq: 1,
    items: [{ lat: 50, note: null }],
    details: { free: 1 },
  }),
  ruleBreakers: [(v) => ({ ...(v as object), id: 'UKR-t1' }), (v) => ({ ...(v as object), seq: -1 })],
  freePaths: /^details\./,
};

const decode = (b: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(b));
const isValid = (b: Uint8Array) => {
  try {
    return Thing.safeParse(decode(b)).success;
  } catch {
    return false;
  }
};

describe('hostile messages', () => {
  it('are all refused by the contract they are made for, of every kind, within the payload limit', () => {
    expect(Thing.safeParse(target.valid()).success).toBe(true);
    const kinds = new Set<string>();
    for (const c of hostileMessages([target], { count: 3000, seed: 7, maxPayload: 256 * 1024, oversizedEvery: 100 })) {
      kinds.add(c.kind);
      expect(c.body.length).toBeLessThanOrEqual(256 * 1024);
      if (isValid(c.body)) throw new Error(`case ${c.index} (${c.kind}) is valid: ${new TextDecoder().decode(c.body)}`);
    }
    expect([...kinds].sort()).toEqual([...HOSTILE_KINDS].sort());
  });

  it('are the same for the same seed, and go to each target in turn', () => {
    const other: FuzzTarget = { subject: 'b', valid: () => ({ a: 1 }), subjectFor: (i) => `b.${i}` };
    const run = (seed: number) =>
      [...hostileMessages([target, other], { count: 50, seed, maxPayload: 128 * 1024 })].map(
        (c) => `${c.subject}:${c.kind}:${Buffer.from(c.body).toString('base64')}`,
      );
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
    expect(
      run(1)
        .slice(0, 4)
        .map((s) => s.split(':')[0]),
    ).toEqual(['tessera.v1.things.POL', 'b.1', 'tessera.v1.things.POL', 'b.3']);
  });

  it('never change a free-form field by type alone', () => {
    const onlyFree: FuzzTarget = { subject: 's', valid: (): Json => ({ details: { a: 1 } }), freePaths: /^details/ };
    // Nothing to change but the free field: the generator falls back to truncated messages.
    const kinds = new Set(
      [...hostileMessages([onlyFree], { count: 200, seed: 3, maxPayload: 128 * 1024 })].map((c) => c.kind),
    );
    expect(kinds.has('wrong-type')).toBe(false);
  });
});
