import type { NatsPermissions } from '@tessera/schema';

export interface NatsUser {
  user: string;
  password: string;
  permissions: NatsPermissions;
}

/**
 * One direction of a user's permissions. nats-server reads an empty allow-list as "no restriction",
 * so nothing allowed is written as a deny of everything.
 */
function direction(allow: readonly string[], deny: readonly string[] = []) {
  if (allow.length === 0) return { deny: ['>'] };
  return { allow, ...(deny.length ? { deny } : {}) };
}

/**
 * nats-server configuration (its format accepts JSON) with one user per service and allow-lists of
 * subjects. Anything outside a user's lists is refused by the server.
 */
export function natsAuthConfig(users: readonly NatsUser[]): string {
  return JSON.stringify(
    {
      authorization: {
        users: users.map((u) => ({
          user: u.user,
          password: u.password,
          permissions: {
            publish: direction(u.permissions.publish, u.permissions.denyPublish),
            subscribe: direction(u.permissions.subscribe),
            ...(u.permissions.respond ? { allow_responses: true } : {}),
          },
        })),
      },
    },
    null,
    2,
  );
}
