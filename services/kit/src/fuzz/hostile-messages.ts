/**
 * Hostile NATS messages for the services' input fuzzing (test-only; no service imports this): for a
 * subject and a valid message of it, messages a buggy or compromised peer could send there that
 * the consumer must refuse, each one certain to break the subject's contract. Deterministic from a
 * seed, generated one at a time (an oversized body is made when it is sent, never kept).
 *
 * Kinds of case:
 * - `bytes`: random bytes (often not UTF-8);
 * - `truncated`: the valid message cut short (a strict prefix of a JSON object is never JSON);
 * - `json`: JSON of any shape and type, never an object with the message's fields;
 * - `wrong-type`: the valid message with one field (leaf or subtree) of another JSON type ("NaN"
 *   for a number, a number for a string, an object for an array; never null, which a nullable field
 *   takes, nor a field that is null, whose type is not known);
 * - `bad-value`: the valid message with one field of the right type but a value no contract takes:
 *   a timestamp of month 13 or year -2026 or 275760, a nation code in lower case, Greek or 4 letters;
 * - `rule`: a well-formed message that breaks a rule of the subject (the target's `ruleBreakers`:
 *   another nation's ids or label, a value out of range, a huge or unicode string where the contract
 *   bounds it);
 * - `oversized`: 64 KiB up to the server's max_payload: the valid message with a huge field, cut
 *   short; a huge JSON string; huge random bytes.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A seeded pseudo-random source (mulberry32): the same seed, the same cases. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** In [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('nothing to pick from');
    return items[Math.floor(this.next() * items.length)]!;
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
}

export type HostileKind = 'bytes' | 'truncated' | 'json' | 'wrong-type' | 'bad-value' | 'rule' | 'oversized';
export const HOSTILE_KINDS: readonly HostileKind[] = [
  'bytes',
  'truncated',
  'json',
  'wrong-type',
  'bad-value',
  'rule',
  'oversized',
];

export interface FuzzTarget {
  /** Where the hostile messages go (a core subject, a request subject or `$KV.<bucket>.<key>`). */
  subject: string;
  /** A valid message of the subject, as an object (copied before it is changed). */
  valid(): Json;
  /**
   * Well-formed messages that break a rule of this subject, each certain to be refused (another
   * nation's track on this nation's subject, a latitude of 91); each gets a fresh valid message.
   */
  ruleBreakers?: readonly ((valid: Json, random: Random) => Json)[];
  /** Fields whose values are free-form JSON (an audit record's details): never changed by `wrong-type`. */
  freePaths?: RegExp;
  /** A different subject per case (a KV key per case, so none replaces another before it is read). */
  subjectFor?: (index: number) => string;
}

export interface HostileCase {
  /** Index of the case, 0-based. */
  index: number;
  target: FuzzTarget;
  subject: string;
  kind: HostileKind;
  body: Uint8Array;
}

export interface HostileOptions {
  /** How many cases in all, over all targets (taken in turn). */
  count: number;
  seed: number;
  /** The server's max_payload (`nc.info.max_payload`): no case is larger (less room for headers). */
  maxPayload: number;
  /** Of `count`, one in this many is oversized (default 200: each is up to a MiB). */
  oversizedEvery?: number;
}

const encoder = new TextEncoder();
const bytesOf = (s: string) => encoder.encode(s);

/** Strings a parser may choke on: NUL, BOM, lone surrogates, right-to-left marks, emoji, escapes, "NaN". */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\u202E\u0644\u0627',
  '😀🇵🇱',
  'Ω≈ç√∫',
  '"\\"',
  '</script><script>alert(1)</script>',
  '${7*7}',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e400',
  '-0',
  'null',
  'true',
  '0x1F',
  '%s%n',
  '../../etc/passwd',
  'POL\u0000UKR',
  'tessera.v1.>',
] as const;

/** Numbers that break assumptions (JSON has no NaN or Infinity: 1e308 stands in). */
const NASTY_NUMBERS = [0, -0, -1, 1, 0.5, -1e308, 1e308, 5e-324, 2 ** 53, -(2 ** 53) - 1, 4294967296, 123456789.123];

/** Timestamps in ISO form that no timestamp field takes (a month 13, a year of 6 digits, no zone). */
export const BAD_TIMESTAMPS = [
  '2026-13-01T00:00:00Z',
  '2026-11-26T25:00:00Z',
  '2026-11-26T12:61:00Z',
  '2026-11-32T12:00:00Z',
  '-2026-11-26T12:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-11-26 12:00:00',
  '2026-11-26T12:00:00',
  '20261126T120000Z',
  '1764158400000',
  'NaN',
  'Infinity',
  '',
  'now',
  '2026-11-26T12:00:00Z\u0000',
  '２０２６-11-26T12:00:00Z',
] as const;

