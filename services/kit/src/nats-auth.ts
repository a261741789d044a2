import type { NatsPermissions } from '@tessera/schema';

export interface NatsUser {
  user: string;
  password: string;
  permissions: NatsPermissions;
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
            publish: { allow: u.permissions.publish, ...(u.permissions.denyPublish?.length ? { deny: u.permissions.denyPublish } : {}) },
            subscribe: { allow: u.permissions.subscribe },
            ...(u.permissions.respond ? { allow_responses: true } : {}),
          },
        })),
      },
    },
    null,
    2,
  );
}
