import type { DecisionLimiter } from './decision-limiter.ts';
import type {
  AirspaceVolume,
  Alert,
  AlertAckReply,
  AlertAckRequest,
  Conflict,
  DeconflictionCommand,
  DeconflictionReply,
  GatewayCommand,
  AuthorityReply,
  AuthorizationRequest,
  Detection,
  Proposal,
  RestrictedEntry,
  StandingReply,
  User,
} from '@tessera/schema';
import type { AuthorityFeed } from '../nats/authority-feed.ts';
import type { AuditFeed } from '../nats/audit-feed.ts';
import type { Clock } from '@tessera/service-kit';
import type { Session, TokenIssuer } from '../auth/tokens.ts';
import type { UserDirectory } from '../auth/users.ts';
import type { LoginLimiter } from '../auth/login-limiter.ts';
import type { SessionRevocations } from '../auth/sessions.ts';
import type { TrackHub } from '../picture/track-hub.ts';
import type { ReferenceFeed } from '@tessera/service-kit';
import type { KeyedHub } from '../picture/keyed-hub.ts';
import type { AnomalyLog } from '../picture/anomaly-log.ts';
import type { AssignmentHub } from '../picture/assignment-hub.ts';

/** Who is asking: a user and their session (when its current token expires, when it ends for good), or why there is none. */
export type Caller =
  | { ok: true; user: User; session: Session; expiresAtMs: number; sessionEndsAtMs: number }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' | 'unknown-user' | 'revoked' };

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
  commandAuthority(command: GatewayCommand): Promise<AuthorityReply>;
  /** Grant or revoke standing authority. */
  commandStanding(command: GatewayCommand): Promise<StandingReply>;
  /** Ask the detector (the owner of alerts) to record an acknowledgement. */
  acknowledgeAlert(request: AlertAckRequest): Promise<AlertAckReply>;
  /** Reservations of the deconfliction service (its KV bucket), keyed NATION/id. */
  reservations: KeyedHub<AirspaceVolume>;
  /** Conflicts between reservations, as the deconfliction service found them. */
  conflicts: KeyedHub<Conflict>;
  /** Proposals to resolve them. */
  proposals: KeyedHub<Proposal>;
  /** Spectrum assignments of the deconfliction service, keyed NATION/id, with the engine's index over them. */
  assignments: AssignmentHub;
  /** The restricted frequency list as the deconfliction service keeps it, keyed NATION/id. */
  restricted: KeyedHub<RestrictedEntry>;
  /** The opaque id a restricted entry is shown under where it is withheld (access-spectrum.ts). */
  withheldEntryId(entry: Pick<RestrictedEntry, 'nation' | 'id'>): string;
  /** Send a person's airspace or spectrum command to the deconfliction service; throws when there is no usable answer. */
  commandDeconfliction(command: DeconflictionCommand): Promise<DeconflictionReply>;
  /** How fast one person may send airspace and spectrum commands (each costs an audit record). */
  airspaceLimiter: DecisionLimiter;
  users: UserDirectory;
  tokens: TokenIssuer;
  clock: Clock;
  loginLimiter: LoginLimiter;
  /** Sessions ended before their tokens expire (logout, revokeSessions). */
  sessions: SessionRevocations;
  /** How fast one person may send decisions (each costs a signed audit record). */
  decisionLimiter: DecisionLimiter;
  /** Client address, for login rate limiting. */
  address: string;
}
