import { describe, expect, it } from 'vitest';
import type { AirspaceVolume } from '@tessera/schema';
import { sectorAt } from './volume.ts';
import { label, POL_SOUTH, sector, UKR_WEST } from '../fixtures.ts';

describe('sectorAt', () => {
  const volumes = [POL_SOUTH, UKR_WEST];

  it('finds the sector whose outline holds the point', () => {
    expect(sectorAt({ lat: 50, lon: 22.5 }, volumes)?.id).toBe('pol-south');
    expect(sectorAt({ lat: 50, lon: 23.6 }, volumes)?.id).toBe('ukr-west');
    expect(sectorAt({ lat: 51, lon: 22.5 }, volumes)).toBeNull();
  });

  it('checks floor and ceiling when the altitude is given', () => {
    expect(sectorAt({ lat: 50, lon: 22.5, altM: 14_000 }, volumes)?.id).toBe('pol-south');
    expect(sectorAt({ lat: 50, lon: 22.5, altM: 16_000 }, volumes)).toBeNull();
  });

  it('understands circular sectors', () => {
    const circle = {
      ...POL_SOUTH,
      id: 'pol-circle',
      outline: undefined,
      circle: { center: { lat: 52, lon: 21 }, radiusM: 5000 },
    } as AirspaceVolume;
    expect(sectorAt({ lat: 52.03, lon: 21 }, [circle])?.id).toBe('pol-circle'); // 3.3 km from the centre
    expect(sectorAt({ lat: 52.05, lon: 21 }, [circle])).toBeNull(); // 5.6 km
  });

  it("where sectors overlap, prefers another nation's (two-nation rule), else its own", () => {
    const overlap = sector('ukr-overlap', 'UKR', [
      [50.5, 22.9],
      [50.5, 23.3],
      [49.6, 23.3],
      [49.6, 22.9],
    ]);
    expect(sectorAt({ lat: 50, lon: 23.0 }, [POL_SOUTH, overlap], 'POL')?.id).toBe('ukr-overlap');
    expect(sectorAt({ lat: 50, lon: 23.0 }, [overlap, POL_SOUTH], 'UKR')?.id).toBe('pol-south');
    expect(sectorAt({ lat: 50, lon: 22.5 }, [POL_SOUTH, overlap], 'POL')?.id).toBe('pol-south');
  });

  it('ignores volumes that are not sectors', () => {
    const roz = { ...POL_SOUTH, id: 'roz', kind: 'ROZ', label: label('POL') } as AirspaceVolume;
    expect(sectorAt({ lat: 50, lon: 22.5 }, [roz])).toBeNull();
  });
});
