import { describe, expect, it } from 'vitest';
import { assignmentInput, assignmentProblems, draftFromAssignment, newAssignmentDraft } from './assignment-form.ts';
import { assignment, H, iso, proposal, spectrumConflict, suggestion, T0 } from './fixtures.ts';
import { basedOn } from './negotiation.ts';
import {
  assignmentChangeFrom,
  assignmentChangeSummary,
  assignmentDiff,
  changeableAssignments,
  isProposed,
  proposedBands,
  spectrumCounterForm,
  spectrumFormFor,
  spectrumProposalProblems,
  suggestionProposal,
} from './spectrum-negotiation.ts';
import type { Assignment } from './spectrum.ts';

const link = assignment('link', { version: 3 });
const jammer = assignment('jam', { nation: 'UKR', system: 'Jammer', use: 'JAMMER', version: 2, thresholdDbm: null });
const assignments = new Map<string, Assignment>([
  ['POL/link', link],
  ['UKR/jam', jammer],
]);

describe('negotiating a spectrum conflict', () => {
  it('proposes an engine suggestion in one click: its change, its summary, the versions seen now', () => {
    const c = spectrumConflict('c1');
    expect(suggestionProposal(suggestion())).toEqual({
      kind: 'CHANGE',
      rationale: 'Retune POL Drone link to 2420.000-2430.000 MHz (+20 MHz)',
      assignmentChanges: [{ nation: 'POL', id: 'link', action: 'MODIFY', lowMHz: 2420, highMHz: 2430 }],
    });
    // Proof of awareness: the assignments' live versions (POL/link is at 3 now, the conflict saw 1).
    expect(basedOn(c, assignments)).toEqual([
      { nation: 'POL', id: 'link', version: 3 },
      { nation: 'UKR', id: 'jam', version: 2 },
    ]);
    const power = suggestion({
      kind: 'POWER',
      summary: 'Reduce UKR Jammer to 6.59 dBm',
      clearsConflict: false,
      change: { ...suggestion().change, nation: 'UKR', id: 'jam', lowMHz: null, highMHz: null, eirpDbm: 6.59 },
    });
    expect(suggestionProposal(power)).toEqual({
      kind: 'CHANGE',
      rationale: 'Reduce UKR Jammer to 6.59 dBm (does not clear every harmful direction alone)',
      assignmentChanges: [{ nation: 'UKR', id: 'jam', action: 'MODIFY', eirpDbm: 6.59 }],
    });
    expect(suggestionProposal(suggestion({ change: { ...suggestion().change, withheld: true, id: null } }))).toBeNull();
  });

  it('knows a suggestion already proposed and open', () => {
    const sent = proposal('p', {
      assignmentChanges: [{ ...suggestion().change }],
      changes: [],
    });
    expect(isProposed(suggestion(), [sent])).toBe(true);
    expect(isProposed(suggestion(), [{ ...sent, state: 'REJECTED' }])).toBe(false);
    expect(isProposed(suggestion({ change: { ...suggestion().change, lowMHz: 2440, highMHz: 2450 } }), [sent])).toBe(
      false,
    );
  });

  it('shows a proposal’s changes to assignments before and after: band, EIRP, window', () => {
    const p = proposal('p', {
      changes: [],
      assignmentChanges: [
        { ...suggestion().change, eirpDbm: 20, validTo: iso(T0 + 2 * H) },
        {
          nation: 'UKR',
          id: null,
          action: 'MODIFY',
          withheld: true,
          lowMHz: null,
          highMHz: null,
          eirpDbm: null,
          validFrom: null,
          validTo: null,
        },
      ],
    });
    expect(assignmentDiff(p, assignments, T0)).toEqual([
      {
        reservation: 'Drone link (POL)',
        withheld: false,
        rows: [
          { field: 'Band', before: '2400.0–2410.0 MHz', after: '2420.0–2430.0 MHz' },
          { field: 'EIRP', before: '30.0 dBm', after: '20.0 dBm' },
          { field: 'Window', before: '21:00Z – 01 Dec 01:00Z', after: '21:00Z – 23:00Z' },
        ],
      },
      { reservation: 'UKR assignment (withheld)', withheld: true, rows: [] },
    ]);
    const end = proposal('e', { changes: [], assignmentChanges: [{ ...suggestion().change, action: 'END' }] });
    expect(assignmentDiff(end, assignments, T0)[0]!.rows).toEqual([
      { field: 'State', before: 'ACTIVE', after: 'ENDED' },
    ]);
    // The chart draws the new band as a ghost in the link's row (a power change keeps its band).
    expect(proposedBands(p.assignmentChanges, assignments)).toEqual([
      { key: 'POL/link', row: 'POL/Drone link', lowMHz: 2420, highMHz: 2430 },
    ]);
    expect(
      proposedBands([{ nation: 'POL', id: 'link', action: 'MODIFY', lowMHz: null, highMHz: 2415 }], assignments),
    ).toEqual([{ key: 'POL/link', row: 'POL/Drone link', lowMHz: 2400, highMHz: 2415 }]);
    expect(proposedBands(end.assignmentChanges, assignments)).toEqual([]);
    // Once accepted the before is gone: the thread says what was applied.
    expect(assignmentChangeSummary({ ...suggestion().change, eirpDbm: 20 }, T0)).toBe(
      '2420.0–2430.0 MHz; EIRP 20.0 dBm',
    );
    expect(assignmentChangeSummary({ ...suggestion().change, withheld: true }, T0)).toBe('a POL assignment (withheld)');
  });

  it('writes a proposal by hand: only what changed, inside the tunable range', () => {
    const c = spectrumConflict('c1');
    expect(changeableAssignments(c, assignments).map((a) => a.id)).toEqual(['link', 'jam']);
    const form = spectrumFormFor(link);
    expect(assignmentChangeFrom(link, form)).toBeNull();
    expect(spectrumProposalProblems(form, link)).toEqual([
      'Say why: the other parties read the rationale.',
      'Nothing is changed yet.',
    ]);
    const retuned = { ...form, lowMHz: 2450, highMHz: 2460, rationale: 'clear of the jammer' };
    expect(assignmentChangeFrom(link, retuned)).toEqual({
      nation: 'POL',
      id: 'link',
      action: 'MODIFY',
      lowMHz: 2450,
      highMHz: 2460,
    });
    expect(spectrumProposalProblems(retuned, link)).toEqual([]);
    expect(spectrumProposalProblems({ ...retuned, highMHz: 2490 }, link)).toEqual([
      'The band must stay in its tunable range, 2400.0–2480.0 MHz.',
    ]);
    expect(spectrumProposalProblems({ ...retuned, lowMHz: 2470, highMHz: 2460 }, link)).toEqual([
      'The low edge must be below the high edge.',
    ]);
    expect(assignmentChangeFrom(link, { ...form, action: 'END' })).toEqual({
      nation: 'POL',
      id: 'link',
      action: 'END',
    });
    expect(spectrumProposalProblems({ ...form, kind: 'ACCEPT_RISK', rationale: 'trial' }, undefined)).toEqual([]);
    // A counter starts from the countered change.
    const countered = spectrumCounterForm(proposal('p', { assignmentChanges: [suggestion().change] }), link);
    expect([countered.target, countered.lowMHz, countered.highMHz, countered.eirpDbm]).toEqual([
      'POL/link',
      2420,
      2430,
      30,
    ]);
  });
});

