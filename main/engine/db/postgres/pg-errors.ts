import pg from 'pg';

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_ERROR_MESSAGES = /Connection terminated|Query read timeout|connection error|Connection timeout/i;
// pg-pool's words when no pooled connection freed up in time: the pool is full, the server may be fine.
const POOL_WAIT_TIMEOUT = /timeout exceeded when trying to connect/i;
// query_canceled (the statement timeout ran out) and too_many_connections: the server answers, it is overloaded.
const BUSY_SQLSTATES = new Set(['57014', '53300']);

/** A query not sent because the database's health probe last failed (PoolReachability). */
export class DatabaseUnreachableError extends Error {
  constructor(since: Date) {
    super(`Not sent: the database has not answered its health probe since ${since.toISOString()}`);
    this.name = 'DatabaseUnreachableError';
  }
}

/**
 * Errors that mean the database could not be reached or dropped the connection, as opposed to
 * a query it refused. SQLSTATE classes 08 (connection exception) and 57P (server shutting
 * down, backend terminated, not accepting connections) count as unreachable too.
 */
export function isPgConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseUnreachableError) return true;
  if (error instanceof pg.DatabaseError) return /^(08|57P)/.test(error.code ?? '');
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && CONNECTION_ERROR_CODES.has(code)) || CONNECTION_ERROR_MESSAGES.test(error.message);
}

/** Errors that mean the database is reachable but has no capacity now: every pooled connection busy, or a statement cut by its timeout. */
export function isPgBusyError(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return BUSY_SQLSTATES.has(error.code ?? '');
  return error instanceof Error && POOL_WAIT_TIMEOUT.test(error.message);
}
