import { RandomForestClassifier } from 'ml-random-forest';
import { z } from 'zod';
import { TrackKind, type ExplanationFactor, type ModelRef } from '@tessera/schema';
import { FEATURES } from './features.ts';

/** Per-class precision and recall, and how the held-out set was classified. */
export const ModelMetrics = z.object({
  trainSamples: z.number().int(),
  testSamples: z.number().int(),
  trainSeed: z.number().int(),
  testSeed: z.number().int(),
  accuracy: z.number(),
  /** Accuracy on samples with and without a measured radar cross-section (passive / EO sensors only). */
  bySensing: z
    .object({
      withRcs: z.object({ accuracy: z.number(), samples: z.number().int() }),
      withoutRcs: z.object({ accuracy: z.number(), samples: z.number().int() }),
    })
    .optional(),
  perClass: z.array(
    z.object({ kind: TrackKind, precision: z.number(), recall: z.number(), support: z.number().int() }),
  ),
  /** confusion[i][j]: held-out samples of class i predicted as class j (classes order). */
  confusion: z.array(z.array(z.number().int())),
});
export type ModelMetrics = z.infer<typeof ModelMetrics>;

/** The committed model file: a random forest with what it needs to explain itself and its metrics. */
export const ModelFile = z.object({
  format: z.literal('tessera-random-forest/1'),
  name: z.string().min(1),
  version: z.string().min(1),
  trainedAt: z.string(),
  features: z.array(z.string()),
  classes: z.array(TrackKind).min(2),
  /** Median of each feature over the training set: the "typical value" explanations compare with. */
  typical: z.array(z.number()),
  forest: z.record(z.string(), z.unknown()),
  metrics: ModelMetrics,
});
export type ModelFile = z.infer<typeof ModelFile>;

export interface KindProbability {
  kind: TrackKind;
  probability: number;
}

export interface ClassifierResult {
  /** Every class, most probable first. */
  probabilities: KindProbability[];
  top: TrackKind;
  confidence: number;
}

export interface Classifier {
  readonly model: ModelRef;
  classify(features: readonly number[]): ClassifierResult;
  /**
   * Which features drove the decision: each feature in turn is replaced by its typical value and the
   * drop of the top class's probability is its weight (occlusion). Largest first, at most `limit`.
   */
  explain(features: readonly number[], result: ClassifierResult, limit?: number): ExplanationFactor[];
}

export function loadClassifier(file: ModelFile): Classifier {
  if (file.features.join('|') !== FEATURES.map((f) => f.name).join('|')) {
    throw new Error(
      `model ${file.name} ${file.version} was trained on other features (${file.features.join(', ')}); retrain it`,
    );
  }
  const forest = RandomForestClassifier.load(file.forest as never);
  const nClasses = file.classes.length;

  /** Vote shares of each class, per row. */
  function votes(rows: number[][]): number[][] {
    const values = forest.predictionValues(rows);
    const out: number[][] = [];
    for (let i = 0; i < values.rows; i++) {
      const row = values.getRow(i);
      const counts = new Array<number>(nClasses).fill(0);
      for (const v of row) counts[v as number]! += 1;
      out.push(counts.map((c) => c / row.length));
    }
    return out;
  }

  function resultOf(shares: number[]): ClassifierResult {
    const probabilities = shares
      .map((probability, i) => ({ kind: file.classes[i]!, probability }))
      .sort((a, b) => b.probability - a.probability);
    return { probabilities, top: probabilities[0]!.kind, confidence: probabilities[0]!.probability };
  }

  return {
    model: { name: file.name, version: file.version },
    classify: (features) => resultOf(votes([[...features]])[0]!),
    explain(features, result, limit = 4) {
      const topIndex = file.classes.indexOf(result.top);
      const rows = FEATURES.map((_, i) => features.map((v, j) => (j === i ? file.typical[i]! : v)));
      const shares = votes(rows);
      return FEATURES.map((f, i) => ({
        feature: f.name,
        value: Math.round(features[i]! * 100) / 100,
        unit: f.unit,
        weight: Math.round((result.confidence - shares[i]![topIndex]!) * 1000) / 1000,
      }))
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
        .slice(0, limit);
    },
  };
}
