import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, type DialectFixture } from '../../../testing/dialects.js';
import { canonicalJson } from '../../audit/canonical-json.js';
import { AuditRepository, GENESIS_HASH, auditHash, type AuditEntry, type AuditRecord } from './audit-repository.js';

const ORG = '3f1e2d3c-4b5a-4697-8899-aabbccddeeff';
let clock = Date.parse('2026-01-15T09:00:00Z');

function entry(n: number): AuditEntry {
  clock += 1;
  return {
    id: randomUUID(),
    occurredAt: new Date(clock),
    actorKind: 'user',
    actorId: '5f0c6b1e-7a53-4d52-9a33-0f2a4c1d9e01',
    organizationId: ORG,
    action: 'bid.update',
    resourceType: 'bid',
    resourceId: `bid-${n}`,
    before: { price: 45.5, volume: n },
    after: { volume: n + 1, price: 46 },
    requestId: `req-${n}`,
    ip: '127.0.0.1',
  };
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
});

describe.each(dialects)('audit hash chain on $dialect', ({ dialect, open }) => {
  let db: DialectFixture;
  beforeEach(async () => {
    db = await open();
    await db.store.migrate();
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('links each row to the previous one from the genesis hash', async () => {
    const first = await db.store.audit.append(entry(1));
    const second = await db.store.audit.append(entry(2));
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(auditHash(second, first.hash));
    expect(await db.store.audit.verify()).toBeNull();
  });

  it('verifies 10,000 rows', { timeout: 120_000 }, async () => {
    // Written in one transaction (the chain locked and its head read once) to keep the set-up quick.
    await db.store.sql.transaction(async (tx) => {
      const audit = new AuditRepository(tx);
      for (let n = 0; n < 10_000; n += 1) await audit.append(entry(n));
    });
    expect(await db.raw('SELECT count(*) AS n FROM audit_logs')).toEqual([{ n: 10_000 }]);
    expect(await db.store.audit.verify()).toBeNull();
  });

  it('finds an edited, a deleted and a swapped row at the right place', async () => {
    const rows: AuditRecord[] = [];
    for (let n = 0; n < 12; n += 1) rows.push(await db.store.audit.append(entry(n)));
    const at = (i: number): { seq: number; id: string } => ({ seq: rows[i]?.seq ?? -1, id: rows[i]?.id ?? '' });

    await db.raw('UPDATE audit_logs SET action = ? WHERE seq = ?', ['bid.delete', at(8).seq]);
    expect(await db.store.audit.verify()).toEqual({ ...at(8), reason: 'content_changed' });

    await db.raw('DELETE FROM audit_logs WHERE seq = ?', [at(5).seq]);
    expect(await db.store.audit.verify()).toEqual({ ...at(6), reason: 'broken_link' });

    // Swap the content of rows 2 and 3 (everything but seq): the chain breaks at row 2.
    if (dialect === 'postgres') await db.raw('ALTER TABLE audit_logs ALTER COLUMN seq DROP IDENTITY');
    await db.raw('UPDATE audit_logs SET seq = -seq WHERE seq IN (?, ?)', [at(2).seq, at(3).seq]);
    await db.raw('UPDATE audit_logs SET seq = ? WHERE seq = ?', [at(3).seq, -at(2).seq]);
    await db.raw('UPDATE audit_logs SET seq = ? WHERE seq = ?', [at(2).seq, -at(3).seq]);
    expect(await db.store.audit.verify()).toEqual({ seq: at(2).seq, id: at(3).id, reason: 'broken_link' });
  });

  it('leaves a valid chain after 20 concurrent writers', async () => {
    const written = await Promise.all(Array.from({ length: 20 }, (_, n) => db.store.audit.append(entry(n))));
    expect(new Set(written.map((r) => r.prevHash)).size).toBe(20);
    expect(await db.store.audit.verify()).toBeNull();
  });

  it('holds the writes of a transaction that appends together, then appends them in order, chained to what was there', async () => {
    const earlier = await db.store.audit.append(entry(0));
    // More than one statement takes: the chain carries on across them.
    const held = Array.from({ length: 1_200 }, (_, n) => entry(n + 1));
    await db.store.sql.transaction(async (tx) => {
      const audit = new AuditRepository(tx);
      await audit.appendingTogether(async () => {
        for (const written of held) await audit.write(written);
        expect(await tx.all('SELECT id FROM audit_logs')).toHaveLength(1);
      });
    });
    const rows = (await db.store.audit.search({ limit: 2_000 })).toReversed();
    expect(rows.map((row) => row.id)).toEqual([earlier.id, ...held.map((written) => written.id)]);
    expect(rows[1]?.prevHash).toBe(earlier.hash);
    expect(await db.store.audit.verify()).toBeNull();
  });

  it('appends none of the held writes when the work fails', async () => {
    const failing = db.store.sql.transaction(async (tx) => {
      const audit = new AuditRepository(tx);
      await audit.appendingTogether(async () => {
        await audit.write(entry(1));
        throw new Error('the batch failed');
      });
    });
    await expect(failing).rejects.toThrow('the batch failed');
    expect(await db.store.audit.count()).toBe(0);
    expect((await db.store.audit.append(entry(2))).prevHash).toBe(GENESIS_HASH);
  });

  it('refuses a second row on the same predecessor (a fork) in the database itself', async () => {
    const first = await db.store.audit.append(entry(1));
    const fork = entry(2);
    const insert = 'INSERT INTO audit_logs (id, occurred_at, actor_kind, action, resource_type, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)';
    await expect(db.raw(insert, [fork.id, dialect === 'sqlite' ? fork.occurredAt.getTime() : fork.occurredAt, 'system', 'x', 'y', first.prevHash, auditHash(fork, first.prevHash)])).rejects.toThrow();
  });
});
