import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A test that waits must wait for state, long enough for a loaded 2-core machine: vitest's
 * `vi.waitFor` and `expect.poll` give up after 1 s unless told otherwise, which turned one
 * authority test into a race with the machine's speed (it failed 1 run in 5 under load). Every
 * call in the repository's tests names its options (the kit's `WAIT`, or a timeout of its own).
 */
const ROOT = join(import.meta.dirname, '..');

/** The arguments of the call whose '(' ends at `open`, split at its top-level commas (a trailing comma dropped). */
function argumentsAt(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 1;
  let start = open;
  let i = open;
  for (; i < text.length && depth > 0; i++) {
    const c = text[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  args.push(text.slice(start, i - 1));
  return args.filter((a) => a.trim() !== '');
}

/** Options that set how long to wait: a timeout, or a constant for it (the kit's WAIT, SETTLE), spread or not. */
const waitsLongEnough = (options: string) => /\btimeout\b|^\s*[A-Z][A-Z_]*\s*$|\.\.\.[A-Z][A-Z_]*\b/.test(options);

/**
 * `file:line` of every vi.waitFor / vi.waitUntil / expect.poll in `text` (also split over lines, as
 * prettier writes long chains) whose options do not say how long to wait.
 */
export function waitsWithDefaults(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b(?:vi\s*\.\s*(?:waitFor|waitUntil)|expect\s*\.\s*poll)\s*\(/g)) {
    const options = argumentsAt(text, m.index + m[0].length)[1];
    if (options === undefined || !waitsLongEnough(options))
      found.push(`${file}:${text.slice(0, m.index).split('\n').length}`);
  }
  return found;
}

describe('tests wait for state, not for a fast machine', () => {
  it('finds a wait without options, and accepts one with them', () => {
    expect(waitsWithDefaults('a.ts', 'await vi.waitFor(() => expect(f(1, 2)).toBe(3));')).toEqual(['a.ts:1']);
    expect(waitsWithDefaults('a.ts', '\nawait expect.poll(() => g(),\n).toBe(1);')).toEqual(['a.ts:2']);
    expect(waitsWithDefaults('a.ts', 'await vi.waitFor(() => f(), WAIT);')).toEqual([]);
    expect(waitsWithDefaults('a.ts', 'await expect.poll(() => g(), { timeout: 30_000 }).toBe(1);')).toEqual([]);
    expect(waitsWithDefaults('a.ts', 'await expect\n  .poll(() => g())\n  .toBe(1);')).toEqual(['a.ts:1']);
    expect(waitsWithDefaults('a.ts', 'await vi.waitUntil(() => g(), { interval: 10 });')).toEqual(['a.ts:1']);
    expect(waitsWithDefaults('a.ts', 'await vi.waitFor(() => f(), undefined);')).toEqual(['a.ts:1']);
    expect(waitsWithDefaults('a.ts', 'await expect.poll(f, { ...SETTLE, message: m }).toBe(1);')).toEqual([]);
  });

  it('no test in the repository waits with the 1-second defaults', () => {
    const files = execFileSync('git', ['ls-files', '*.ts'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /(\.spec|\.test)\.ts$|\/test\/|^e2e\//.test(f) && !f.endsWith('test-waits.spec.ts'));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f) => waitsWithDefaults(f, readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });
});
