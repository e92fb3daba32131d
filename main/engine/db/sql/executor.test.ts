import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, type DialectFixture } from '../../../testing/dialects.js';
import { asBoolean, asDate, asDateOrNull, asJson, type SqlExecutor } from './executor.js';
import { numberPlaceholders } from './pg-executor.js';

interface ScratchRow {
  id: number;
  at: unknown;
  flag: unknown;
  doc: unknown;
  name: string | null;
}

const SCRATCH = {
  sqlite: 'CREATE TABLE scratch (id INTEGER PRIMARY KEY, at INTEGER, flag INTEGER, doc TEXT, name TEXT) STRICT',
  postgres: 'CREATE TABLE scratch (id integer PRIMARY KEY, at timestamptz, flag boolean, doc jsonb, name text)',
};

describe.each(dialects)('SQL executor on $dialect', ({ dialect, open }) => {
  let db: DialectFixture;
  let sql: SqlExecutor;
  beforeEach(async () => {
    db = await open();
    sql = db.store.sql;
    await db.raw(SCRATCH[dialect]);
  });
  afterEach(async () => {
    await db.dispose();
  });

  const names = async (): Promise<(string | null)[]> => (await sql.all<ScratchRow>('SELECT name FROM scratch ORDER BY id')).map((r) => r.name);

  it('binds ? parameters and round-trips instants, booleans, JSON and nulls', async () => {
    const at = new Date('2026-03-29T00:45:00.123Z');
    expect(await sql.run('INSERT INTO scratch (id, at, flag, doc, name) VALUES (?, ?, ?, ?, ?)', [1, at, true, { side: 'sell', points: [1, 2] }, "O'Brien ?"])).toBe(1);
    await sql.run('INSERT INTO scratch (id, at, flag, doc, name) VALUES (?, ?, ?, ?, ?)', [2, null, false, [3], null]);
    const first = await sql.one<ScratchRow>('SELECT * FROM scratch WHERE id = ?', [1]);
    expect(first && [asDate(first.at), asBoolean(first.flag), asJson(first.doc), first.name]).toEqual([at, true, { side: 'sell', points: [1, 2] }, "O'Brien ?"]);
    const second = await sql.one<ScratchRow>('SELECT * FROM scratch WHERE id = ?', [2]);
    expect(second && [asDateOrNull(second.at), asBoolean(second.flag), asJson(second.doc)]).toEqual([null, false, [3]]);
    expect(await sql.one('SELECT * FROM scratch WHERE id = ?', [3])).toBeNull();
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await sql.transaction(async (tx) => {
      await tx.run('INSERT INTO scratch (id, name) VALUES (?, ?)', [1, 'kept']);
    });
    await expect(
      sql.transaction(async (tx) => {
        await tx.run('INSERT INTO scratch (id, name) VALUES (?, ?)', [2, 'lost']);
        throw new Error('validation failed half-way');
      }),
    ).rejects.toThrow('validation failed half-way');
    expect(await names()).toEqual(['kept']);
  });

  it('turns a nested transaction into a savepoint: its failure leaves the outer work intact', async () => {
    await sql.transaction(async (tx) => {
      await tx.run('INSERT INTO scratch (id, name) VALUES (?, ?)', [1, 'outer']);
      await expect(
        tx.transaction(async (inner) => {
          await inner.run('INSERT INTO scratch (id, name) VALUES (?, ?)', [2, 'inner']);
          throw new Error('inner step refused');
        }),
      ).rejects.toThrow('inner step refused');
      await tx.transaction(async (inner) => {
        await inner.run('INSERT INTO scratch (id, name) VALUES (?, ?)', [3, 'inner kept']);
      });
    });
    expect(await names()).toEqual(['outer', 'inner kept']);
  });

  it('keeps other statements out of a transaction that awaits in the middle', async () => {
    let release!: () => void;
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    const doomed = sql.transaction(async (tx) => {
      await tx.run('INSERT INTO scratch (id, name) VALUES (?, ?)', [1, 'in the transaction']);
      await paused;
      throw new Error('rolled back');
    });
    const outside = sql.run('INSERT INTO scratch (id, name) VALUES (?, ?)', [2, 'outside']);
    release();
    await expect(doomed).rejects.toThrow('rolled back');
    await outside;
    expect(await names()).toEqual(['outside']);
  });
});

describe('SQLite transaction guard', () => {
  it('throws instead of deadlocking when the store executor is used inside its own transaction', async () => {
    const [sqlite] = dialects;
    const db = await sqlite!.open();
    try {
      await expect(db.store.sql.transaction(() => db.store.sql.one('SELECT 1'))).rejects.toThrow('use the executor the transaction gave you');
      expect(await db.store.sql.one('SELECT 1 AS one')).toEqual({ one: 1 });
    } finally {
      await db.dispose();
    }
  });
});

describe('PostgreSQL placeholders', () => {
  it('numbers ? placeholders in order', () => {
    expect(numberPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe('SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)');
  });
});
