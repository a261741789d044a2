import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseWith } from '@tessera/schema';
import { loadClassifier, ModelFile, type Classifier } from './domain/classifier.ts';

/** The committed model (services/detector/model/threat-classifier.json): what the detector loads by default. */
export const MODEL_PATH = fileURLToPath(new URL('../model/threat-classifier.json', import.meta.url));

/** Read, validate and load the model file; a bad file says which file and why. */
export function loadModelFile(path: string): Classifier {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read the model: ${(err as Error).message}`, { cause: err });
  }
  const parsed = parseWith(ModelFile, json);
  if (!parsed.ok) throw new Error(`${path}: not a Tessera model file: ${parsed.error}`);
  return loadClassifier(parsed.value);
}
