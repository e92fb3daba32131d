import type { Dialect } from '../store.js';

/** A value bound to a `?` placeholder. Dates, booleans and JSON are encoded per dialect. */
export type SqlParam = string | number | boolean | Date | null | readonly unknown[] | { readonly [key: string]: unknown };

/**
 * Portable SQL over either database, so a repository is written once for both dialects.
 * Statements use `?` placeholders (never string-built values) and the SQL both SQLite and
 * PostgreSQL accept (ON CONFLICT, RETURNING, IS DISTINCT FROM); instants are passed in from
 * the engine's clock rather than taken from the database's `now()`.
 */
export interface SqlExecutor {
  readonly dialect: Dialect;
  /** Whether this executor runs inside a transaction (its statements commit with it). */
  readonly inTransaction: boolean;
  all<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** The first row, or null. */
  one<Row>(sql: string, params?: readonly SqlParam[]): Promise<Row | null>;
  /** Runs a write; resolves with the number of rows it changed. */
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Inside, use the executor it is given; a nested call becomes a savepoint.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `work` all or nothing: within the transaction under way when there is one (no
   * savepoint, two round trips fewer: when it throws, the caller's transaction fails with it),
   * else in a transaction of its own.
   */
  atomic<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
}

// Rows come back in each dialect's own types; repositories read them through these.

/** An instant: epoch milliseconds (SQLite) or a Date (PostgreSQL timestamptz). */
export function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  throw new TypeError(`expected an instant, got ${typeof value}`);
}

export const asDateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : asDate(value));

/** A boolean: 0/1 (SQLite) or true/false (PostgreSQL). */
export function asBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  throw new TypeError(`expected a boolean, got ${String(value)}`);
}

/** JSON: text (SQLite) or already parsed (PostgreSQL jsonb). */
export function asJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** Encodes values the dialect's driver would otherwise misread (arrays, objects). */
export function encodeJson(value: SqlParam): SqlParam {
  return value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
}

/** '?, ?, …': one placeholder per value, for an IN list whose values are bound as parameters. */
export const placeholdersFor = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** `insert` (a fixed statement up to VALUES) followed by `rows` groups of `width` placeholders: a multi-row INSERT. */
export function valuesStatement(insert: string, width: number, rows: number): string {
  const row = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  return insert + Array.from({ length: rows }, () => row).join(', ');
}
