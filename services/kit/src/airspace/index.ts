/**
 * The airspace geometry every service shares (`@tessera/service-kit/airspace`): which volume holds a
 * point, the 4D overlap of two volumes, conflicts between reservations over a spatial index, and an
 * engagement against no-fire areas, corridors and friendlies. One implementation for the authority,
 * the interceptor and the deconfliction service. Pure functions; the geometric model and its error bounds are in footprint.ts.
 */
export { sectorAt, volumeContains } from './volume.ts';
export {
  areaContains,
  bboxOf,
  CIRCLE_RADIAL_ERROR,
  CIRCLE_SEGMENTS,
  distanceToAreaM,
  distanceToPathM,
  footprintArea,
  pathOverArea,
  polygonOf,
  polygonsOf,
  type Area,
  type FootprintShape,
} from './footprint.ts';
export { clipCounts } from './clip.ts';
export {
  AREA_EPSILON_M2,
  inForceAt,
  isLive,
  MAX_OUTLINE_POINTS,
  msOf,
  overlap4D,
  overlapDetail,
  overlapOf,
  prepare,
  prepareVolume,
  TOUCH_TOLERANCE_M,
  withinWindow,
  type Instant,
  type OverlapDetail,
  type PreparedVolume,
  type Volume4D,
} from './overlap.ts';
export {
  conflictId,
  conflictsWith,
  findConflicts,
  findConflictsPairwise,
  ReservationIndex,
  reservationKey,
  SEVERITY_SHARES,
  severityOf,
  type AirspaceConflict,
  type ConflictOptions,
  type ReservationVersion,
} from './conflicts.ts';
export {
  countsAgainstEngagements,
  distanceToVolumeM,
  engagementClearances,
  engagementConflicts,
  type Clearance,
  type ClearanceFacts,
  type EngagementGeometry,
  type FriendlyPosition,
} from './engagement.ts';
