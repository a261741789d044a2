/**
 * Trains the threat classifier on twin data and writes the model file and its model card.
 *   pnpm --filter @tessera/detector train [-- --version 1.1.0]
 * Train seed and held-out seed differ: the metrics are measured on flights the model never saw.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RandomForestClassifier } from 'ml-random-forest';
import { CLASSIFIED_KINDS } from '@tessera/schema';
import { FEATURES } from '../src/domain/features.ts';
import { loadClassifier, ModelFile } from '../src/domain/classifier.ts';
import { DEFAULT_DATASET, evaluate, twinDataset } from '../src/training/dataset.ts';
import { MODEL_CARD_PATH, MODEL_PATH, modelCard, TEST_SEED, TRAIN_SEED } from '../src/training/model-card.ts';

const { values } = parseArgs({
  options: { version: { type: 'string', default: '1.0.0' }, trees: { type: 'string', default: '30' } },
});

const started = performance.now();
const train = twinDataset(TRAIN_SEED);
const test = twinDataset(TEST_SEED);
const classes = [...CLASSIFIED_KINDS];
console.log(
  `dataset: ${train.length} training samples (seed ${TRAIN_SEED}), ${test.length} held-out samples (seed ${TEST_SEED})`,
);

const forest = new RandomForestClassifier({
  nEstimators: Number(values.trees),
  maxFeatures: 1.0,
  replacement: true,
  useSampleBagging: true,
  noOOB: true,
  seed: 7,
  treeOptions: { maxDepth: 12, minNumSamples: 3 },
});
forest.train(
  train.map((s) => s.features),
  train.map((s) => classes.indexOf(s.kind as (typeof classes)[number])),
);

const typical = FEATURES.map((_, i) => {
  const xs = train.map((s) => s.features[i]!).sort((a, b) => a - b);
  return xs[xs.length >> 1]!;
});
const draft = {
  format: 'tessera-random-forest/1' as const,
  name: 'threat-classifier',
  version: values.version,
  trainedAt: new Date().toISOString(),
  features: FEATURES.map((f) => f.name),
  classes,
  typical,
  forest: forest.toJSON() as unknown as Record<string, unknown>,
  metrics: {
    trainSamples: train.length,
    testSamples: 0,
    trainSeed: TRAIN_SEED,
    testSeed: TEST_SEED,
    accuracy: 0,
    perClass: [],
    confusion: [],
  },
};
const metrics = { ...draft.metrics, ...evaluate(loadClassifier(draft), test, classes) };
const file = ModelFile.parse({ ...draft, metrics });
writeFileSync(MODEL_PATH, JSON.stringify(file));
writeFileSync(MODEL_CARD_PATH, modelCard(file, DEFAULT_DATASET));
console.log(
  `held-out accuracy ${(metrics.accuracy * 100).toFixed(1)} %; wrote ${MODEL_PATH} and ${MODEL_CARD_PATH} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
