/**
 * `./tessera chaos [--kills N] [--seed S] [--time-scale X] [--no-browser]`: a bounded fault-injection
 * run against the real stack (run.ts); prints every kill, the time to come back per process kind,
 * what was decided and verified, and every violation. Exit 0 when nothing was violated, 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { formatReport } from './report.ts';
import { runChaos } from './run.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '56' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    'time-scale': { type: 'string', default: '4' },
    'no-browser': { type: 'boolean', default: false },
    'pause-min': { type: 'string', default: '1000' },
    'pause-max': { type: 'string', default: '4000' },
  },
});

const report = await runChaos({
  kills: Number(values.kills),
  seed: Number(values.seed),
  timeScale: Number(values['time-scale']),
  browser: !values['no-browser'],
  pauseMs: [Number(values['pause-min']), Number(values['pause-max'])],
  log: (line) => process.stdout.write(`chaos: ${line}\n`),
});
process.stdout.write(formatReport(report));
process.exitCode = report.violations.length === 0 ? 0 : 1;
