import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Console passwords, stored as `scrypt$<N>$<r>$<p>$<salt>$<hash>` (salt and hash base64url). scrypt is
 * memory-hard, so a leaked hash is slow to guess; the parameters travel with the hash, so they can be raised
 * later without invalidating stored ones.
 */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const ENCODED = /^scrypt\$(\d{1,7})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43})$/;
/** Bounds what a stored (config) hash may ask of the CPU and memory: N·r·128 bytes. */
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether `encoded` (from hashPassword) is well formed; config validation uses it. */
export function isPasswordHash(encoded: string): boolean {
  const match = ENCODED.exec(encoded);
  if (!match) return false;
  const [N, r] = [Number(match[1]), Number(match[2])];
  return N > 1 && (N & (N - 1)) === 0 && N * r * 128 < MAX_MEMORY;
}

/** Constant-time comparison of the derived key, so the time taken says nothing about how close a guess was. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = ENCODED.exec(encoded);
  if (!match || !isPasswordHash(encoded)) throw new Error('not a password hash made by hashPassword');
  const [, N, r, p, salt, hash] = match;
  const expected = Buffer.from(hash!, 'base64url');
  const actual = await derive(password, Buffer.from(salt!, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}
