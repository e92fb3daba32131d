import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { Semaphore } from './semaphore.js';

describe('password hashing', () => {
  it('hashes with scrypt N=2^17, r=8, p=1 and a fresh salt, and verifies', async () => {
    const [first, second] = await Promise.all([hashPassword('correct horse battery staple'), hashPassword('correct horse battery staple')]);
    expect(first).toMatch(/^scrypt\$17\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery staple', first)).toBe(true);
    expect(await verifyPassword('correct horse battery stapLe', first)).toBe(false);
    expect(needsRehash(first)).toBe(false);
  });

  it('treats canonically equal Unicode spellings as the same password', async () => {
    const composed = 'Zürich-Börse-2026';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('never matches a malformed or hostile stored hash', async () => {
    for (const stored of ['', 'plaintext', 'scrypt$17$8$1$c2FsdA$a2V5', 'scrypt$30$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86)]) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
  });

  it('asks for a rehash of a hash made with weaker parameters', async () => {
    expect(needsRehash('scrypt$14$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86))).toBe(true);
    expect(needsRehash('bcrypt$2b$10$whatever')).toBe(true);
  });
});

describe('semaphore', () => {
  it('runs at most `limit` tasks at once, in arrival order', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        semaphore.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          order.push(i);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('releases its slot when a task fails', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await semaphore.run(async () => 'next')).toBe('next');
  });
});
