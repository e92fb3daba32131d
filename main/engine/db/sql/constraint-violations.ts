const codeOf = (error: unknown): unknown => (typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined);

/**
 * Whether a database error is a UNIQUE (or primary key) violation, in either dialect: the
 * final guard of an idempotent write, which the service turns into "return what is there".
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  // PostgreSQL: SQLSTATE 23505; better-sqlite3: the extended result code's name.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Whether a database error is a FOREIGN KEY violation, in either dialect: the row it refers to has gone. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