/** Nation codes no contract takes (it wants three capital Latin letters). */
export const BAD_NATIONS = ['pol', 'PO', 'POLA', 'P0L', 'ΡΟL', 'Pol', '', 'POL ', 'POL\u0000', '***', 'ПОЛ'] as const;

/** A string of `length` characters, ASCII or not (a huge name, an id of a thousand emoji). */
export function hugeString(random: Random, length: number): string {
  const unit = random.pick(['x', 'Ж', '😀', '\u202E', 'POL-', '\\"', 'ā́']);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function randomString(random: Random): string {
  if (random.bool(0.4)) return random.pick(NASTY_STRINGS);
  const n = random.int(0, 24);
  let s = '';
  for (let i = 0; i < n; i++)
    s += random.bool(0.8) ? String.fromCharCode(random.int(32, 126)) : String.fromCodePoint(random.int(0x80, 0x1ffff));
  return s;
}

/** Any JSON value, up to `depth` levels deep. */
export function randomJson(random: Random, depth = 3): Json {
  const r = random.int(0, depth > 0 ? 7 : 4);
  switch (r) {
    case 0:
      return null;
    case 1:
      return random.bool();
    case 2:
      return random.pick(NASTY_NUMBERS) * (random.bool() ? 1 : random.next());
    case 3:
    case 4:
      return randomString(random);
    case 5:
      return Array.from({ length: random.int(0, 4) }, () => randomJson(random, depth - 1));
    default: {
      const o: Record<string, Json> = {};
      for (let i = random.int(0, 4); i > 0; i--) o[randomString(random)] = randomJson(random, depth - 1);
      return o;
    }
  }
}

type Path = (string | number)[];

function typeOf(v: Json): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as 'boolean' | 'number' | 'string' | 'object';
}

/** Every path into `v` (its fields and elements, nested), with the value there. */
function pathsOf(v: Json, prefix: Path = [], out: { path: Path; value: Json }[] = []) {
  if (Array.isArray(v))
    v.forEach((e, i) => (out.push({ path: [...prefix, i], value: e }), pathsOf(e, [...prefix, i], out)));
  else if (v !== null && typeof v === 'object')
    for (const [k, e] of Object.entries(v)) {
      out.push({ path: [...prefix, k], value: e });
      pathsOf(e, [...prefix, k], out);
    }
  return out;
}

function setAt(root: Json, path: Path, value: Json) {
  let node = root as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, Json>;
  node[path.at(-1)!] = value;
}

/** A value of another JSON type than `v` (never null). */
function otherType(random: Random, v: Json): Json {
  const kinds = (['boolean', 'number', 'string', 'array', 'object'] as const).filter((k) => k !== typeOf(v));
  switch (random.pick(kinds)) {
    case 'boolean':
      return random.bool();
    case 'number':
      return random.pick(NASTY_NUMBERS);
    case 'string':
      return typeof v === 'number' ? random.pick(['NaN', 'Infinity', String(v), '1e400', '']) : randomString(random);
    case 'array':
      return random.bool() ? [] : [v];
    case 'object':
      return random.bool() ? {} : { value: v };
  }
}

const ISO = /^[+-]?\d{4,6}-\d\d-\d\dT/;
const NATION_KEY = /^(nation|originator|sectorNation)$/;

/** The valid message with one field changed to a value of another type; null when it has no field to change. */
function wrongType(random: Random, target: FuzzTarget, valid: Json): Json | null {
  // A null says nothing of the type the field takes when set (a nullable string): left alone.
  const paths = pathsOf(valid).filter(({ path, value }) => value !== null && !target.freePaths?.test(path.join('.')));
  if (paths.length === 0) return null;
  const { path, value } = random.pick(paths);
  setAt(valid, path, otherType(random, value));
  return valid;
}

/** The valid message with a timestamp or nation code that no contract takes; null when it has none. */
function badValue(random: Random, target: FuzzTarget, valid: Json): Json | null {
  const paths = pathsOf(valid).filter(
    ({ path, value }) =>
      !target.freePaths?.test(path.join('.')) &&
      typeof value === 'string' &&
      (ISO.test(value) || (NATION_KEY.test(String(path.at(-1))) && /^[A-Z]{3}$/.test(value))),
  );
  if (paths.length === 0) return null;
  const { path, value } = random.pick(paths);
  setAt(valid, path, ISO.test(value as string) ? random.pick(BAD_TIMESTAMPS) : random.pick(BAD_NATIONS));
  return valid;
}

