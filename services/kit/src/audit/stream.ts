/**
 * The one definition of the audit stream, used by the authority's audit log and by the stack
 * launcher (scripts/stack.ts ensureStreams), so both create it with the same settings; and of the
 * stream of its anchors (the same settings, another subject), made by the launcher and the notary.
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
import { AUDIT_ANCHOR_STREAM, AUDIT_STREAM, subjects } from '@tessera/schema';

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

/**
 * The anchors of the audit chain (checkpoints signed by the notary): append-only exactly as the
 * chain itself, on the anchor subjects of every notary. Its duplicate window drops a retried anchor
 * ('anchor-<notary>-<seq>').
 */
export const AUDIT_ANCHOR_STREAM_CONFIG = {
  ...AUDIT_STREAM_CONFIG,
  name: AUDIT_ANCHOR_STREAM,
  subjects: [subjects.allAuditAnchors],
} satisfies Partial<StreamConfig>;

type AppendOnlyConfig = typeof AUDIT_STREAM_CONFIG | typeof AUDIT_ANCHOR_STREAM_CONFIG;

/** What an existing stream must have for the append-only promise to hold. */
function differences(config: StreamConfig, want: AppendOnlyConfig): string[] {
  const diffs: string[] = [];
  if (config.storage !== want.storage) diffs.push(`storage ${config.storage}`);
  if (config.retention !== want.retention) diffs.push(`retention ${config.retention}`);
  if (config.discard !== want.discard) diffs.push(`discard ${config.discard}`);
  if (config.subjects.length !== 1 || config.subjects[0] !== want.subjects[0])
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
 * Create an append-only stream if it is missing. An existing stream with weaker settings (e.g. made
 * by hand) is updated to these; one that cannot be (other storage, other retention) is refused loudly.
 */
async function ensureAppendOnlyStream(jsm: JetStreamManager, want: AppendOnlyConfig): Promise<void> {
  const name = want.name;
  const info = await jsm.streams.info(name).catch((err: unknown) => {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw err;
  });
  if (!info) {
    // A copy: nats.js writes into the config it is given (sources), and this one is shared.
    await jsm.streams.add({ ...want, subjects: [...want.subjects] });
    return;
  }
  const diffs = differences(info.config, want);
  if (diffs.length === 0) return;
  if (info.config.storage !== want.storage || info.config.retention !== want.retention) {
    throw new Error(`stream ${name} exists with settings that cannot be made append-only: ${diffs.join('; ')}`);
  }
  const updated = await jsm.streams.update(name, { ...info.config, ...want, subjects: [...want.subjects] });
  const left = differences(updated.config, want);
  if (left.length > 0) throw new Error(`stream ${name} is not append-only after an update: ${left.join('; ')}`);
}

/** Create the audit stream if it is missing, or make an existing one append-only (ensureAppendOnlyStream). */
export function ensureAuditStream(jsm: JetStreamManager): Promise<void> {
  return ensureAppendOnlyStream(jsm, AUDIT_STREAM_CONFIG);
}

/** Create the anchor stream if it is missing, or make an existing one append-only (ensureAppendOnlyStream). */
export function ensureAuditAnchorStream(jsm: JetStreamManager): Promise<void> {
  return ensureAppendOnlyStream(jsm, AUDIT_ANCHOR_STREAM_CONFIG);
}
