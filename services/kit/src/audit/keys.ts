/**
 * The authority's Ed25519 audit key pair on disk: generated once into .data/secrets by the stack
 * launcher, both keys read by the authority, the public key by `./tessera audit verify`.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { generateAuditKeys, privateKeyFromPem, publicKeyFromPem, publicKeyOf, samePublicKey } from './chain.ts';

export interface AuditKeys {
  /** Signs every record; only the authority service has it. */
  privateKey: KeyObject;
  /** Verifies the chain; anyone auditing may have it. */
  publicKey: KeyObject;
}

export const AUDIT_PRIVATE_KEY_NAME = 'audit-ed25519.key';
export const AUDIT_PUBLIC_KEY_NAME = 'audit-ed25519.pub';

/**
 * The notary's Ed25519 key pair (anchor.ts), another pair than the authority's: generated, kept and
 * loaded by the same functions, given to the gateway only; the public key verifies the anchors.
 */
export const AUDIT_ANCHOR_PRIVATE_KEY_NAME = 'audit-anchor-ed25519.key';
export const AUDIT_ANCHOR_PUBLIC_KEY_NAME = 'audit-anchor-ed25519.pub';

/**
 * Make sure the key pair exists: generate it when neither file does, restore a lost public key from
 * the private one. A public key without its private key is refused: a new pair would sign records
 * the kept public key cannot verify, so a person has to decide.
 */
export function ensureAuditKeyFiles(privateFile: string, publicFile: string): void {
  const hasPrivate = existsSync(privateFile);
  const hasPublic = existsSync(publicFile);
  if (!hasPrivate && hasPublic) {
    throw new Error(
      `${publicFile} exists but its private key ${privateFile} does not; restore the private key or move the public key away to start a new chain`,
    );
  }
  if (!hasPrivate) {
    mkdirSync(dirname(privateFile), { recursive: true, mode: 0o700 });
    mkdirSync(dirname(publicFile), { recursive: true, mode: 0o700 });
    const { privateKeyPem, publicKeyPem } = generateAuditKeys();
    writeFileSync(privateFile, privateKeyPem, { mode: 0o600, flag: 'wx' });
    writeFileSync(publicFile, publicKeyPem, { mode: 0o644, flag: 'wx' });
    return;
  }
  if ((statSync(privateFile).mode & 0o077) !== 0) chmodSync(privateFile, 0o600);
  if (!hasPublic) {
    const pem = publicKeyOf(privateKeyFromPem(readFileSync(privateFile, 'utf8')))
      .export({ format: 'pem', type: 'spki' })
      .toString();
    writeFileSync(publicFile, pem, { mode: 0o644, flag: 'wx' });
  }
}

/** Read the public key only (for verifying). */
export function loadAuditPublicKey(publicFile: string): KeyObject {
  return publicKeyFromPem(readFileSync(publicFile, 'utf8'));
}

/** Read the key pair and check that the two keys belong together. */
export function loadAuditKeys(privateFile: string, publicFile: string): AuditKeys {
  const privateKey = privateKeyFromPem(readFileSync(privateFile, 'utf8'));
  const publicKey = loadAuditPublicKey(publicFile);
  if (!samePublicKey(publicKeyOf(privateKey), publicKey))
    throw new Error(`${publicFile} is not the public key of ${privateFile}`);
  return { privateKey, publicKey };
}
