import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { subjects } from '@tessera/schema';
import { makeTrack } from '../src/picture/test-tracks.ts';
import { trackBatch } from './fixtures.ts';
import { loginToken, TrackSubscriber, type TestGateway, useTestStack } from './helpers.ts';

// Schema-driven fuzzing of the GraphQL API: operations generated from the schema itself (every
// query and mutation, random selection sets, arguments as variables with valid, boundary, huge,
// unicode and wrong values), plus syntax garbage and over-deep or over-wide queries, sent as every
// role and as nobody. Every error is typed (has a code), none is an internal error or carries a
// stack trace, and a subscriber
// beside it keeps its stream. NATS has no services behind the gateway here: what they would answer
// is answered "unavailable", which is a typed error too.

const CASES = Number(process.env.GRAPHQL_FUZZ_CASES ?? 10_000);
const PARALLEL = 16;
/** They would end the sessions the fuzz runs with. */
const LEFT_OUT = new Set(['logout', 'revokeSessions']);

const schema = buildSchema(
  readFileSync(fileURLToPath(import.meta.resolve('@tessera/schema/graphql/schema.graphql')), 'utf8'),
);

const hugeString = fc.integer({ min: 10_000, max: 60_000 }).map((n) => 'A'.repeat(n));
const stringValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', '💥', 'POL', 'POL-t1', '../../etc/passwd', "' OR 1=1 --", '{}'),
  hugeString,
);
const intValue = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, Number.MAX_SAFE_INTEGER, 1.5),
);
const floatValue = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 90, -90, 180, 181),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** A value for an input type: mostly of the right shape, sometimes not at all. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const wrong = anyJson;
  if (isNonNullType(type))
    return fc.oneof(
      { weight: 9, arbitrary: valueFor(type.ofType, depth) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  const shaped = ((): fc.Arbitrary<unknown> => {
    if (isListType(type))
      return depth > 3
        ? fc.constant([])
        : fc.oneof(
            { weight: 9, arbitrary: fc.array(valueFor(type.ofType, depth + 1), { maxLength: 4 }) },
            { weight: 1, arbitrary: fc.array(valueFor(type.ofType, depth + 1), { minLength: 100, maxLength: 400 }) },
          );
    if (isEnumType(type)) return fc.oneof(fc.constantFrom(...type.getValues().map((v) => v.name)), stringValue);
    if (isInputObjectType(type)) {
      if (depth > 3) return fc.constant({});
      const fields = Object.values(type.getFields());
      return fc.record(Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, depth + 1)])), {
        requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
      });
    }
    if (isScalarType(type))
      switch (type.name) {
        case 'Int':
          return intValue;
        case 'Float':
          return floatValue;
        case 'Boolean':
          return fc.boolean();
        case 'DateTime':
          return fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.constantFrom('2026-13-45T99:00:00Z', 'yesterday', '0000-00-00T00:00:00.000Z'),
          );
        default:
          return stringValue;
      }
    return wrong;
  })();
  return fc.oneof(
    { weight: 19, arbitrary: shaped },
    { weight: 1, arbitrary: wrong },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

/** A selection set for an output type, `depth` levels at most. */
function selectionFor(type: GraphQLOutputType, depth: number): fc.Arbitrary<string> {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return fc.constant('');
  if (isUnionType(named) || isInterfaceType(named)) return fc.constant('{ __typename }');
  if (!isObjectType(named)) return fc.constant('');
  const leaves = Object.values(named.getFields()).filter(
    (f) => f.args.length === 0 && (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))),
  );
  const nested = Object.values(named.getFields()).filter(
    (f) => f.args.length === 0 && isObjectType(getNamedType(f.type)),
  );
  const pick = fc.subarray(
    leaves.map((f) => f.name),
    { minLength: leaves.length ? 1 : 0 },
  );
  if (depth <= 0 || nested.length === 0) return pick.map((names) => `{ ${names.join(' ') || '__typename'} }`);
  return fc
    .tuple(
      pick,
      fc
        .subarray(nested, { maxLength: Math.min(3, nested.length) })
        .chain((fields) =>
          fields.length === 0
            ? fc.constant<string[]>([])
            : fc.tuple(...fields.map((f) => selectionFor(f.type, depth - 1).map((sel) => `${f.name} ${sel}`))),
        ),
    )
    .map(([names, subs]) => `{ ${[...names, ...subs].join(' ') || '__typename'} }`);
}

