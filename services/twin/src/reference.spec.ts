import { describe, expect, it } from 'vitest';
import { AirspaceVolume, EffectorRef } from '@tessera/schema';
import { label } from '@tessera/service-kit/fixtures';
import { loadScenario } from '../test/support.ts';
import { referenceData } from './reference.ts';

const demo = await loadScenario('demo');

describe('reference data', () => {
  const { area, volumes } = referenceData(demo, Date.UTC(2026, 10, 26, 12));

  it('turns sectors, defended assets and reservations into valid labelled volumes', () => {
    for (const v of volumes) expect(AirspaceVolume.safeParse(v).success).toBe(true);
    expect(volumes.filter((v) => v.kind === 'SECTOR').map((v) => [v.id, v.wcs])).toEqual([
      ['pol-north', 'TIGHT'],
      ['pol-south', 'HOLD'],
      ['ukr-west', 'FREE'],
    ]);
    expect(area).toEqual({
      scenario: 'demo-eastern-flank',
      center: { lat: 50.5, lon: 23.8 },
      radiusKm: 260,
      seed: 20261126,
    });
  });

  it('labels unlabelled objects releasable to every other scenario nation, and keeps explicit labels', () => {
    const sector = volumes.find((v) => v.id === 'pol-north')!;
    expect(sector.label).toEqual(label('POL', ['UKR', 'DEU', 'LTU']));
    const chp = volumes.find((v) => v.id === 'ukr-lviv-chp')!;
    expect(chp.label).toEqual(label('UKR', ['POL'], 'CONFIDENTIAL'));
  });

  it('lists the effectors, labelled like the other objects unless the scenario labels them', () => {
    const { effectors } = referenceData(demo, Date.UTC(2026, 10, 26, 12));
    for (const e of effectors) expect(EffectorRef.safeParse(e).success).toBe(true);
    expect(effectors.map((e) => [e.id, e.kind])).toEqual([
      ['pol-interceptor-1', 'INTERCEPTOR_DRONE'],
      ['deu-patriot-1', 'SAM'],
      ['ukr-gun-lviv', 'GUN'],
      ['ukr-ew-kovel', 'EW_JAMMER'],
      ['ukr-interceptor-rivne', 'INTERCEPTOR_DRONE'],
      ['ukr-gun-dubno', 'GUN'],
      ['ukr-sam-kovel', 'SAM'],
    ]);
    expect(effectors[0]).toEqual({
      id: 'pol-interceptor-1',
      nation: 'POL',
      kind: 'INTERCEPTOR_DRONE',
      position: { lat: 50.7, lon: 23.7 },
      rangeKm: 25,
      speedMps: 80,
      probabilityOfKill: 0.8,
      label: label('POL', ['UKR', 'DEU', 'LTU']),
    });
    const secret = referenceData(
      {
        ...demo,
        effectors: [{ ...demo.effectors[0]!, label: { policy: 'POL', classification: 'SECRET', releasableTo: [] } }],
      },
      0,
    ).effectors[0]!;
    expect(secret.label).toEqual({ policy: 'POL', classification: 'SECRET', originator: 'POL', releasableTo: [] });
  });

  it('anchors reservation validity to the scenario start', () => {
    const roz = volumes.find((v) => v.id === 'pol-roz-hrubieszow')!;
    expect([roz.validFrom, roz.validTo]).toEqual(['2026-11-26T12:00:00.000Z', '2026-11-26T16:00:00.000Z']);
  });

  it('lists the reservations the deconfliction service takes over, a UKR corridor through a POL ROZ among them', () => {
    expect(
      volumes
        .filter((v) => v.kind !== 'SECTOR' && v.kind !== 'DEFENDED_ASSET')
        .map((v) => [v.nation, v.id, v.kind, v.floorM, v.ceilingM]),
    ).toEqual([
      ['POL', 'pol-roz-hrubieszow', 'ROZ', 0, 1500],
      ['UKR', 'ukr-corridor-volyn', 'TRANSIT_CORRIDOR', 300, 2500],
      ['POL', 'pol-corridor-l31', 'TRANSIT_CORRIDOR', 9000, 12500],
      ['UKR', 'ukr-nfa-lviv-hospital', 'NO_FIRE_AREA', 0, 3000],
      ['UKR', 'ukr-ez-kovel', 'ENGAGEMENT_ZONE', 0, 4000],
    ]);
    const corridor = volumes.find((v) => v.id === 'ukr-corridor-volyn')!;
    expect(corridor.label).toEqual(label('UKR', ['POL'], 'RESTRICTED'));
    expect([corridor.validFrom, corridor.validTo]).toEqual(['2026-11-26T12:00:00.000Z', undefined]);
  });
});