/** A body of `size` bytes (about), over the contract's bounds: never a valid message. */
function oversized(random: Random, target: FuzzTarget, size: number): Uint8Array {
  switch (random.int(0, 2)) {
    case 0: {
      // The valid message with a huge field, cut short.
      const body = JSON.stringify({ ...(target.valid() as object), junk: hugeString(random, size) });
      const bytes = bytesOf(body);
      return bytes.subarray(0, Math.min(size, bytes.length - 1));
    }
    case 1:
      return bytesOf(JSON.stringify('x'.repeat(size - 2)));
    default: {
      const b = new Uint8Array(size);
      for (let i = 0; i < size; i += 4) {
        const v = (random.next() * 4294967296) >>> 0;
        b[i] = v & 0xff;
        b[i + 1] = (v >>> 8) & 0xff;
        b[i + 2] = (v >>> 16) & 0xff;
        b[i + 3] = v >>> 24;
      }
      return b;
    }
  }
}

function caseOf(random: Random, given: FuzzTarget, kind: HostileKind, maxPayload: number): Uint8Array | null {
  // A copy each time: a valid message built from shared constants is never changed in place.
  const target = { ...given, valid: () => JSON.parse(JSON.stringify(given.valid())) as Json };
  switch (kind) {
    case 'bytes':
      return Uint8Array.from({ length: random.int(0, 200) }, () => random.int(0, 255));
    case 'truncated': {
      const body = JSON.stringify(target.valid());
      return bytesOf(body.slice(0, random.int(0, body.length - 1)));
    }
    case 'json': {
      const v = randomJson(random);
      // An object could be valid for a message of few fields: keep objects only when they miss them.
      const valid = target.valid();
      if (v && typeof v === 'object' && !Array.isArray(v) && valid && typeof valid === 'object')
        for (const k of Object.keys(valid)) delete v[k];
      return bytesOf(JSON.stringify(v));
    }
    case 'wrong-type': {
      const v = wrongType(random, target, target.valid());
      return v === null ? null : bytesOf(JSON.stringify(v));
    }
    case 'bad-value': {
      const v = badValue(random, target, target.valid());
      return v === null ? null : bytesOf(JSON.stringify(v));
    }
    case 'rule': {
      if (!target.ruleBreakers?.length) return null;
      return bytesOf(JSON.stringify(random.pick(target.ruleBreakers)(target.valid(), random)));
    }
    case 'oversized':
      return oversized(random, target, random.int(64 * 1024, maxPayload - 4096));
  }
}

/** Weights of the kinds other than oversized (which comes once in `oversizedEvery`). */
const WEIGHTS: [HostileKind, number][] = [
  ['bytes', 3],
  ['truncated', 3],
  ['json', 3],
  ['wrong-type', 4],
  ['bad-value', 2],
  ['rule', 4],
];

/**
 * `count` hostile messages over `targets` (in turn), made one at a time. A kind a target cannot
 * give (no rule breakers, no timestamp) is replaced by another.
 */
export function* hostileMessages(targets: readonly FuzzTarget[], opts: HostileOptions): Generator<HostileCase> {
  if (targets.length === 0) return;
  const random = new Random(opts.seed);
  const every = opts.oversizedEvery ?? 200;
  const total = WEIGHTS.reduce((n, [, w]) => n + w, 0);
  for (let index = 0; index < opts.count; index++) {
    const target = targets[index % targets.length]!;
    const subject = target.subjectFor?.(index) ?? target.subject;
    let kind: HostileKind;
    let body: Uint8Array | null;
    if (index % every === every - 1) {
      kind = 'oversized';
      body = caseOf(random, target, kind, opts.maxPayload);
    } else {
      let r = random.next() * total;
      kind = WEIGHTS.find(([, w]) => (r -= w) < 0)?.[0] ?? 'bytes';
      body = caseOf(random, target, kind, opts.maxPayload);
      // Fall back in a fixed order: every target gives wrong-type and truncated cases.
      for (const k of ['wrong-type', 'truncated'] as const)
        if (body === null) body = caseOf(random, target, (kind = k), opts.maxPayload);
    }
    yield { index, target, subject, kind, body: body! };
  }
}

/** `v` with the field at `path` set to `value` (in place; for rule breakers). */
export function withField(v: Json, path: readonly (string | number)[], value: Json): Json {
  let node = v as Record<string | number, Json>;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, Json>;
  node[path.at(-1)!] = value;
  return v;
}
