import { CLASSIFIED_KINDS, type Track, type TrackKind } from '@tessera/schema';
import { createSimulation } from '@tessera/twin/simulation';
import { trainingScenario } from '@tessera/twin/training';
import { FEATURES, NO_RCS_DBSM, featuresOf, reportOf, type Report } from '../domain/features.ts';
import type { Classifier, ModelMetrics } from '../domain/classifier.ts';

export interface Sample {
  trackId: string;
  features: number[];
  kind: TrackKind;
}

export interface DatasetOptions {
  flightsPerKind: number;
  /** Samples taken per flight, spread over its reports (the first ones included: live tracks start short). */
  samplesPerFlight: number;
  maxFlightS: number;
}

export const DEFAULT_DATASET: DatasetOptions = { flightsPerKind: 100, samplesPerFlight: 6, maxFlightS: 600 };

/**
 * Labelled samples from the digital twin: a generated scenario of every kind, simulated with sensor
 * noise, coverage and timing; each sample is the feature vector of a track's recent reports, labelled
 * with the true kind of the object. Another seed gives other flights, routes, speeds and sensors.
 */
export function twinDataset(seed: number, opts: DatasetOptions = DEFAULT_DATASET): Sample[] {
  const scenario = trainingScenario(seed, { flightsPerKind: opts.flightsPerKind, maxFlightS: opts.maxFlightS });
  const sim = createSimulation(scenario, 0);
  const reports = new Map<string, { kind: TrackKind; history: Report[] }>();
  for (const e of sim.advanceTo(opts.maxFlightS + 60)) {
    if (e.type !== 'report') continue;
    const t: Track = e.track;
    const entry = reports.get(t.id) ?? { kind: t.kind, history: [] };
    entry.history.push(reportOf(t));
    reports.set(t.id, entry);
  }
  const samples: Sample[] = [];
  for (const [trackId, { kind, history }] of reports) {
    const n = Math.min(opts.samplesPerFlight, history.length);
    // Two early samples (1 and 3 reports), the rest evenly over the flight.
    const ends = new Set<number>([1, Math.min(3, history.length)]);
    for (let i = 0; ends.size < n && i < n; i++) ends.add(Math.max(1, Math.round(((i + 1) * history.length) / n)));
    for (const end of ends) samples.push({ trackId, features: featuresOf(history.slice(0, end)), kind });
  }
  return samples;
}

/** Accuracy, per-class precision/recall and confusion matrix of a classifier on labelled samples. */
export function evaluate(
  classifier: Classifier,
  samples: readonly Sample[],
  classes: readonly TrackKind[] = CLASSIFIED_KINDS,
): Omit<ModelMetrics, 'trainSamples' | 'trainSeed' | 'testSeed'> {
  const index = new Map(classes.map((k, i) => [k, i]));
  const confusion = classes.map(() => classes.map(() => 0));
  let correct = 0;
  const rcsAt = FEATURES.findIndex((f) => f.name === 'radar cross-section');
  const sensing = { withRcs: { correct: 0, samples: 0 }, withoutRcs: { correct: 0, samples: 0 } };
  for (const s of samples) {
    const predicted = classifier.classify(s.features).top;
    confusion[index.get(s.kind)!]![index.get(predicted)!]! += 1;
    if (predicted === s.kind) correct++;
    const group = s.features[rcsAt] === NO_RCS_DBSM ? sensing.withoutRcs : sensing.withRcs;
    group.samples++;
    if (predicted === s.kind) group.correct++;
  }
  const share = (g: { correct: number; samples: number }) => ({
    accuracy: g.samples ? g.correct / g.samples : 0,
    samples: g.samples,
  });
  const perClass = classes.map((kind, i) => {
    const tp = confusion[i]![i]!;
    const support = confusion[i]!.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, row) => a + row[i]!, 0);
    return { kind, precision: predicted ? tp / predicted : 0, recall: support ? tp / support : 0, support };
  });
  return {
    testSamples: samples.length,
    accuracy: samples.length ? correct / samples.length : 0,
    bySensing: { withRcs: share(sensing.withRcs), withoutRcs: share(sensing.withoutRcs) },
    perClass,
    confusion,
  };
}
