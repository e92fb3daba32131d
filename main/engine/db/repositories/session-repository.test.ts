import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, type DialectFixture } from '../../../testing/dialects.js';
import type { SessionRecord } from './session-repository.js';

const USER = '5f0c6b1e-7a53-4d52-9a33-0f2a4c1d9e01';
const START = Date.parse('2026-01-15T09:00:00Z');

/** What one database knows of a session: each of rotation and revocation set there, or not. */
const sideOf = fc.record({ rotated: fc.boolean(), revoked: fc.boolean(), at: fc.integer({ min: 1, max: 1000 }) });

/** A family of `n` sessions, each replaced by the next; `side` says what one database has set. */
function family(ids: readonly string[], sides: readonly { rotated: boolean; revoked: boolean; at: number }[]): SessionRecord[] {
  return ids.map((id, i) => {
    const side = sides[i] ?? { rotated: false, revoked: false, at: 1 };
    const next = ids[i + 1] ?? null;
    const rotated = side.rotated && next !== null;
    return {
      id,
      userId: USER,
      organizationId: null,
      familyId: ids[0] ?? id,
      refreshTokenHash: `hash-${id}`,
      userAgent: null,
      ip: null,
      createdAt: new Date(START + i),
      lastUsedAt: rotated ? new Date(START + side.at) : null,
      expiresAt: new Date(START + 86_400_000),
      rotatedAt: rotated ? new Date(START + side.at) : null,
      replacedBy: rotated ? next : null,
      revokedAt: side.revoked ? new Date(START + side.at) : null,
      revokeReason: side.revoked ? 'logout' : null,
    };
  });
}

describe.each(dialects)('session merge (cache copies and the offline push) on $dialect', ({ open }) => {
  let db: DialectFixture;
  beforeEach(async () => {
    db = await open();
    await db.store.migrate();
    await db.store.users.insert({ id: USER, email: 'ana@desk.example', displayName: 'Ana', passwordHash: 'x', isPlatformAdmin: false, currentOrganizationId: null, createdAt: new Date(START) });
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('keeps one row per session, never unsets a rotation or revocation either side made, and changes nothing when repeated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), fc.array(sideOf, { minLength: 4, maxLength: 4 }), fc.array(sideOf, { minLength: 4, maxLength: 4 }), fc.boolean(), async (n, here, there, newestFirst) => {
        const ids = Array.from({ length: n }, () => randomUUID());
        const order = (sessions: SessionRecord[]): SessionRecord[] => (newestFirst ? [...sessions].reverse() : sessions);
        const first = family(ids, here);
        const second = family(ids, there);
        await db.store.sessions.merge(order(first));
        await db.store.sessions.merge(order(second));
        const merged = await db.store.sessions.ofFamily(ids[0] ?? '');
        expect(merged.map((s) => s.id)).toEqual(ids);
        merged.forEach((session, i) => {
          const [a, b] = [first[i], second[i]];
          // The first side to set a field wins; a later copy without it leaves it set.
          expect(session.revokedAt).toEqual(a?.revokedAt ?? b?.revokedAt ?? null);
          expect(session.rotatedAt).toEqual(a?.rotatedAt ?? b?.rotatedAt ?? null);
          expect(session.replacedBy).toEqual(a?.replacedBy ?? b?.replacedBy ?? null);
          const uses = [a?.lastUsedAt, b?.lastUsedAt].filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
          expect(session.lastUsedAt?.getTime() ?? null).toBe(uses.length > 0 ? Math.max(...uses) : null);
        });
        await db.store.sessions.merge(order(second));
        await db.store.sessions.merge(order(first));
        expect(await db.store.sessions.ofFamily(ids[0] ?? '')).toEqual(merged);
      }),
      { numRuns: 30 },
    );
  });
});
