import type { Alert, AlertAckReply, AlertAckRequest, AuthorityCommand, AuthorityReply, AuthorizationRequest, Detection, StandingReply, User } from '@tessera/schema';
import type { AuthorityFeed } from '../nats/authority-feed.ts';
import type { AuditFeed } from '../nats/audit-feed.ts';
import type { Clock } from '@tessera/service-kit';
import type { TokenIssuer } from '../auth/tokens.ts';
import type { UserDirectory } from '../auth/users.ts';
import type { LoginLimiter } from '../auth/login-limiter.ts';
import type { TrackHub } from '../picture/track-hub.ts';
import type { ReferenceFeed } from '@tessera/service-kit';
import type { KeyedHub } from '../picture/keyed-hub.ts';
import type { AnomalyLog } from '../picture/anomaly-log.ts';

/** Who is asking: a user, or why there is none. */
export type Caller = { ok: true; user: User; expiresAtMs: number } | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'unknown-user' };

export interface GraphQLContext {
  caller: Caller;
  hub: TrackHub;
  reference: ReferenceFeed;
  detections: KeyedHub<Detection>;
  alerts: KeyedHub<Alert>;
  anomalies: AnomalyLog;
  requests: KeyedHub<AuthorizationRequest>;
  authority: AuthorityFeed;
  audit: AuditFeed;
  /** Send a command to the authority service (the owner of authorization requests). */
  commandAuthority(command: AuthorityCommand): Promise<AuthorityReply>;
  /** Grant or revoke standing authority. */
  commandStanding(command: AuthorityCommand): Promise<StandingReply>;
  /** Ask the detector (the owner of alerts) to record an acknowledgement. */
  acknowledgeAlert(request: AlertAckRequest): Promise<AlertAckReply>;
  users: UserDirectory;
  tokens: TokenIssuer;
  clock: Clock;
  loginLimiter: LoginLimiter;
  /** Client address, for login rate limiting. */
  address: string;
}
