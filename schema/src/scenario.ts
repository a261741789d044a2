import { z } from 'zod';
import { Classification, NationCode } from './label.ts';
import { VolumeKind } from './airspace.ts';
import { FrequencyBand, RestrictedKind, SpectrumLocation, SpectrumUse } from './spectrum.ts';
import { StandardIdentity, TRACK_REDACTABLE_PATHS, TrackKind } from './track.ts';

const Lat = z.number().min(-90).max(90);
const Lon = z.number().min(-180).max(180);
export const LatLon = z.object({ lat: Lat, lon: Lon });
export type LatLon = z.infer<typeof LatLon>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lower-case letters, digits or -');

export const Nation = z.object({ code: NationCode, name: z.string().min(1) });

export const WCS = z.enum(['HOLD', 'TIGHT', 'FREE']);
export type WCS = z.infer<typeof WCS>;

/** How a scenario object is labelled; defaults to UNCLASSIFIED, releasable to every scenario nation. */
const ObjectLabel = z
  .object({
    policy: z.union([z.literal('NATO'), NationCode]).default('NATO'),
    classification: Classification,
    releasableTo: z.array(NationCode).default([]),
  })
  .optional();

export const Sector = z
  .object({
    id: Id,
    name: z.string().min(1),
    nation: NationCode,
    wcs: WCS,
    outline: z.array(LatLon).min(3),
    floorM: z.number().min(0),
    ceilingM: z.number().positive(),
    label: ObjectLabel,
  })
  .refine((s) => s.ceilingM > s.floorM, { message: 'ceilingM must be above floorM', path: ['ceilingM'] });

export const DefendedAsset = z.object({
  id: Id,
  name: z.string().min(1),
  nation: NationCode,
  position: LatLon,
  radiusM: z.number().positive(),
  label: ObjectLabel,
});

/** An airspace reservation (4D volume); times are scenario seconds. */
export const Reservation = z
  .object({
    id: Id,
    name: z.string().min(1),
    kind: VolumeKind.exclude(['SECTOR', 'DEFENDED_ASSET']),
    nation: NationCode,
    outline: z.array(LatLon).min(3).optional(),
    circle: z.object({ center: LatLon, radiusM: z.number().positive() }).optional(),
    floorM: z.number().min(0),
    ceilingM: z.number().positive(),
    startS: z.number().default(0),
    endS: z.number().optional(),
    label: ObjectLabel,
  })
  .refine((r) => (r.outline === undefined) !== (r.circle === undefined), {
    message: 'give exactly one of outline or circle',
    path: ['outline'],
  })
  .refine((r) => r.ceilingM > r.floorM, { message: 'ceilingM must be above floorM', path: ['ceilingM'] });
export type Reservation = z.infer<typeof Reservation>;

/**
 * A spectrum assignment of the scenario's plan (DOMAIN.md "Spectrum"); times are scenario seconds.
 * `tiedReservation`: the id of a reservation of the same nation whose drones carry these receivers.
 */
export const ScenarioAssignment = z.object({
  id: Id,
  nation: NationCode,
  system: z.string().min(1).max(120),
  use: SpectrumUse,
  lowMHz: z.number().positive(),
  highMHz: z.number().positive(),
  eirpDbm: z.number().optional(),
  thresholdDbm: z.number().optional(),
  tunable: FrequencyBand.optional(),
  location: SpectrumLocation,
  startS: z.number().optional(),
  endS: z.number().optional(),
  priority: z.int().min(0).max(9).default(5),
  tiedReservation: Id.optional(),
  label: ObjectLabel,
});
export type ScenarioAssignment = z.infer<typeof ScenarioAssignment>;

/** An entry of the scenario's restricted frequency list (the protected bands of DOMAIN.md are always added). */
export const ScenarioRestricted = z.object({
  id: Id,
  nation: NationCode,
  kind: RestrictedKind,
  lowMHz: z.number().positive(),
  highMHz: z.number().positive(),
  reason: z.string().min(1).max(500),
  label: ObjectLabel,
});
export type ScenarioRestricted = z.infer<typeof ScenarioRestricted>;

