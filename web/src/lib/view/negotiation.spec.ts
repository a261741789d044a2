import { describe, expect, it } from 'vitest';
import type { Volume } from '../globe/globe.ts';
import { conflict, H, halfWithheld, iso, proposal, T0, volume } from './fixtures.ts';
import {
  answers,
  awaitsAnswer,
  basedOn,
  changeSummary,
  previewOverlays,
  proposalDiff,
  threadOf,
} from './negotiation.ts';
import { changeFrom, counterForm, formFor, formPreview, proposalProblems } from './proposal-form.ts';

const roz = volume('roz', { name: 'ROZ Alpha', version: 3 });
const reservations = new Map<string, Volume>([['POL/roz', roz]]);

describe('negotiation', () => {
  it('threads a conflict’s proposals oldest first and knows who still has to answer', () => {
    const first = proposal('p1', {
      proposedBy: { username: 'pol-liaison', nation: 'POL' },
      kind: 'ACCEPT_RISK',
      changes: [],
      state: 'COUNTERED',
    });
    const counter = proposal('p2', { createdAt: iso(T0 + 60_000), counterTo: 'p1' });
    expect(threadOf([counter, proposal('other', { conflictId: 'c2' }), first], 'c1').map((p) => p.id)).toEqual([
      'p1',
      'p2',
    ]);
    const c = conflict('c1');
    expect(awaitsAnswer(counter, c, { nation: 'POL' })).toBe(true);
    expect(awaitsAnswer(counter, c, { nation: 'UKR' })).toBe(false); // its own proposal
    expect(awaitsAnswer(counter, c, { nation: 'LTU' })).toBe(false); // not a party
    expect(
      awaitsAnswer(
        {
          ...counter,
          responses: [{ nation: 'POL', username: 'pol-cmdr', response: 'REJECT', reason: '', at: iso(T0) }],
        },
        c,
        { nation: 'POL' },
      ),
    ).toBe(false);
    expect(answers(counter, c)).toBe('POL waiting · UKR proposed');
    expect(
      answers(
        {
          ...counter,
          state: 'ACCEPTED',
          responses: [{ nation: 'POL', username: 'p', response: 'ACCEPT', reason: '', at: iso(T0) }],
        },
        c,
      ),
    ).toBe('POL accepted · UKR proposed');
  });

  it('names the versions the user sees now (proof of awareness), never a withheld side', () => {
    const c = halfWithheld('c1');
    expect(basedOn(c, reservations)).toEqual([{ nation: 'POL', id: 'roz', version: 3 }]); // the live version, not the conflict's 1
    expect(basedOn(conflict('c1'), new Map())).toEqual([
      { nation: 'POL', id: 'roz', version: 1 },
      { nation: 'UKR', id: 'corr', version: 1 },
    ]);
  });

  it('shows a proposal as before and after, in words and on the globe', () => {
    const moved = proposal('p', {
      changes: [
        {
          nation: 'POL',
          id: 'roz',
          action: 'MODIFY',
          withheld: false,
          outline: roz.outline!.map((p) => ({ lat: p.lat + 0.1, lon: p.lon })),
          circle: null,
          floorM: null,
          ceilingM: 400,
          validFrom: null,
          validTo: iso(T0 + 2 * H),
        },
      ],
    });
    expect(proposalDiff(moved, reservations, T0)).toEqual([
      {
        reservation: 'ROZ Alpha (POL)',
        withheld: false,
        rows: [
          { field: 'Area', before: '3-point outline', after: '3-point outline, moved 11.1 km north' },
          { field: 'Altitude', before: '0–1,500 m', after: '0–400 m' },
          { field: 'Until', before: '01 Dec 01:00Z', after: '23:00Z' },
        ],
      },
    ]);
    expect(
      proposalDiff(proposal('e', { changes: [{ ...moved.changes[0]!, action: 'END' }] }), reservations, T0)[0]!.rows,
    ).toEqual([{ field: 'State', before: 'ACTIVE', after: 'ENDED' }]);
    expect(
      proposalDiff(proposal('w', { changes: [{ ...moved.changes[0]!, id: null, withheld: true }] }), reservations, T0),
    ).toEqual([{ reservation: 'POL reservation (withheld)', withheld: true, rows: [] }]);
    expect(changeSummary(moved.changes[0]!, T0)).toBe('new 3-point outline; ceiling 400 m; until 23:00Z'); // once applied
    expect(changeSummary({ ...moved.changes[0]!, withheld: true }, T0)).toBe('a POL reservation (withheld)');
    const shapes = previewOverlays(moved, reservations);
    expect(shapes.map((s) => [s.id, s.role, s.ceilingM])).toEqual([
      ['POL/roz:before', 'before', 1500],
      ['POL/roz:after', 'after', 400],
    ]);
  });
});

describe('the proposal form', () => {
  it('sends only what changed, and says what is missing', () => {
    const form = formFor(roz);
    expect(changeFrom(roz, form)).toBeNull();
    expect(proposalProblems(form, roz)).toEqual([
      'Say why: the other parties read the rationale.',
      'Nothing is changed yet.',
    ]);
    const lower = { ...form, ceilingM: 400, rationale: 'below the corridor' };
    expect(changeFrom(roz, lower)).toEqual({ nation: 'POL', id: 'roz', action: 'MODIFY', ceilingM: 400 });
    expect(proposalProblems(lower, roz)).toEqual([]);
    expect(changeFrom(roz, { ...form, action: 'END' })).toEqual({ nation: 'POL', id: 'roz', action: 'END' });
    expect(proposalProblems({ ...form, kind: 'ACCEPT_RISK', rationale: 'brief' }, undefined)).toEqual([]);
    expect(formPreview(lower, reservations).map((s) => s.role)).toEqual(['before', 'after']);
  });

  it('starts a counter-proposal from the proposal it counters', () => {
    const countered = counterForm(proposal('p'), roz);
    expect([countered.kind, countered.target, countered.ceilingM, countered.floorM]).toEqual([
      'CHANGE',
      'POL/roz',
      400,
      0,
    ]);
  });
});
