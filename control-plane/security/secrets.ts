import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new secret with a readable prefix (`efa_` API token, `efe_` enrollment token, `efd_` device
 * credential) so a leaked string says what it is, and 256 bits of randomness.
 */
export function newSecret(prefix: 'efa' | 'efe' | 'efd'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** sha256 is enough for 256-bit random secrets; slow hashes only matter for low-entropy passwords. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Short random id with a type prefix, e.g. `tok_k3j2...`. Lowercase so it fits device-id rules. */
export function newId(prefix: string, bytes = 10): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const raw = randomBytes(bytes * 2);
  let out = '';
  for (let i = 0; i < bytes * 2; i += 1) out += alphabet[(raw[i] as number) % alphabet.length];
  return `${prefix}_${out}`;
}
