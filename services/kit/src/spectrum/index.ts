/**
 * The spectrum interference engine every service shares (`@tessera/service-kit/spectrum`): the
 * DOMAIN.md "Spectrum" rule (guard bands, time overlap, radio horizon, EIRP − FSPL against the
 * victim's threshold), conflicts over an index by frequency, the restricted-list check of a jamming
 * request, and checked suggestions. Pure functions; the model and its decisions are in docs/spectrum.md.
 */
export { fsplDb, MIN_DISTANCE_KM, radioHorizonKm, receivedDbm } from './propagation.ts';
export { asFlown } from './tied.ts';
export { withProtectedBands } from './protected-bands.ts';
export { boxGapKm, locationDistanceKm, prepareLocation, type PreparedLocation } from './location.ts';
export {
  assignmentKey,
  findSpectrumConflicts,
  findSpectrumConflictsPairwise,
  interference,
  restrictedConflictId,
  restrictedHits,
  spectrumConflictId,
  spectrumConflictsWith,
  SpectrumIndex,
  type AssignmentVersion,
  type Interference,
  type InterferencePath,
  type SpectrumConflict,
  type SpectrumOptions,
} from './engine.ts';
export {
  jammingCheck,
  requestAsAssignment,
  type JammingCheck,
  type JammingRequest,
  type RestrictedHit,
} from './jamming.ts';
export {
  DEFAULT_RASTER_MHZ,
  POWER_EPSILON_DB,
  suggestChannel,
  suggestPowerReductions,
  suggestResolutions,
  suggestTimeSplits,
  type ChannelSuggestion,
  type PowerSuggestion,
  type SpectrumSuggestion,
  type TimeSplitSuggestion,
} from './suggest.ts';
