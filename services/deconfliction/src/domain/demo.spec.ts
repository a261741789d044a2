import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '@tessera/twin/scenario-file';
import { referenceData } from '@tessera/twin/reference';
import { createConflictTracker } from './conflict-tracker.ts';
import { seeded } from './reservations.ts';

/** A newcomer sees deconfliction in the first minute: the demo opens with a live conflict between two nations. */
describe('the demo scenario', () => {
  it("opens with POL's ROZ over UKR's transit corridor, and nothing else in conflict", async () => {
    const demo = await loadScenarioFile(fileURLToPath(import.meta.resolve('@tessera/twin/scenarios/demo.json')));
    const start = Date.UTC(2026, 10, 26, 12);
    const { volumes } = referenceData(demo, start);
    const changes = createConflictTracker().all(volumes.map(seeded), new Map(), start + 60_000);
    expect(
      changes.map(({ action, conflict }) => [
        action,
        conflict.parties,
        conflict.sides.map((s) => s.id),
        conflict.region?.floorM,
        conflict.region?.ceilingM,
      ]),
    ).toEqual([['CONFLICT_DETECTED', ['POL', 'UKR'], ['pol-roz-hrubieszow', 'ukr-corridor-volyn'], 300, 1500]]);
    // Both sides are releasable to both nations: each liaison sees the whole conflict.
    expect(changes[0]!.conflict.label).toMatchObject({ originator: 'POL', releasableTo: ['UKR'] });
  });
});
