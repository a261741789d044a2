/** The chaos run's report as printed by `./tessera chaos` and the CI test. */
import type { ChaosReport } from './run.ts';

export function formatReport(r: ChaosReport): string {
  const lines = [
    '',
    `Chaos run, seed ${r.seed}: ${r.kills.length} kills in ${r.durationS} s`,
    '',
    '  process        kills   back p50   back max',
    ...r.resume.map(
      (k) =>
        `  ${k.kind.padEnd(14)} ${String(k.kills).padStart(5)} ${`${k.p50Ms} ms`.padStart(10)} ${`${k.maxMs} ms`.padStart(10)}`,
    ),
    '',
    `  live streams after a gateway kill: ${gatewayLines(r, 'streamsBackAt')}`,
    `  browser page after a gateway kill: ${gatewayLines(r, 'pageBackAt')}`,
    `  stream reconnections: ${r.streamReconnections}`,
    `  requests: ${r.requests}; decisions confirmed ${r.decisions.ok} (verified in state and audit: ${r.decisions.verified}), refused ${r.decisions.refused}, answers lost (asked again) ${r.decisions.unknown}`,
    `  engagements executed: ${r.executions}; liaison edits confirmed: ${r.liaisonEdits}`,
    `  audit chain: ${r.auditRecords} records; ./tessera audit verify: ${r.auditVerify}`,
    `  stack log: ${r.logFile}`,
    '',
    r.violations.length === 0
      ? 'PASS: 0 invariant violations'
      : `FAIL: ${r.violations.length} invariant violations\n${r.violations.map((v) => `  - ${v}`).join('\n')}`,
    '',
  ];
  return lines.join('\n');
}

function gatewayLines(r: ChaosReport, field: 'streamsBackAt' | 'pageBackAt'): string {
  const ms = r.kills
    .filter((k) => k.kind === 'gateway' && k.backAt !== undefined && k[field] !== undefined)
    .map((k) => Math.max(0, k[field]! - k.backAt!))
    .sort((a, b) => a - b);
  if (ms.length === 0) return 'not measured';
  return `${ms.length} times, p50 ${ms[Math.floor((ms.length - 1) / 2)]} ms, max ${ms[ms.length - 1]} ms after the gateway was back`;
}
