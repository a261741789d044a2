import { z } from 'zod';
import { Timestamp } from './provenance.ts';

export const MAX_TIME_SCALE = 1000;

/** Requests on `subjects.twinControl`. */
export const TwinControlRequest = z.discriminatedUnion('command', [
  z.object({ command: z.literal('status') }),
  z.object({ command: z.literal('pause') }),
  z.object({ command: z.literal('resume') }),
  z.object({ command: z.literal('reset') }),
  z.object({ command: z.literal('setTimeScale'), timeScale: z.number().positive().max(MAX_TIME_SCALE) }),
]);
export type TwinControlRequest = z.infer<typeof TwinControlRequest>;

export const TwinStatus = z.object({
  scenario: z.string(),
  seed: z.number().int(),
  paused: z.boolean(),
  timeScale: z.number().positive(),
  /** Scenario seconds since start (or last reset). */
  elapsedS: z.number().min(0),
  scenarioTime: Timestamp,
  activeTracks: z.number().int().min(0),
});
export type TwinStatus = z.infer<typeof TwinStatus>;

export const TwinControlReply = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), status: TwinStatus }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type TwinControlReply = z.infer<typeof TwinControlReply>;
