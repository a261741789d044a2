import { z } from 'zod';
import { Classification, NationCode } from './label.ts';

export const ROLES = ['WATCH_OFFICER', 'COMMANDER', 'LIAISON', 'ADMIN'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1-64 lower-case letters, digits or ._-');

/** A user as the rest of the system sees it (never with a password hash). */
export const User = z
  .object({
    username: Username,
    displayName: z.string().min(1).max(120),
    /** Null only for ADMIN, the one role not bound to a nation. */
    nation: NationCode.nullable(),
    roles: z.array(Role).min(1),
    clearance: Classification,
  })
  .refine((u) => u.nation !== null || u.roles.every((r) => r === 'ADMIN'), {
    message: 'only ADMIN users may be without a nation',
    path: ['nation'],
  });
export type User = z.infer<typeof User>;

/** scrypt$<N>$<r>$<p>$<salt base64>$<key base64> */
export const PasswordHash = z
  .string()
  .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'must be scrypt$N$r$p$salt$key');

export const UsersFile = z.object({
  users: z
    .array(z.intersection(User, z.object({ passwordHash: PasswordHash })))
    .min(1)
    .refine((us) => new Set(us.map((u) => u.username)).size === us.length, 'usernames must be unique'),
});
export type UsersFile = z.infer<typeof UsersFile>;
export type StoredUser = UsersFile['users'][number];