describe('the assignment editor', () => {
  it('starts a radio at the area’s centre, from this minute, open-ended', () => {
    const d = newAssignmentDraft(T0 + 30_500, { lat: 50.123456, lon: 22.654321 });
    expect([d.use, d.lowMHz, d.highMHz, d.point, d.validFrom, d.validTo]).toEqual([
      'COMMS',
      225,
      225.025,
      { lat: 50.1235, lon: 22.6543 },
      T0,
      0,
    ]);
    expect(assignmentProblems({ ...d, system: 'PRC-117 net' }, 'POL')).toEqual([]);
    expect(assignmentInput({ ...d, system: ' PRC-117 net ' })).toEqual({
      system: 'PRC-117 net',
      use: 'COMMS',
      lowMHz: 225,
      highMHz: 225.025,
      eirpDbm: 40,
      thresholdDbm: -100,
      tunableLowMHz: null,
      tunableHighMHz: null,
      location: { point: { lat: 50.1235, lon: 22.6543 }, antennaHeightM: 10 },
      validFrom: iso(T0),
      validTo: null,
      priority: 5,
      classification: 'CONFIDENTIAL',
      releasableTo: [],
      tiedReservationId: null,
    });
  });

  it('says what is wrong in the words of the contract’s own rules', () => {
    const d = { ...newAssignmentDraft(T0, null), system: 'Jammer 1', use: 'JAMMER' as const, eirpDbm: null };
    expect(assignmentProblems(d, 'POL')).toEqual([
      'Give the site: latitude and longitude.',
      'A JAMMER must state its EIRP.',
    ]);
    expect(
      assignmentProblems({ ...d, eirpDbm: 50, point: { lat: 50, lon: 22 }, lowMHz: 300, highMHz: 200 }, 'POL'),
    ).toEqual(['The low edge must be below the high edge.']);
    expect(
      assignmentProblems(
        { ...d, eirpDbm: 50, point: { lat: 50, lon: 22 }, tunableLowMHz: 230, tunableHighMHz: 260 },
        'POL',
      ),
    ).toEqual(['The tunable range must contain the assigned band.']);
    expect(assignmentProblems({ ...d, eirpDbm: 50, point: { lat: 50, lon: 22 }, antennaHeightM: -1 }, 'POL')).toEqual([
      'Antenna height: an antenna height is metres above ground, never negative.',
    ]);
    expect(
      assignmentProblems({ ...d, eirpDbm: 50, point: { lat: 50, lon: 22 }, validFrom: T0, validTo: T0 - H }, 'POL'),
    ).toEqual(['The start must be before the end.']);
  });

  it('edits an assignment as it is, keeping an area it was given', () => {
    const circle = { center: { lat: 50, lon: 23 }, radiusM: 5000 };
    const area = assignment('jam', {
      use: 'JAMMER',
      location: { kind: 'AREA', point: null, outline: null, circle, antennaHeightM: 2 },
      validFrom: null,
    });
    const d = draftFromAssignment(area);
    expect([d.point, d.area, d.validFrom, d.validTo]).toEqual([
      null,
      { outline: null, circle: { lat: 50, lon: 23, radiusM: 5000 } },
      0,
      T0 + 4 * H,
    ]);
    expect(assignmentInput(d).location).toEqual({
      outline: null,
      circle: { lat: 50, lon: 23, radiusM: 5000 },
      antennaHeightM: 2,
    });
    expect(assignmentProblems(d, 'POL')).toEqual([]);
  });
});
