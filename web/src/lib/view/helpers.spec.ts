import { describe, expect, it } from 'vitest';
import { deepEqual } from './equal.ts';
import { humanize } from './humanize.ts';
import { can } from './roles.ts';

describe('humanize', () => {
  it('turns contract codes into words, in lower case for text or kept for tags', () => {
    expect(humanize('FIXED_WING')).toBe('fixed wing');
    expect(humanize('ON_THE_LOOP', 'keep')).toBe('ON THE LOOP');
    expect(humanize('UAS')).toBe('uas');
    expect(humanize('')).toBe('');
  });
});

describe('deepEqual', () => {
  it.each([
    [1, 1, true],
    [1, 2, false],
    [null, null, true],
    [null, undefined, false],
    [Number.NaN, Number.NaN, true],
    ['a', 'a', true],
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true], // key order does not matter
    [{ a: 1 }, { a: 1, b: undefined }, true], // an undefined key counts as absent, as in JSON
    [{ a: 1 }, { a: 1, b: null }, false],
    [[1, 2], [2, 1], false],
    [[1, 2], [1, 2, 3], false],
    [[], {}, false],
    [{ p: { lat: 50, lon: 23 } }, { p: { lat: 50, lon: 23.0001 } }, false],
  ])('deepEqual(%j, %j) is %s', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
    expect(deepEqual(b, a)).toBe(expected);
  });
});

describe('what the page offers to whom', () => {
  const user = (roles: ('WATCH_OFFICER' | 'COMMANDER' | 'LIAISON' | 'ADMIN')[], nation: string | null = 'POL') => ({
    roles,
    nation,
  });
  it('offers negotiation to liaisons and commanders of a nation only', () => {
    expect(can(user(['LIAISON']), 'negotiate')).toBe(true);
    expect(can(user(['COMMANDER']), 'negotiate')).toBe(true);
    expect(can(user(['WATCH_OFFICER']), 'negotiate')).toBe(false);
    expect(can(user(['LIAISON'], null), 'negotiate')).toBe(false);
    expect(can(null, 'negotiate')).toBe(false);
  });
  it('offers acknowledgement to watch officers and commanders of a nation, previews to commanders and liaisons', () => {
    expect(can(user(['WATCH_OFFICER']), 'acknowledge')).toBe(true);
    expect(can(user(['LIAISON']), 'acknowledge')).toBe(false);
    expect(can(user(['WATCH_OFFICER'], null), 'acknowledge')).toBe(false);
    expect(can(user(['LIAISON'], null), 'preview')).toBe(true);
    expect(can(user(['WATCH_OFFICER']), 'preview')).toBe(false);
    expect(can(user(['COMMANDER'], null), 'command')).toBe(true);
  });
});
