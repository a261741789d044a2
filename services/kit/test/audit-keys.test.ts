import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureAuditKeyFiles, generateAuditKeys, loadAuditKeys, loadAuditPublicKey } from '../src/audit/index.ts';

/** The authority's audit key pair on disk, as the stack launcher makes it and the authority and the verifier read it. */
const tmp = mkdtempSync(join(tmpdir(), 'tessera-audit-keys-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('audit key files', () => {
  it('generates the pair once (private key mode 600), restores a lost public key, refuses a public key without its private key', () => {
    const dir = mkdtempSync(join(tmp, 'keys-'));
    const priv = join(dir, 'secrets', 'audit-ed25519.key');
    const pub = join(dir, 'secrets', 'audit-ed25519.pub');
    ensureAuditKeyFiles(priv, pub);
    expect(statSync(priv).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    const pair = loadAuditKeys(priv, pub);
    const pemBefore = readFileSync(priv, 'utf8');
    ensureAuditKeyFiles(priv, pub);
    expect(readFileSync(priv, 'utf8')).toBe(pemBefore);

    rmSync(pub);
    ensureAuditKeyFiles(priv, pub);
    expect(loadAuditPublicKey(pub).export({ format: 'pem', type: 'spki' })).toBe(
      pair.publicKey.export({ format: 'pem', type: 'spki' }),
    );

    writeFileSync(pub, generateAuditKeys().publicKeyPem);
    expect(() => loadAuditKeys(priv, pub)).toThrow(/is not the public key of/);
    rmSync(priv);
    expect(() => ensureAuditKeyFiles(priv, pub)).toThrow(/exists but its private key .* does not/);
  });
});