/** One operation on one root field, its arguments as variables. */
function operationOn(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const vars = field.args.map((a, i) => ({ name: `v${i}`, arg: a }));
  const header = vars.length ? `(${vars.map((v) => `$${v.name}: ${v.arg.type.toString()}`).join(', ')})` : '';
  const call = vars.length ? `(${vars.map((v) => `${v.arg.name}: $${v.name}`).join(', ')})` : '';
  return fc
    .tuple(selectionFor(field.type, 3), fc.record(Object.fromEntries(vars.map((v) => [v.name, valueFor(v.arg.type)]))))
    .map(([sel, variables]) => ({ query: `${kind}${header} { ${field.name}${call} ${sel} }`, variables }));
}

const rootFields = (kind: 'query' | 'mutation') =>
  Object.values((kind === 'query' ? schema.getQueryType() : schema.getMutationType())!.getFields()).filter(
    (f) => !LEFT_OUT.has(f.name),
  );

const operation = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...rootFields('query')).chain((f) => operationOn('query', f)) },
  { weight: 10, arbitrary: fc.constantFrom(...rootFields('mutation')).chain((f) => operationOn('mutation', f)) },
  // Not GraphQL at all, or almost.
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((query) => ({ query, variables: {} })) },
  // Deep nesting and wide aliasing, past graphql-armor's limits.
  {
    weight: 1,
    arbitrary: fc.integer({ min: 9, max: 200 }).map((n) => ({
      query: `{ ${'tracks { assessments { '.repeat(n)}nation${' } }'.repeat(n)} }`,
      variables: {},
    })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 11, max: 500 }).map((n) => ({
      query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { username }`).join(' ')} }`,
      variables: {},
    })),
  },
  // Introspection, refused outside dev mode.
  { weight: 1, arbitrary: fc.constant({ query: '{ __schema { types { name fields { name } } } }', variables: {} }) },
);

let gw: TestGateway;
useTestStack((stack) => (gw = stack.gw));

describe('GraphQL fuzzing', () => {
  it(`answers ${CASES} generated operations as every role with typed errors only, never internal, no stack trace`, async () => {
    const roles = ['pol-watch', 'pol-cmdr', 'pol-liaison', 'ukr-restricted', 'admin'];
    const tokens = [...(await Promise.all(roles.map((u) => loginToken(gw.url, u)))), ''];
    const watcher = new TrackSubscriber(gw.wsUrl, tokens[0]).subscribe();
    try {
      await watcher.waitFor('snapshot', () => watcher.batches.length > 0);
      const generated = fc.tuple(operation, fc.constantFrom(...tokens));
      // This process hosts the gateway: its memory is the gateway's (and the fuzzer's).
      const rssBefore = process.memoryUsage().rss;
      const bad: string[] = [];
      const codes = new Map<string, number>();
      // Generated a few at a time, so that the memory measured is the gateway's, not a list of cases.
      for (let i = 0; i < CASES; i += PARALLEL) {
        const cases = fc.sample(generated, { numRuns: Math.min(PARALLEL, CASES - i), seed: 20261201 + i });
        await Promise.all(
          cases.map(async ([op, token]) => {
            const res = await fetch(gw.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
              body: JSON.stringify(op),
            });
            const text = await res.text();
            const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
            for (const e of body.errors ?? []) {
              const code = e.extensions?.code ?? '(none)';
              codes.set(code, (codes.get(code) ?? 0) + 1);
              if (code === 'INTERNAL_SERVER_ERROR' || code === '(none)')
                bad.push(`${code}: ${e.message.slice(0, 200)} <- ${op.query.slice(0, 300)}`);
            }
            if (/\n\s+at |node_modules|\.ts:\d+/.test(text)) bad.push(`stack trace <- ${op.query.slice(0, 300)}`);
          }),
        );
      }
      const mb = (n: number) => Math.round(n / 2 ** 20);
      console.log(
        `GraphQL fuzz: ${CASES} operations; error codes ${JSON.stringify(Object.fromEntries(codes))}; ` +
          `RSS ${mb(rssBefore)} MB before, ${mb(process.memoryUsage().rss)} MB after`,
      );
      expect(bad.slice(0, 10)).toEqual([]);

      // The subscriber beside it kept its stream.
      const after = makeTrack('POL-after-graphql-fuzz', { originator: 'POL' });
      gw.nats.nc.publish(subjects.trackBatch('POL'), JSON.stringify(trackBatch('POL', { seq: 1, upserts: [after] })));
      await watcher.waitFor('a batch after the fuzz', () => watcher.picture.has('POL-after-graphql-fuzz'));
      expect(watcher.closed).toBeUndefined();
    } finally {
      await watcher.close();
    }
  }, 600_000);
});
