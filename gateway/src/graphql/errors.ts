import { GraphQLError } from 'graphql';

/**
 * Every refusal is a GraphQLError with `extensions.code` from this list and a message a user can
 * act on; unexpected errors are masked by Yoga ("Unexpected error.") and never carry a stack.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  RATE_LIMITED: 'RATE_LIMITED',
  FORBIDDEN: 'FORBIDDEN',
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_ACKNOWLEDGED: 'ALREADY_ACKNOWLEDGED',
  UNAVAILABLE: 'UNAVAILABLE',
  REFUSED: 'REFUSED',
  /** The owning service (authority, deconfliction) did not answer in time: the command may or may not have been applied. */
  OUTCOME_UNKNOWN: 'OUTCOME_UNKNOWN',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function unauthenticated(reason: 'missing' | 'invalid' | 'expired' | 'unknown-user' | 'revoked'): GraphQLError {
  const message = {
    missing: 'Sign in first: this operation needs a token (Authorization: Bearer <token>).',
    invalid: 'Your token is not valid. Sign in again.',
    expired: 'Your session has expired. Sign in again.',
    'unknown-user': 'Your account no longer exists. Sign in again.',
    revoked: 'Your session was ended (you signed out, or an administrator ended it). Sign in again.',
  }[reason];
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, reason, http: { status: 401 } } });
}

export function badCredentials(): GraphQLError {
  return new GraphQLError('Wrong username or password.', {
    extensions: { code: ErrorCode.BAD_CREDENTIALS, http: { status: 401 } },
  });
}

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

export function rateLimited(retryAfterMs: number, what = 'failed sign-in attempts'): GraphQLError {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return new GraphQLError(`Too many ${what}. Try again in ${seconds} s.`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterS: seconds, http: { status: 429 } },
  });
}

export function subscriptionsOverWebSocketOnly(): GraphQLError {
  return new GraphQLError('Subscriptions are served over WebSocket only (graphql-transport-ws on this path).', {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });
}

export function tooManySubscriptions(limit: number): GraphQLError {
  return new GraphQLError(`At most ${limit} subscriptions per connection; close one first.`, {
    extensions: { code: ErrorCode.TOO_MANY_SUBSCRIPTIONS },
  });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
}

/** Also what a caller gets for something that exists but is not releasable to them: existence must not leak. */
export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function alreadyAcknowledged(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.ALREADY_ACKNOWLEDGED } });
}

export function unavailable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAVAILABLE, http: { status: 503 } } });
}

export function outcomeUnknown(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.OUTCOME_UNKNOWN, http: { status: 504 } } });
}

/**
 * The owning service refused: `rule` names the rule (e.g. WRONG_NATION, EXPIRED, ALREADY_DECIDED,
 * WCS_HOLD, STALE_VERSION); `extra` adds what the caller needs to act on it (e.g. `current` versions).
 */
export function refused(rule: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extra, code: ErrorCode.REFUSED, rule } });
}
