import {
  AnomalyEvent,
  DetectionBatch,
  NationCode,
  TrackBatch,
  anomalyEventProblems,
  detectionBatchProblems,
  subjects,
  type Parsed,
} from '@tessera/schema';
import type { z } from 'zod';
import { parseJson } from './subscribe.ts';

/**
 * The one way every service reads a nation's feed from NATS: decode, validate against the contract
 * (which refuses a batch touching another nation's tracks) and check the subject is the one of the
 * nation the message is about. Never throws: each is the `parse` of a subscribeParsed, which rejects
 * a refused message with its Rejector (counted, logged, dead-lettered) and uses nothing of it.
 */

/**
 * A track batch from `subject`: valid only if it is a TrackBatch (whose upserts and removals are all
 * its source nation's own tracks) and arrived on `subjects.trackBatch(source.nation)`.
 */
export function parseTrackBatch(subject: string, data: Uint8Array): Parsed<TrackBatch> {
  const parsed = parseJson(TrackBatch, data);
  if (!parsed.ok) return parsed;
  if (subject !== subjects.trackBatch(parsed.value.source.nation))
    return { ok: false, error: `batch of ${parsed.value.source.nation} published on ${subject}` };
  return parsed;
}

/** The nation `subject` is for when it is `subjectOf(nation)`, else null. */
function nationOfSubject(subject: string, subjectOf: (nation: string) => string): string | null {
  const nation = subject.slice(subject.lastIndexOf('.') + 1);
  return NationCode.safeParse(nation).success && subjectOf(nation) === subject ? nation : null;
}

/** A message on `subjectOf(nation)`, valid only if `problemsOf(nation, value)` finds nothing (it touches only that nation's tracks). */
function parseForNation<T>(
  subject: string,
  data: Uint8Array,
  subjectOf: (nation: string) => string,
  kind: string,
  schema: z.ZodType<T>,
  problemsOf: (nation: string, value: T) => string | null,
): Parsed<{ nation: string; value: T }> {
  const nation = nationOfSubject(subject, subjectOf);
  if (nation === null) return { ok: false, error: `${subject} is not a nation's ${kind} subject` };
  const parsed = parseJson(schema, data);
  if (!parsed.ok) return parsed;
  const problems = problemsOf(nation, parsed.value);
  return problems ? { ok: false, error: problems } : { ok: true, value: { nation, value: parsed.value } };
}

/**
 * A detection batch from `subject`, which must be `subjects.detections(nation)`: valid only if every
 * detection it adds or removes is about one of `nation`'s tracks (detectionBatchProblems).
 */
export function parseDetectionBatch(
  subject: string,
  data: Uint8Array,
): Parsed<{ nation: string; batch: DetectionBatch }> {
  const parsed = parseForNation(
    subject,
    data,
    subjects.detections,
    'detection',
    DetectionBatch,
    detectionBatchProblems,
  );
  return parsed.ok ? { ok: true, value: { nation: parsed.value.nation, batch: parsed.value.value } } : parsed;
}

/** An anomaly event from `subject`, which must be `subjects.anomalies(nation)`, about one of `nation`'s tracks. */
export function parseAnomalyEvent(subject: string, data: Uint8Array): Parsed<{ nation: string; event: AnomalyEvent }> {
  const parsed = parseForNation(subject, data, subjects.anomalies, 'anomaly', AnomalyEvent, anomalyEventProblems);
  return parsed.ok ? { ok: true, value: { nation: parsed.value.nation, event: parsed.value.value } } : parsed;
}
