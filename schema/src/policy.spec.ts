import { describe, expect, it } from 'vitest';
import { canSee, releasable, type Viewer } from './policy.ts';
import type { Classification, Label } from './label.ts';

const label = (classification: Classification, originator: string, releasableTo: string[]): Label => ({
  policy: 'NATO',
  classification,
  originator,
  releasableTo,
});

describe('canSee (releasability rule)', () => {
  const cases: [string, Viewer, Label, boolean][] = [
    ['originator, cleared', { nation: 'POL', clearance: 'SECRET' }, label('SECRET', 'POL', []), true],
    ['originator, not cleared', { nation: 'POL', clearance: 'CONFIDENTIAL' }, label('SECRET', 'POL', []), false],
    [
      'empty releasableTo means originator only',
      { nation: 'UKR', clearance: 'SECRET' },
      label('UNCLASSIFIED', 'POL', []),
      false,
    ],
    ['listed nation, cleared', { nation: 'UKR', clearance: 'RESTRICTED' }, label('RESTRICTED', 'POL', ['UKR']), true],
    [
      'listed nation, clearance one below',
      { nation: 'UKR', clearance: 'RESTRICTED' },
      label('CONFIDENTIAL', 'POL', ['UKR']),
      false,
    ],
    [
      'unlisted nation, highest clearance',
      { nation: 'DEU', clearance: 'SECRET' },
      label('UNCLASSIFIED', 'POL', ['UKR', 'LTU']),
      false,
    ],
    [
      'clearance equal to classification',
      { nation: 'LTU', clearance: 'CONFIDENTIAL' },
      label('CONFIDENTIAL', 'POL', ['LTU']),
      true,
    ],
    [
      'unclassified to unclassified-cleared partner',
      { nation: 'LTU', clearance: 'UNCLASSIFIED' },
      label('UNCLASSIFIED', 'POL', ['LTU']),
      true,
    ],
    [
      'no nation (admin) sees nothing national',
      { nation: null, clearance: 'SECRET' },
      label('UNCLASSIFIED', 'POL', ['UKR', 'DEU', 'LTU']),
      false,
    ],
  ];
  it.each(cases)('%s', (_name, viewer, l, expected) => {
    expect(canSee(viewer, l)).toBe(expected);
  });

  it('releasable keeps order and drops what the viewer may not see', () => {
    const items = [
      { id: 'a', label: label('UNCLASSIFIED', 'POL', ['UKR']) },
      { id: 'b', label: label('UNCLASSIFIED', 'POL', []) },
      { id: 'c', label: label('RESTRICTED', 'UKR', []) },
    ];
    expect(releasable({ nation: 'UKR', clearance: 'RESTRICTED' }, items).map((i) => i.id)).toEqual(['a', 'c']);
  });
});
