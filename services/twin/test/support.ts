import { fileURLToPath } from 'node:url';
import type { Label, Scenario } from '@tessera/schema';
import { loadScenarioFile } from '../src/scenario-file.ts';

/** What the twin's unit specs and its test over NATS share about the committed scenarios. */

/** A committed scenario (`scenarios/<name>.json`), loaded and validated as the twin loads it. */
export const loadScenario = (name: string): Promise<Scenario> =>
  loadScenarioFile(fileURLToPath(new URL(`../scenarios/${name}.json`, import.meta.url)));

/** The flights of test-small in the order they are planned, and how each ends within 10 scenario minutes. */
export const SMALL_ENDINGS: Record<string, string> = {
  'POL-pol-cap-01': 'LEFT',
  'POL-civil-01': 'LEFT',
  'POL-civil-02': 'LEFT',
  'UKR-owa-01': 'IMPACT',
  'UKR-owa-02': 'IMPACT',
  'UKR-owa-03': 'IMPACT',
  'UKR-heli-01': 'LANDED',
  'UKR-glide-01': 'IMPACT',
  'POL-stray-01': 'LOST',
  'POL-spoof-01': 'IMPACT',
};

/** The label every track of `raid` carries: the raid's, originated by the nation tracking it. */
export const raidLabel = (raid: Scenario['raids'][number]): Label => ({
  policy: raid.label.policy,
  classification: raid.label.classification,
  originator: raid.trackedBy,
  releasableTo: raid.label.releasableTo,
});
