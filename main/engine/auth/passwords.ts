import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Semaphore } from './semaphore.js';

/**
 * Password hashing: scrypt with N=2^17, r=8, p=1 (OWASP's recommended minimum), 16-byte salt,
 * 64-byte key, stored as `scrypt$17$8$1$<salt>$<key>` (base64url) so parameters can be raised
 * later and old hashes still verified. One hash needs 128 MiB and ~0.3 s of a core, so hashes
 * run at most one per core at a time: a burst of logins queues instead of exhausting memory.
 */
const LOG_N = 17;
const R = 8;
const P = 1;
const KEY_BYTES = 64;
const SALT_BYTES = 16;
// scrypt needs 128 * N * r * p bytes; Node's default maxmem (32 MiB) is too small for N=2^17.
const MAX_MEM = 2 * 128 * 2 ** LOG_N * R * P;

const hashing = new Semaphore(availableParallelism());

function derive(password: string, salt: Buffer, options: ScryptOptions, keyBytes: number): Promise<Buffer> {
  return hashing.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scryptCallback(password.normalize('NFKC'), salt, keyBytes, options, (error, key) => {
          if (error) reject(error);
          else resolve(key);
        });
      }),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, { N: 2 ** LOG_N, r: R, p: P, maxmem: MAX_MEM }, KEY_BYTES);
  return ['scrypt', LOG_N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface StoredHash {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): StoredHash | null {
  const match = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([\w-]{16,})\$([\w-]{32,})$/.exec(stored);
  if (!match) return null;
  const [, logN, r, p, salt, key] = match;
  return { logN: Number(logN), r: Number(r), p: Number(p), salt: Buffer.from(salt ?? '', 'base64url'), key: Buffer.from(key ?? '', 'base64url') };
}

/** Whether `password` matches `stored`; a malformed stored hash never matches. Constant-time compare. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.logN > 20 || parsed.r > 32 || parsed.p > 16) return false;
  const options = { N: 2 ** parsed.logN, r: parsed.r, p: parsed.p, maxmem: 2 * 128 * 2 ** parsed.logN * parsed.r * parsed.p };
  const key = await derive(password, parsed.salt, options, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made with weaker parameters than today's (rehash at next login). */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.logN < LOG_N || parsed.r < R || parsed.p < P || parsed.key.length < KEY_BYTES;
}
