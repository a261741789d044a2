import {
  defaultTabooList,
  type AirspaceVolume,
  type EffectorRef,
  type Label,
  type OperationalArea,
  type RestrictedEntry,
  type Scenario,
  type SpectrumAssignment,
} from '@tessera/schema';

/** Owner of the protected bands of DOMAIN.md: the coalition itself (no user acts for it, so nobody edits them). */
export const COALITION = 'NAT';

type ScenarioLabel = { policy: string; classification: Label['classification']; releasableTo: string[] } | undefined;

/** A scenario object's label; unlabelled objects are UNCLASSIFIED and releasable to every scenario nation. */
function labelFor(scenario: Scenario, nation: string, label: ScenarioLabel): Label {
  return label
    ? {
        policy: label.policy,
        classification: label.classification,
        originator: nation,
        releasableTo: label.releasableTo,
      }
    : {
        policy: 'NATO',
        classification: 'UNCLASSIFIED',
        originator: nation,
        releasableTo: scenario.nations.map((n) => n.code).filter((c) => c !== nation),
      };
}

export interface ReferenceData {
  area: OperationalArea;
  volumes: AirspaceVolume[];
  effectors: EffectorRef[];
  /** The spectrum plan the deconfliction service takes over at first start. */
  assignments: SpectrumAssignment[];
  /** The protected bands (owned by the coalition, releasable to every nation) and the nations' own entries. */
  restricted: RestrictedEntry[];
}

/** The scenario's reference data as the COP draws it: operational area, sectors, defended assets, reservations; the effectors; the spectrum plan. */
export function referenceData(scenario: Scenario, startEpochMs: number): ReferenceData {
  const iso = (s: number) => new Date(startEpochMs + s * 1000).toISOString();
  const volumes: AirspaceVolume[] = [
    ...scenario.sectors.map((s): AirspaceVolume => ({
      id: s.id,
      name: `${s.nation} ${s.name}`,
      kind: 'SECTOR',
      nation: s.nation,
      label: labelFor(scenario, s.nation, s.label),
      outline: s.outline,
      floorM: s.floorM,
      ceilingM: s.ceilingM,
      wcs: s.wcs,
      version: 1,
    })),
    ...scenario.defendedAssets.map((a): AirspaceVolume => ({
      id: a.id,
      name: a.name,
      kind: 'DEFENDED_ASSET',
      nation: a.nation,
      label: labelFor(scenario, a.nation, a.label),
      circle: { center: a.position, radiusM: a.radiusM },
      floorM: 0,
      ceilingM: 3000,
      version: 1,
    })),
    ...scenario.airspace.map((r): AirspaceVolume => {
      const base = {
        id: r.id,
        name: r.name,
        kind: r.kind,
        nation: r.nation,
        label: labelFor(scenario, r.nation, r.label),
        floorM: r.floorM,
        ceilingM: r.ceilingM,
        validFrom: iso(r.startS),
        ...(r.endS !== undefined ? { validTo: iso(r.endS) } : {}),
        version: 1,
      };
      return r.circle ? { ...base, circle: r.circle } : { ...base, outline: r.outline! };
    }),
  ];
  const effectors = scenario.effectors.map((e): EffectorRef => ({
    id: e.id,
    nation: e.nation,
    kind: e.kind,
    position: e.position,
    rangeKm: e.rangeKm,
    speedMps: e.speedMps,
    probabilityOfKill: e.probabilityOfKill,
    label: labelFor(scenario, e.nation, e.label),
  }));
  const assignments = scenario.spectrum.assignments.map((a): SpectrumAssignment => ({
    id: a.id,
    nation: a.nation,
    system: a.system,
    use: a.use,
    lowMHz: a.lowMHz,
    highMHz: a.highMHz,
    ...(a.eirpDbm !== undefined ? { eirpDbm: a.eirpDbm } : {}),
    ...(a.thresholdDbm !== undefined ? { thresholdDbm: a.thresholdDbm } : {}),
    ...(a.tunable ? { tunable: a.tunable } : {}),
    location: a.location,
    ...(a.startS !== undefined ? { validFrom: iso(a.startS) } : {}),
    ...(a.endS !== undefined ? { validTo: iso(a.endS) } : {}),
    priority: a.priority,
    label: labelFor(scenario, a.nation, a.label),
    state: 'ACTIVE',
    version: 1,
    ...(a.tiedReservation ? { tiedReservation: { nation: a.nation, id: a.tiedReservation } } : {}),
  }));
  const restricted: RestrictedEntry[] = [
    ...defaultTabooList(
      COALITION,
      scenario.nations.map((n) => n.code),
    ),
    ...scenario.spectrum.restricted.map((r): RestrictedEntry => ({
      id: r.id,
      kind: r.kind,
      lowMHz: r.lowMHz,
      highMHz: r.highMHz,
      nation: r.nation,
      label: labelFor(scenario, r.nation, r.label),
      reason: r.reason,
      version: 1,
    })),
  ];
  return {
    area: {
      scenario: scenario.name,
      center: scenario.areaOfOperations.center,
      radiusKm: scenario.areaOfOperations.radiusKm,
      seed: scenario.seed,
    },
    volumes,
    effectors,
    assignments,
    restricted,
  };
}