export const Sensor = z.object({
  id: Id,
  nation: NationCode,
  kind: z.enum(['RADAR', 'PASSIVE_RF', 'EO_IR', 'ACOUSTIC']),
  position: LatLon,
  /** Antenna height above ground, metres; with the target altitude it sets the radio horizon. */
  heightM: z.number().min(0).max(1000),
  rangeKm: z.number().positive().max(1000),
  /** Seconds between reports of one target (realistic sensors: 1-5 s). */
  periodS: z.number().min(1).max(5),
  /** One-sigma position error, metres. */
  noiseM: z.number().min(0).max(5000),
});
export type Sensor = z.infer<typeof Sensor>;

export const Effector = z.object({
  id: Id,
  nation: NationCode,
  kind: z.enum(['INTERCEPTOR_DRONE', 'GUN', 'SAM', 'EW_JAMMER']),
  position: LatLon,
  rangeKm: z.number().positive(),
  speedMps: z.number().positive(),
  probabilityOfKill: z.number().min(0).max(1),
  label: ObjectLabel,
});

export const Waypoint = z.object({ lat: Lat, lon: Lon, altM: z.number().min(0).max(30_000) });
export type Waypoint = z.infer<typeof Waypoint>;

/** Typical radar cross-sections by kind, dBsm (a raid may set its own). */
export const TYPICAL_RCS_DBSM: Record<TrackKind, number> = {
  FIXED_WING: 12,
  ROTARY: 8,
  UAS: -12,
  CRUISE_MISSILE: -5,
  GLIDE_BOMB: -8,
  BALLISTIC: -5,
  BALLOON: -3,
  UNKNOWN: 0,
};

export const RAID_ENDS = ['LEAVE', 'LAND', 'IMPACT'] as const;

/**
 * A group of `count` similar objects flying one route, launched `intervalS` apart from `startS`.
 * Each gets a track id `<trackedBy>-<raid id>-<nn>` (e.g. `UKR-owa-lviv-1-01`: the tracking nation owns
 * it) and a small seeded offset (`spreadKm`) and speed jitter.
 */
export const Raid = z.object({
  id: Id,
  description: z.string().optional(),
  kind: TrackKind,
  count: z.number().int().min(1).max(1000),
  /** Launch time of the first object, scenario seconds; negative means already airborne at the start. */
  startS: z.number().min(-86_400),
  intervalS: z.number().min(0).default(0),
  /** Nation whose fusion centre tracks it: the originator of its label. */
  trackedBy: NationCode,
  identity: StandardIdentity,
  /** Other nations' identity assessments where they differ or are known. */
  assessments: z.record(NationCode, StandardIdentity).default({}),
  label: z.object({
    policy: z.union([z.literal('NATO'), NationCode]).default('NATO'),
    classification: Classification,
    releasableTo: z.array(NationCode).default([]),
  }),
  /** Track fields labelled more strictly than the track, e.g. the sensor behind it kept national. */
  fieldLabels: z
    .array(
      z.object({
        path: z.enum(TRACK_REDACTABLE_PATHS),
        classification: Classification,
        releasableTo: z.array(NationCode).default([]),
      }),
    )
    .default([]),
  route: z.array(Waypoint).min(2),
  speedMps: z.number().positive().max(3000),
  /** Fly the route round and round (patrols, orbits) until `durationS` ends it. */
  loop: z.boolean().default(false),
  durationS: z.number().positive().optional(),
  /** What happens at the end of the route; defaults by kind (weapons impact, helicopters land, others leave). */
  end: z.enum(RAID_ENDS).optional(),
  spreadKm: z.number().min(0).max(100).default(0),
  /** Mean radar cross-section, dBsm; defaults by kind (typicalRcsDbsm). Each object varies around it. */
  rcsDbsm: z.number().min(-60).max(60).optional(),
  /**
   * The reported position lies from `afterS` seconds after launch (GNSS spoofing of a cooperative
   * track): JUMP moves it `offsetKm` towards `bearingDeg` at once; FREEZE repeats the position of
   * that moment; DRIFT walks it off at `driftMps`. The truth (and so impact) is unchanged.
   */
  spoofing: z
    .object({
      afterS: z.number().min(0),
      mode: z.enum(['JUMP', 'FREEZE', 'DRIFT']),
      offsetKm: z.number().min(0).max(500).default(10),
      bearingDeg: z.number().min(0).lt(360).default(90),
      driftMps: z.number().min(0).max(2000).default(150),
    })
    .optional(),
});
export type Raid = z.infer<typeof Raid>;

