import { describe, expect, it } from 'vitest';
import { label, T0, track } from '@tessera/service-kit/fixtures';
import type { Finding } from './anomaly.ts';
import { reportOf } from './features.ts';
import { anomalyEventOf, assessmentOf, mayThreatenAssets, provenanceOf } from './outputs.ts';

const secretSensor = { path: 'provenance.sourceId' as const, label: label('POL', [], 'SECRET') };
const drone = track('POL-d1', { fieldLabels: [secretSensor] });

describe('what the detector says about a track', () => {
  it("cites the track and its sensor, as the track's nation, and labels the sensor like the track does", () => {
    expect(provenanceOf(drone, { name: 'm', version: '1' }, '2026-11-26T12:00:01.000Z')).toEqual({
      nation: 'POL',
      system: 'tessera-detector',
      sourceId: 'm',
      observedAt: drone.provenance.observedAt,
      publishedAt: '2026-11-26T12:00:01.000Z',
      model: { name: 'm', version: '1' },
      inputs: { trackIds: ['POL-d1'], sensorIds: ['pol-radar-1'] },
    });
    const finding: Finding = { kind: 'POSITION_JUMP', summary: 'jumped', evidence: [], reports: [reportOf(drone)] };
    const event = anomalyEventOf(drone, finding, '2026-11-26T12:00:01.000Z');
    expect(event).toMatchObject({
      id: `POL-d1:POSITION_JUMP:${T0}`,
      label: drone.label,
      fieldLabels: [{ path: 'provenance.inputs.sensorIds', label: secretSensor.label }],
      assessment: 'POSSIBLE_GNSS_SPOOFING',
    });
    expect(event.reports).toEqual([{ at: drone.provenance.observedAt, lat: 50, lon: 22.5, altM: 300, speedMps: 50 }]);
  });

  it('reads spoofing into positions that jump, freeze or contradict the velocity; jamming into the rest', () => {
    expect(
      ['POSITION_JUMP', 'FROZEN_POSITION', 'VELOCITY_MISMATCH', 'IMPOSSIBLE_ACCELERATION'].map((k) =>
        assessmentOf(k as Finding['kind']),
      ),
    ).toEqual(['POSSIBLE_GNSS_SPOOFING', 'POSSIBLE_GNSS_SPOOFING', 'POSSIBLE_GNSS_SPOOFING', 'POSSIBLE_JAMMING']);
  });

  it('checks weapons against the defended assets, by reported or classified kind, never a friendly or neutral track', () => {
    expect(mayThreatenAssets(drone, 'FIXED_WING')).toBe(true); // reported UAS
    expect(mayThreatenAssets({ ...drone, kind: 'FIXED_WING' }, 'UAS')).toBe(true); // classified UAS
    expect(mayThreatenAssets({ ...drone, kind: 'FIXED_WING' }, 'FIXED_WING')).toBe(false);
    expect(mayThreatenAssets({ ...drone, identity: 'FRIEND' }, 'UAS')).toBe(false);
    expect(mayThreatenAssets({ ...drone, identity: 'NEUTRAL' }, 'UAS')).toBe(false);
  });
});
