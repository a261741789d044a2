import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASSIFIED_KINDS, ExplanationFactor } from '@tessera/schema';
import { loadModelFile, MODEL_PATH } from '../model-file.ts';
import { twinDataset } from '../training/dataset.ts';
import { loadClassifier, ModelFile } from './classifier.ts';
import { FEATURES } from './features.ts';

const raw = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as ModelFile;
const classifier = loadModelFile(MODEL_PATH);

/** Unmistakable profiles, by feature name. */
const PROFILES: Record<string, Record<string, number>> = {
  // an airliner cruising at FL360
  FIXED_WING: {
    speed: 235,
    altitude: 11_000,
    climb: 0,
    'flight path angle': 0,
    'turn rate': 0.2,
    acceleration: 0,
    'speed variation': 4,
    'track speed': 235,
    'radar cross-section': 20,
  },
  // a glide bomb: 230 m/s descending 30 m/s from 8 km (flight path -7.4°)
  GLIDE_BOMB: {
    speed: 230,
    altitude: 8_000,
    climb: -30,
    'flight path angle': -7.43,
    'turn rate': 0.3,
    acceleration: 0,
    'speed variation': 4,
    'track speed': 232,
    'radar cross-section': -8,
  },
  // a balloon drifting at 9 m/s, 3 km up
  BALLOON: {
    speed: 9,
    altitude: 3_000,
    climb: 0,
    'flight path angle': 0,
    'turn rate': 2,
    acceleration: 0,
    'speed variation': 10,
    'track speed': 9,
    'radar cross-section': -3,
  },
  // a ballistic missile: 1500 m/s falling from 25 km
  BALLISTIC: {
    speed: 1_500,
    altitude: 25_000,
    climb: -600,
    'flight path angle': -21.8,
    'turn rate': 0,
    acceleration: 0,
    'speed variation': 2,
    'track speed': 1_500,
    'radar cross-section': -5,
  },
};

/** A profile's feature vector in FEATURES order; a feature the profile has no value for is an error (add one). */
function vector(kind: string): number[] {
  return FEATURES.map(({ name }) => {
    const v = PROFILES[kind]![name];
    if (v === undefined) throw new Error(`profile ${kind} has no value for feature "${name}"`);
    return v;
  });
}

describe('threat classifier (committed model)', () => {
  it('is the committed model, trained on the features the detector computes', () => {
    expect(classifier.model).toEqual({ name: raw.name, version: raw.version });
    expect(raw.features).toEqual(FEATURES.map((f) => f.name));
    expect([...raw.classes].sort()).toEqual([...CLASSIFIED_KINDS].sort());
    expect(raw.typical).toHaveLength(FEATURES.length);
  });

  it('gives every class a probability; they sum to 1, most probable first, the top one is the confidence', () => {
    const samples = twinDataset(42, { flightsPerKind: 4, samplesPerFlight: 3, maxFlightS: 300 });
    expect(samples.length).toBeGreaterThan(40);
    for (const s of [...samples.map((x) => x.features), ...Object.keys(PROFILES).map(vector)]) {
      const r = classifier.classify(s);
      expect(r.probabilities.map((p) => p.kind).sort()).toEqual([...raw.classes].sort());
      expect(r.probabilities.reduce((a, p) => a + p.probability, 0)).toBeCloseTo(1, 9);
      for (let i = 1; i < r.probabilities.length; i++)
        expect(r.probabilities[i - 1]!.probability).toBeGreaterThanOrEqual(r.probabilities[i]!.probability);
      expect(r.top).toBe(r.probabilities[0]!.kind);
      expect(r.confidence).toBe(r.probabilities[0]!.probability);
      for (const p of r.probabilities) expect(p.probability).toBeGreaterThanOrEqual(0);
    }
  });

  it.each(Object.keys(PROFILES))('recognises an unmistakable %s', (kind) => {
    const r = classifier.classify(vector(kind));
    expect(r.top).toBe(kind);
    expect(r.confidence).toBeGreaterThan(0.5);
  });

  it('explains a decision with weighted features: occlusion by the typical value, largest first', () => {
    const features = vector('GLIDE_BOMB');
    const r = classifier.classify(features);
    const factors = classifier.explain(features, r);
    expect(factors).toHaveLength(4); // default limit
    expect(classifier.explain(features, r, 8)).toHaveLength(8);
    for (const f of factors) {
      expect(ExplanationFactor.parse(f)).toEqual(f);
      const i = FEATURES.findIndex((x) => x.name === f.feature);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(f.unit).toBe(FEATURES[i]!.unit);
      expect(f.value).toBeCloseTo(features[i]!, 2);
      // the weight is the drop of the top class's probability with that one feature replaced by its typical value
      const occluded = classifier.classify(features.map((v, j) => (j === i ? raw.typical[i]! : v)));
      const p = occluded.probabilities.find((x) => x.kind === r.top)!.probability;
      expect(f.weight).toBeCloseTo(r.confidence - p, 3);
    }
    const weights = factors.map((f) => Math.abs(f.weight));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    // something drove it: a glide bomb is not a glide bomb at typical altitude, climb and speed
    expect(weights[0]).toBeGreaterThan(0);
  });

  it('a track that is typical in every feature has nothing to explain', () => {
    const r = classifier.classify(raw.typical);
    expect(classifier.explain(raw.typical, r, 8).map((f) => f.weight)).toEqual(Array(8).fill(0));
  });

  it('refuses a model trained on other features, saying so', () => {
    const renamed = { ...raw, features: raw.features.map((f) => (f === 'turn rate' ? 'heading change' : f)) };
    expect(() => loadClassifier(renamed)).toThrow(
      /threat-classifier .* was trained on other features \(.*heading change.*\); retrain it/,
    );
    const fewer = { ...raw, features: raw.features.slice(0, 7) };
    expect(() => loadClassifier(fewer)).toThrow(/trained on other features/);

    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    writeFileSync(join(dir, 'renamed.json'), JSON.stringify(renamed));
    expect(() => loadModelFile(join(dir, 'renamed.json'))).toThrow(/trained on other features/);
  });

  it('names the file and the problem when it is not a model file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-'));
    writeFileSync(join(dir, 'broken.json'), '{"format": ');
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ ...raw, format: 'sklearn/1' }));
    expect(() => loadModelFile(join(dir, 'broken.json'))).toThrow(/broken\.json: cannot read the model: /);
    expect(() => loadModelFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the model: .*ENOENT/);
    expect(() => loadModelFile(join(dir, 'other.json'))).toThrow(/other\.json: not a Tessera model file: .*format/);
  });
});
