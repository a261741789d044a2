import { readFileSync } from 'node:fs';
import { UsersFile, describeIssues, type StoredUser, type User } from '@tessera/schema';
import { DUMMY_HASH, verifyPassword } from './password.ts';

export interface UserDirectory {
  /** The user without the password hash, or undefined. */
  find(username: string): User | undefined;
  /** The user when the password matches; undefined otherwise (same timing for unknown users). */
  checkPassword(username: string, password: string): Promise<User | undefined>;
}

function publicUser({ passwordHash: _hash, ...user }: StoredUser): User {
  return user;
}

export function createUserDirectory(file: UsersFile): UserDirectory {
  const byName = new Map(file.users.map((u) => [u.username, u]));
  return {
    find(username) {
      const stored = byName.get(username);
      return stored && publicUser(stored);
    },
    async checkPassword(username, password) {
      const stored = byName.get(username);
      const ok = await verifyPassword(password, stored?.passwordHash ?? DUMMY_HASH);
      return ok && stored ? publicUser(stored) : undefined;
    },
  };
}

export function loadUserDirectory(path: string): UserDirectory {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read users file: ${(err as Error).message}`, { cause: err });
  }
  const parsed = UsersFile.safeParse(json);
  if (!parsed.success) throw new Error(`${path}: ${describeIssues(parsed.error)}`);
  return createUserDirectory(parsed.data);
}
