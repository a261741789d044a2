import {
  AnomalyEvent,
  DetectionBatch,
  NationCode,
  TrackBatch,
  anomalyEventProblems,
  detectionBatchProblems,
  parseWith,
  subjects,
  type Parsed,
} from '@tessera/schema';
import { decodeJson } from './dead-letter.ts';

/**
 * The one way every service reads a nation's feed from NATS: decode, validate against the contract
 * (which refuses a batch touching another nation's tracks) and check the subject is the one of the
 * nation the message is about. Never throws: on error the caller rejects the message with its
 * Rejector (counted, logged, dead-lettered) and uses nothing of it.
 */

/**
 * A track batch from `subject`: valid only if it is a TrackBatch (whose upserts and removals are all
 * its source nation's own tracks) and arrived on `subjects.trackBatch(source.nation)`.
 */
export function parseTrackBatch(subject: string, data: Uint8Array): Parsed<TrackBatch> {
  const decoded = decodeJson(data);
  const parsed = decoded.ok ? parseWith(TrackBatch, decoded.value) : decoded;
  if (!parsed.ok) return parsed;
  if (subject !== subjects.trackBatch(parsed.value.source.nation)) return { ok: false, error: `batch of ${parsed.value.source.nation} published on ${subject}` };
  return parsed;
}

/** The nation `subject` is for when it is `subjectOf(nation)`, else null. */
function nationOfSubject(subject: string, subjectOf: (nation: string) => string): string | null {
  const nation = subject.slice(subject.lastIndexOf('.') + 1);
  return NationCode.safeParse(nation).success && subjectOf(nation) === subject ? nation : null;
}

/**
 * A detection batch from `subject`, which must be `subjects.detections(nation)`: valid only if every
 * detection it adds or removes is about one of `nation`'s tracks (detectionBatchProblems).
 */
export function parseDetectionBatch(subject: string, data: Uint8Array): Parsed<{ nation: string; batch: DetectionBatch }> {
  const nation = nationOfSubject(subject, subjects.detections);
  if (nation === null) return { ok: false, error: `${subject} is not a nation's detection subject` };
  const decoded = decodeJson(data);
  const parsed = decoded.ok ? parseWith(DetectionBatch, decoded.value) : decoded;
  if (!parsed.ok) return parsed;
  const problems = detectionBatchProblems(nation, parsed.value);
  return problems ? { ok: false, error: problems } : { ok: true, value: { nation, batch: parsed.value } };
}

/** An anomaly event from `subject`, which must be `subjects.anomalies(nation)`, about one of `nation`'s tracks. */
export function parseAnomalyEvent(subject: string, data: Uint8Array): Parsed<{ nation: string; event: AnomalyEvent }> {
  const nation = nationOfSubject(subject, subjects.anomalies);
  if (nation === null) return { ok: false, error: `${subject} is not a nation's anomaly subject` };
  const decoded = decodeJson(data);
  const parsed = decoded.ok ? parseWith(AnomalyEvent, decoded.value) : decoded;
  if (!parsed.ok) return parsed;
  const problems = anomalyEventProblems(nation, parsed.value);
  return problems ? { ok: false, error: problems } : { ok: true, value: { nation, event: parsed.value } };
}
