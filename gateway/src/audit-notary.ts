/**
 * The audit chain's notary: the gateway follows the audit chain (read-only) and signs checkpoints
 * of its head with its own Ed25519 key into TESSERA_AUDIT_ANCHORS, a stream only its NATS user may
 * publish into (the authority, the chain's writer, may not). `./tessera audit verify` then reports
 * a chain shorter than an anchor (a truncated tail) or one that differs at an anchored seq (a
 * rewritten tail). The pure parts are in @tessera/service-kit/audit (anchor.ts).
 */
import type { KeyObject } from 'node:crypto';
import { JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { AUDIT_ANCHOR_STREAM, AUDIT_STREAM, subjects } from '@tessera/schema';
import type { Clock, Logger, NatsLink } from '@tessera/service-kit';
import {
  AUDIT_ANCHOR_STREAM_CONFIG,
  anchorDue,
  checkStoredAnchor,
  continuationProblem,
  decodeAuditRecord,
  GENESIS_HASH,
  loadAuditKeys,
  readAuditStream,
  signAnchor,
  type AnchorCadence,
  type ChainPoint,
} from '@tessera/service-kit/audit';

export interface NotaryStatus {
  /** The last record the notary saw (seq 0 before the first). */
  head: ChainPoint;
  /** The last record it anchored (seq 0 before the first anchor). */
  anchored: ChainPoint;
  /** Set when the chain no longer continues what the notary saw or anchored: it anchors nothing more. */
  diverged?: string;
}

export interface AuditNotary {
  status(): NotaryStatus;
  stop(): Promise<void>;
}

/** Default cadence: every 10 records or 5 s after the first record not anchored yet, whichever first. */
export const DEFAULT_ANCHOR_CADENCE: AnchorCadence = { everyRecords: 10, everyMs: 5_000 };

export interface AuditNotaryDeps {
  link: NatsLink;
  logger: Logger;
  /** The notary's signing key (not the authority's). */
  privateKey: KeyObject;
  /** Its public key, to recognise its own last anchor after a restart. */
  publicKey: KeyObject;
  /** The notary's id: its NATS user, which alone may publish on subjects.auditAnchor(notary). */
  notary?: string;
  cadence?: AnchorCadence;
  /** How often it looks at the audit stream, ms. */
  pollMs?: number;
  clock?: Clock;
}

const isNotFound = (err: unknown) =>
  err instanceof JetStreamApiError &&
  (err.code === JetStreamApiCodes.StreamNotFound || err.code === JetStreamApiCodes.NoMessageFound);

export function startAuditNotary(deps: AuditNotaryDeps): AuditNotary {
  const notary = deps.notary ?? 'gateway';
  const cadence = deps.cadence ?? DEFAULT_ANCHOR_CADENCE;
  const now = () => deps.clock?.now() ?? Date.now();
  const log = deps.logger.child({ component: 'audit-notary' });
  const subject = subjects.auditAnchor(notary);

  let resumed = false;
  let head: ChainPoint = { seq: 0, hash: GENESIS_HASH };
  let anchored: ChainPoint = head;
  /** After resuming from an anchor: check once that the chain still holds it. */
  let checkAnchored = false;
  let pendingSinceMs: number | undefined;
  let diverged: string | undefined;
  let warned = false;
  let stopped = false;
  let running: Promise<void> | undefined;

  const diverge = (reason: string) => {
    diverged = reason;
    log.error(
      { head, anchored, reason },
      'the audit chain no longer continues what the notary anchored: anchoring stopped; run ./tessera audit verify',
    );
  };

  /** Create the anchor stream when missing (the launcher normally has), and continue after the notary's last anchor. */
  const resume = async () => {
    const jsm = await jetstreamManager(deps.link.nc);
    const info = await jsm.streams.info(AUDIT_ANCHOR_STREAM).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (!info)
      await jsm.streams.add({ ...AUDIT_ANCHOR_STREAM_CONFIG, subjects: [...AUDIT_ANCHOR_STREAM_CONFIG.subjects] });
    const last = await jsm.streams.getMessage(AUDIT_ANCHOR_STREAM, { last_by_subj: subject }).catch((err: unknown) => {
      if (isNotFound(err)) return null;
      throw err;
    });
    if (last) {
      const stored = checkStoredAnchor(last.seq, last.subject, last.data, deps.publicKey);
      if (stored.anchor) {
        head = anchored = { seq: stored.anchor.seq, hash: stored.anchor.hash };
        checkAnchored = true;
      } else {
        // Another key, or not the notary's: anchor the chain anew with this key (verify reports the old one).
        log.error(
          { streamSeq: stored.streamSeq, problem: stored.problem },
          "the notary's last anchor does not verify with its key; anchoring the chain anew",
        );
      }
    }
    resumed = true;
    log.info({ anchored, notary }, 'audit notary following the chain');
  };

  const step = async () => {
    if (!resumed) await resume();
    const jsm = await jetstreamManager(deps.link.nc);
    const lastSeq = (await jsm.streams.info(AUDIT_STREAM)).state.last_seq;
    if (lastSeq < head.seq) {
      diverge(`the audit chain ends at seq ${lastSeq}, the notary saw seq ${head.seq} (hash ${head.hash})`);
      return;
    }
    if (checkAnchored) {
      const m = await jsm.streams.getMessage(AUDIT_STREAM, { seq: anchored.seq });
      const hash = m ? decodeAuditRecord(m.seq, m.data).hash : 'nothing';
      if (hash !== anchored.hash) {
        diverge(`record ${anchored.seq} has hash ${hash}, the notary anchored ${anchored.hash}`);
        return;
      }
      checkAnchored = false;
    }
    if (lastSeq > head.seq) {
      for await (const record of readAuditStream(deps.link.nc, { fromSeq: head.seq + 1 })) {
        const problem = continuationProblem(head, record);
        if (problem) {
          diverge(problem);
          return;
        }
        head = { seq: record.seq, hash: record.hash };
        pendingSinceMs ??= now();
      }
    }
    if (!anchorDue(cadence, { head: head.seq, anchored: anchored.seq, pendingSinceMs, nowMs: now() })) return;
    const point = head;
    const anchor = signAnchor(
      { notary, seq: point.seq, hash: point.hash, at: new Date(now()).toISOString() },
      deps.privateKey,
    );
    await jetstream(deps.link.nc).publish(subject, JSON.stringify(anchor), { msgID: `anchor-${notary}-${point.seq}` });
    anchored = point;
    pendingSinceMs = undefined;
    log.debug({ seq: point.seq }, 'audit chain anchored');
  };

  const poll = () => {
    if (running || stopped || diverged !== undefined || !deps.link.connected()) return;
    running = step()
      .then(() => void (warned = false))
      .catch((err: unknown) => {
        if (!warned) log.warn({ err }, 'cannot anchor the audit chain yet');
        warned = true;
      })
      .finally(() => void (running = undefined));
  };
  const timer = setInterval(poll, deps.pollMs ?? 500);
  poll();

  return {
    status: () => ({ head, anchored, ...(diverged !== undefined ? { diverged } : {}) }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * The notary of a gateway started with AUDIT_ANCHOR_KEY_FILE and AUDIT_ANCHOR_PUBLIC_KEY_FILE (the
 * stack launcher passes both); without them the chain is not anchored, and the gateway says so.
 */
export function startAuditNotaryFromEnv(
  env: { AUDIT_ANCHOR_KEY_FILE?: string | undefined; AUDIT_ANCHOR_PUBLIC_KEY_FILE?: string | undefined },
  deps: { link: NatsLink; logger: Logger; clock?: Clock },
): AuditNotary | undefined {
  if (!env.AUDIT_ANCHOR_KEY_FILE || !env.AUDIT_ANCHOR_PUBLIC_KEY_FILE) {
    deps.logger.warn('no AUDIT_ANCHOR_KEY_FILE: the audit chain is not anchored (a truncated tail goes unnoticed)');
    return undefined;
  }
  const keys = loadAuditKeys(env.AUDIT_ANCHOR_KEY_FILE, env.AUDIT_ANCHOR_PUBLIC_KEY_FILE);
  return startAuditNotary({ ...deps, ...keys });
}
