import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenario, ScenarioFileError } from './scenario-file.ts';

const smallPath = fileURLToPath(new URL('../scenarios/test-small.json', import.meta.url));
const small = await loadScenarioFile(smallPath);

describe('scenario files', () => {
  it('load the shipped scenarios', async () => {
    expect(small.raids.length).toBeGreaterThan(0);
    await expect(
      loadScenarioFile(fileURLToPath(new URL('../scenarios/demo.json', import.meta.url))),
    ).resolves.toMatchObject({ name: 'demo-eastern-flank' });
  });

  it('name the file, the path of the bad field and why', () => {
    const bad = structuredClone(small) as unknown as { raids: { speedMps: number; trackedBy: string }[] };
    bad.raids[2]!.speedMps = -5;
    bad.raids[3]!.trackedBy = 'FRA';
    const attempt = () => parseScenario(JSON.stringify(bad), 'scenarios/bad.json');
    expect(attempt).toThrow(ScenarioFileError);
    expect(attempt).toThrow(/^scenarios\/bad\.json: raids\.2\.speedMps: Too small/m);
    expect(attempt).toThrow(/^scenarios\/bad\.json: raids\.3\.trackedBy: nation FRA is not listed in nations$/m);
  });

  it('report duplicate ids and a loop without an end', () => {
    const bad = structuredClone(small) as unknown as { raids: { id: string; loop: boolean; durationS?: number }[] };
    bad.raids[1]!.id = bad.raids[0]!.id;
    delete bad.raids[0]!.durationS;
    const attempt = () => parseScenario(JSON.stringify(bad), 'x.json');
    expect(attempt).toThrow(/x\.json: raids\.1\.id: duplicate id pol-cap/);
    expect(attempt).toThrow(/x\.json: raids\.0\.durationS: a looping raid needs durationS/);
  });

  it('say when a file is not JSON or cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    writeFileSync(join(dir, 'broken.json'), '{ "name": ');
    await expect(loadScenarioFile(join(dir, 'broken.json'))).rejects.toThrow(/broken\.json: not valid JSON/);
    await expect(loadScenarioFile(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: cannot read/);
  });
});
