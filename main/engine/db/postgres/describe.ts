import type pg from 'pg';
import type { ForeignKeyDescription, SchemaDescription, TableDescription } from '../schema-description.js';

const ON_DELETE: Record<string, ForeignKeyDescription['onDelete']> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

interface ConstraintRow { table_name: string; contype: 'p' | 'u' | 'f' | 'c'; columns: string[]; ref_table: string | null; ref_columns: string[] | null; confdeltype: string }
interface IndexRow { table_name: string; index_name: string; is_unique: boolean; is_partial: boolean; columns: string[] }

/** Reads tables, keys and indexes from pg_catalog, for the schema check shared with SQLite. */
export async function describePgSchema(pool: pg.Pool): Promise<SchemaDescription> {
  const tables = await pool.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const columns = await pool.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
  );
  const constraints = await pool.query<ConstraintRow>(`
    SELECT c.conrelid::regclass::text AS table_name, c.contype,
           ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS columns,
           c.confrelid::regclass::text AS ref_table,
           ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS ref_columns,
           c.confdeltype
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f', 'c')
    ORDER BY c.conname`);
  const indexes = await pool.query<IndexRow>(`
    SELECT t.relname AS table_name, i.relname AS index_name, x.indisunique AS is_unique, x.indpred IS NOT NULL AS is_partial,
           ARRAY(SELECT COALESCE(a.attname, '(expression)') FROM unnest(x.indkey) WITH ORDINALITY k(n, o)
                 LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n AND k.n <> 0 ORDER BY k.o)::text[] AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND NOT x.indisprimary
    ORDER BY i.relname`);

  return {
    tables: tables.rows.map(({ table_name: name }): TableDescription => {
      const own = constraints.rows.filter((c) => c.table_name === name);
      const ownIndexes = indexes.rows.filter((i) => i.table_name === name);
      return {
        name,
        columns: columns.rows
          .filter((c) => c.table_name === name)
          .map((c) => ({ name: c.column_name, type: c.data_type, notNull: c.is_nullable === 'NO' })),
        primaryKey: own.find((c) => c.contype === 'p')?.columns ?? [],
        foreignKeys: own
          .filter((c) => c.contype === 'f')
          .map((c) => ({ columns: c.columns, table: c.ref_table ?? '', refColumns: c.ref_columns ?? [], onDelete: ON_DELETE[c.confdeltype] ?? 'no action' })),
        uniqueKeys: ownIndexes.filter((i) => i.is_unique && !i.is_partial).map((i) => i.columns),
        indexes: ownIndexes.map((i) => ({ name: i.index_name, unique: i.is_unique, columns: i.columns })),
        checkCount: own.filter((c) => c.contype === 'c').length,
      };
    }),
  };
}