export const Scenario = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    /** Seed of every random draw: the same scenario and seed give the same run. */
    seed: z.number().int(),
    areaOfOperations: z.object({ center: LatLon, radiusKm: z.number().positive() }),
    /** A fusion centre drops a track it has not seen for this long. */
    coastS: z.number().positive().default(30),
    nations: z.array(Nation).min(1),
    sectors: z.array(Sector).default([]),
    defendedAssets: z.array(DefendedAsset).default([]),
    sensors: z.array(Sensor).min(1),
    effectors: z.array(Effector).default([]),
    airspace: z.array(Reservation).default([]),
    /** The spectrum plan: assignments and the nations' restricted entries. */
    spectrum: z
      .object({
        assignments: z.array(ScenarioAssignment).default([]),
        restricted: z.array(ScenarioRestricted).default([]),
      })
      .default({ assignments: [], restricted: [] }),
    raids: z.array(Raid).default([]),
  })
  .superRefine((s, ctx) => {
    const nations = new Set(s.nations.map((n) => n.code));
    const checkNation = (code: string, path: (string | number)[]) => {
      if (!nations.has(code))
        ctx.addIssue({ code: 'custom', path, message: `nation ${code} is not listed in nations` });
    };
    const checkUnique = (ids: string[], what: string) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [what, i, 'id'], message: `duplicate id ${id}` });
        seen.add(id);
      });
    };
    s.sectors.forEach((x, i) => checkNation(x.nation, ['sectors', i, 'nation']));
    s.defendedAssets.forEach((x, i) => checkNation(x.nation, ['defendedAssets', i, 'nation']));
    s.sensors.forEach((x, i) => checkNation(x.nation, ['sensors', i, 'nation']));
    s.effectors.forEach((x, i) => checkNation(x.nation, ['effectors', i, 'nation']));
    s.airspace.forEach((x, i) => checkNation(x.nation, ['airspace', i, 'nation']));
    s.spectrum.assignments.forEach((x, i) => {
      checkNation(x.nation, ['spectrum', 'assignments', i, 'nation']);
      if (x.tiedReservation && !s.airspace.some((r) => r.id === x.tiedReservation && r.nation === x.nation))
        ctx.addIssue({
          code: 'custom',
          path: ['spectrum', 'assignments', i, 'tiedReservation'],
          message: `no reservation ${x.tiedReservation} of ${x.nation}`,
        });
    });
    s.spectrum.restricted.forEach((x, i) => checkNation(x.nation, ['spectrum', 'restricted', i, 'nation']));
    for (const [what, list] of [
      ['sectors', s.sectors],
      ['defendedAssets', s.defendedAssets],
      ['effectors', s.effectors],
      ['airspace', s.airspace],
      ['spectrum', s.spectrum.assignments],
      ['spectrum', s.spectrum.restricted],
    ] as const) {
      list.forEach((x, i) =>
        x.label?.releasableTo.forEach((n, j) => checkNation(n, [what, i, 'label', 'releasableTo', j])),
      );
    }
    s.raids.forEach((r, i) => {
      checkNation(r.trackedBy, ['raids', i, 'trackedBy']);
      r.label.releasableTo.forEach((n, j) => checkNation(n, ['raids', i, 'label', 'releasableTo', j]));
      Object.keys(r.assessments).forEach((n) => checkNation(n, ['raids', i, 'assessments', n]));
      if (r.loop && r.durationS === undefined) {
        ctx.addIssue({ code: 'custom', path: ['raids', i, 'durationS'], message: 'a looping raid needs durationS' });
      }
    });
    for (const [what, list] of [
      ['sectors', s.sectors],
      ['defendedAssets', s.defendedAssets],
      ['sensors', s.sensors],
      ['effectors', s.effectors],
      ['airspace', s.airspace],
      ['raids', s.raids],
      ['spectrum', s.spectrum.assignments],
      ['spectrum', s.spectrum.restricted],
    ] as const) {
      checkUnique(
        list.map((x) => x.id),
        what,
      );
    }
  });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;
