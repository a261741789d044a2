// Detector cost per track report (demo scenario through the twin): features, classification,
// explanation, path prediction, threat and plausibility checks, i.e. what the service does per
// report besides NATS. Prints reports/s on one core and per-report latency percentiles.
import { fileURLToPath } from 'node:url';
import { createSimulation } from '@tessera/twin/simulation';
import { loadScenarioFile } from '@tessera/twin/scenario-file';
import { checkPlausibility } from '../src/domain/anomaly.ts';
import { featuresOf, reportOf, type Report } from '../src/domain/features.ts';
import { methodFor, predict, threatsTo, type Asset } from '../src/domain/prediction.ts';
import { loadModelFile, MODEL_PATH } from '../src/model-file.ts';

const scenario = await loadScenarioFile(fileURLToPath(import.meta.resolve('@tessera/twin/scenarios/demo.json')));
const classifier = loadModelFile(MODEL_PATH);
const assets: Asset[] = scenario.defendedAssets.map((a) => ({
  id: a.id,
  name: a.name,
  lat: a.position.lat,
  lon: a.position.lon,
  radiusM: a.radiusM,
}));
const events = createSimulation(scenario, Date.now())
  .advanceTo(900)
  .filter((e) => e.type === 'report');

for (const explain of [true, false]) {
  const histories = new Map<string, Report[]>();
  const latencies: number[] = [];
  const t0 = performance.now();
  for (const e of events) {
    const start = performance.now();
    const h = histories.get(e.track.id) ?? [];
    h.push(reportOf(e.track));
    if (h.length > 24) h.shift();
    histories.set(e.track.id, h);
    checkPlausibility(h);
    const features = featuresOf(h);
    const result = classifier.classify(features);
    if (explain) classifier.explain(features, result);
    const last = h[h.length - 1]!;
    const method = methodFor(result.top, last.climbMps);
    predict(last, method, 600, 10);
    threatsTo(last, method, assets, 600);
    latencies.push(performance.now() - start);
  }
  const wallS = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.floor((latencies.length - 1) * p)]!.toFixed(2);
  console.log(
    `detector, demo 15 min (${events.length} reports)${explain ? '' : ' without explanation'}: ${(events.length / wallS).toFixed(0)} reports/s on one core, ` +
      `per report p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`,
  );
}
