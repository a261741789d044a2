import { readFile } from 'node:fs/promises';
import { Scenario } from '@tessera/schema';

export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
}

/** Read and validate a scenario file; a bad file names the file, the path of each bad field and why. */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ScenarioFileError(`${path}: cannot read: ${(err as Error).message}`, { cause: err });
  }
  return parseScenario(text, path);
}

export function parseScenario(text: string, path: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ScenarioFileError(`${path}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const result = Scenario.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${path}: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`,
    );
    throw new ScenarioFileError(problems.join('\n'));
  }
  return result.data;
}
