// Twin simulation cost: how much scenario time one core simulates per wall second (demo scenario).
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../src/scenario-file.ts';
import { createSimulation } from '../src/domain/simulation.ts';

const scenario = await loadScenarioFile(fileURLToPath(new URL('../scenarios/demo.json', import.meta.url)));
for (const stepS of [0.25, 1]) {
  const sim = createSimulation(scenario, Date.now());
  let reports = 0;
  const t0 = performance.now();
  for (let t = stepS; t <= 3600; t += stepS) for (const e of sim.advanceTo(t)) if (e.type === 'report') reports++;
  const wallS = (performance.now() - t0) / 1000;
  console.log(
    `twin demo scenario, 1 h simulated in ${stepS} s steps: ${wallS.toFixed(2)} s wall = ${(3600 / wallS).toFixed(0)}x real time, ` +
      `${reports} track reports (${(reports / wallS / 1000).toFixed(1)}k reports/s)`,
  );
}
