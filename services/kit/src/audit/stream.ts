/**
 * The one definition of the audit stream, used by the authority's audit log and by the stack
 * launcher (scripts/stack.ts ensureStreams), so both create it with the same settings.
 */
import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { AUDIT_STREAM, subjects } from '@tessera/schema';

/** How long JetStream remembers a msgID ('audit-<seq>') to drop a repeated publish. */
export const AUDIT_DUPLICATE_WINDOW_NS = 2 * 60 * 1e9;

/**
 * Append-only: file storage, no age/count/size limit (a full account refuses new records rather
 * than dropping old ones: discard new), deleting and purging messages refused by the server, no
 * roll-ups (a roll-up purges). Nothing is ever deleted.
 */
export const AUDIT_STREAM_CONFIG = {
  name: AUDIT_STREAM,
  subjects: [subjects.audit],
  storage: StorageType.File,
  retention: RetentionPolicy.Limits,
  discard: DiscardPolicy.New,
  max_age: 0,
  max_msgs: -1,
  max_bytes: -1,
  max_msgs_per_subject: -1,
  duplicate_window: AUDIT_DUPLICATE_WINDOW_NS,
  deny_delete: true,
  deny_purge: true,
  allow_rollup_hdrs: false,
  num_replicas: 1,
} satisfies Partial<StreamConfig>;

/** What an existing stream must have for the append-only promise to hold. */
function differences(config: StreamConfig): string[] {
  const want = AUDIT_STREAM_CONFIG;
  const diffs: string[] = [];
  if (config.storage !== want.storage) diffs.push(`storage ${config.storage}`);
  if (config.retention !== want.retention) diffs.push(`retention ${config.retention}`);
  if (config.discard !== want.discard) diffs.push(`discard ${config.discard}`);
  if (config.subjects.length !== 1 || config.subjects[0] !== subjects.audit)
    diffs.push(`subjects ${config.subjects.join(',')}`);
  for (const key of ['max_age', 'max_msgs', 'max_bytes', 'max_msgs_per_subject'] as const) {
    const limit = config[key];
    if (limit !== want[key] && !(key !== 'max_age' && limit <= 0)) diffs.push(`${key} ${limit}`);
  }
  if (!config.deny_delete) diffs.push('deny_delete off');
  if (!config.deny_purge) diffs.push('deny_purge off');
  if (config.allow_rollup_hdrs) diffs.push('roll-ups allowed');
  if (config.duplicate_window < want.duplicate_window)
    diffs.push(`duplicate_window ${config.duplicate_window / 1e9} s`);
  return diffs;
}

/**
 * Create the audit stream if it is missing. An existing stream with weaker settings (e.g. made by
 * hand) is updated to these; one that cannot be (other storage, other retention) is refused loudly.
 */
export async function ensureAuditStream(jsm: JetStreamManager): Promise<void> {
  const info = await jsm.streams.info(AUDIT_STREAM).catch((err: unknown) => {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw err;
  });
  if (!info) {
    // A copy: nats.js writes into the config it is given (sources), and this one is shared.
    await jsm.streams.add({ ...AUDIT_STREAM_CONFIG });
    return;
  }
  const diffs = differences(info.config);
  if (diffs.length === 0) return;
  if (info.config.storage !== AUDIT_STREAM_CONFIG.storage || info.config.retention !== AUDIT_STREAM_CONFIG.retention) {
    throw new Error(`stream ${AUDIT_STREAM} exists with settings that cannot be made append-only: ${diffs.join('; ')}`);
  }
  const updated = await jsm.streams.update(AUDIT_STREAM, { ...info.config, ...AUDIT_STREAM_CONFIG });
  const left = differences(updated.config);
  if (left.length > 0) throw new Error(`stream ${AUDIT_STREAM} is not append-only after an update: ${left.join('; ')}`);
}
