import type Database from 'better-sqlite3';
import type { ForeignKeyDescription, IndexDescription, SchemaDescription, TableDescription } from '../schema-description.js';

interface TableInfoRow { name: string; type: string; notnull: number; pk: number }
interface ForeignKeyRow { id: number; seq: number; table: string; from: string; to: string; on_delete: string }
interface IndexListRow { name: string; unique: number; origin: 'c' | 'u' | 'pk'; partial: number }
interface IndexInfoRow { seqno: number; cid: number; name: string | null }

/** Reads tables, keys and indexes from SQLite's own catalogue (pragmas), not from our SQL files. */
export function describeSqliteSchema(db: Database.Database): SchemaDescription {
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; sql: string }[];
  return { tables: tables.map(({ name, sql }) => describeTable(db, name, sql)) };
}

function describeTable(db: Database.Database, table: string, sql: string): TableDescription {
  const info = db.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`).all(table) as TableInfoRow[];
  const fkRows = db.prepare('SELECT id, seq, "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq').all(table) as ForeignKeyRow[];
  const foreignKeys = new Map<number, ForeignKeyDescription>();
  for (const row of fkRows) {
    const fk = foreignKeys.get(row.id) ?? { columns: [], table: row.table, refColumns: [], onDelete: row.on_delete.toLowerCase() as ForeignKeyDescription['onDelete'] };
    fk.columns.push(row.from);
    fk.refColumns.push(row.to);
    foreignKeys.set(row.id, fk);
  }
  const indexes: IndexDescription[] = [];
  const uniqueKeys: string[][] = [];
  for (const index of db.prepare('SELECT name, "unique", origin, partial FROM pragma_index_list(?)').all(table) as IndexListRow[]) {
    const columns = (db.prepare('SELECT seqno, cid, name FROM pragma_index_info(?) ORDER BY seqno').all(index.name) as IndexInfoRow[]).map(
      (c) => c.name ?? '(expression)',
    );
    if (index.origin === 'pk') continue;
    indexes.push({ name: index.name, unique: index.unique === 1, columns });
    if (index.unique === 1 && index.partial === 0) uniqueKeys.push(columns);
  }
  return {
    name: table,
    columns: info.map((c) => ({ name: c.name, type: c.type.toLowerCase(), notNull: c.notnull === 1 || c.pk > 0 })),
    primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    foreignKeys: [...foreignKeys.values()],
    uniqueKeys,
    indexes,
    checkCount: (sql.match(/\bCHECK\s*\(/gi) ?? []).length,
  };
}
