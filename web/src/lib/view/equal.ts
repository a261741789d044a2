/**
 * Structural equality of plain data (what GraphQL returns: objects, arrays, strings, numbers,
 * booleans, null): the same keys with equal values, arrays equal element by element. Used to skip
 * redrawing what has not changed; unlike comparing JSON texts it does not depend on key order.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((x, i) => deepEqual(x, other[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // A key whose value is undefined counts as absent, as it would in JSON.
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const kx = keys(x);
  const ky = keys(y);
  return kx.length === ky.length && kx.every((k) => Object.hasOwn(y, k) && deepEqual(x[k], y[k]));
}
