import { describe, expect, it } from 'vitest';
import { PasswordHash } from '@tessera/schema';
import { hashPassword, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('are stored as salted scrypt hashes and verified', async () => {
    const a = await hashPassword('tessera');
    const b = await hashPassword('tessera');
    expect(PasswordHash.safeParse(a).success).toBe(true);
    expect(a).not.toBe(b); // salted
    expect(a).not.toContain('tessera');
    await expect(verifyPassword('tessera', a)).resolves.toBe(true);
    await expect(verifyPassword('Tessera', a)).resolves.toBe(false);
  });

  it('reject a malformed stored hash instead of throwing', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
  });
});
