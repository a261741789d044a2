import { z } from 'zod';
import { Label, NationCode } from './label.ts';
import { Timestamp } from './provenance.ts';

export const VOLUME_KINDS = [
  'SECTOR',
  'ROZ',
  'NO_FIRE_AREA',
  'ENGAGEMENT_ZONE',
  'TRANSIT_CORRIDOR',
  'DEFENDED_ASSET',
] as const;
export const VolumeKind = z.enum(VOLUME_KINDS);
export type VolumeKind = z.infer<typeof VolumeKind>;

/** A reservation's life: asked for, in force (within its time window), ended (kept for the record). */
export const RESERVATION_STATES = ['PROPOSED', 'ACTIVE', 'ENDED'] as const;
export const ReservationState = z.enum(RESERVATION_STATES);
export type ReservationState = z.infer<typeof ReservationState>;

export const WeaponsControlStatus = z.enum(['HOLD', 'TIGHT', 'FREE']);
export type WeaponsControlStatus = z.infer<typeof WeaponsControlStatus>;

const GeoPoint = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

/** An outline polygon or a circle: the horizontal extent of a volume. */
export const Footprint = z.union([
  z.object({ outline: z.array(GeoPoint).min(3), circle: z.undefined().optional() }),
  z.object({
    circle: z.object({ center: GeoPoint, radiusM: z.number().positive() }),
    outline: z.undefined().optional(),
  }),
]);

/**
 * A 4D airspace volume as the COP draws it: sectors (with their weapons control status), defended
 * assets and reservations. ASTM F3548 Volume4D in shape; deconfliction builds on it later.
 */
export const AirspaceVolume = z.intersection(
  Footprint,
  z.object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(120),
    kind: VolumeKind,
    nation: NationCode,
    label: Label,
    floorM: z.number().min(-500),
    ceilingM: z.number(),
    /** Weapons control status; sectors only. */
    wcs: WeaponsControlStatus.optional(),
    validFrom: Timestamp.optional(),
    validTo: Timestamp.optional(),
    /** Absent: ACTIVE (scenario volumes); the deconfliction service sets it on every reservation. */
    state: ReservationState.optional(),
    /** Changes with every edit (a proposal names the versions it saw). */
    version: z.number().int().nonnegative(),
  }),
);
export type AirspaceVolume = z.infer<typeof AirspaceVolume>;

/** Where the scenario happens: the COP opens on it. */
export const OperationalArea = z.object({
  scenario: z.string(),
  center: GeoPoint,
  radiusKm: z.number().positive(),
  /** The scenario's random seed: services that draw chance outcomes use it, so runs are reproducible. */
  seed: z.number().int().optional(),
});
export type OperationalArea = z.infer<typeof OperationalArea>;

/** A volume's state: ACTIVE unless it says otherwise. */
export const reservationState = (v: Pick<AirspaceVolume, 'state'>): ReservationState => v.state ?? 'ACTIVE';
