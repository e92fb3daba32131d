import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationState } from '../../../shared/api/health.js';

export interface Migration {
  version: number;
  name: string;
  /** "001_core" — how migrations are named in /health and errors. */
  id: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

/** The database and this build disagree about migrations: never start on such a database. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Reads the numbered .sql files of one dialect; numbers must run 1, 2, 3, ... without gaps. */
export function loadMigrations(dir: string): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file, index) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new MigrationError(`Migration file ${file} in ${dir} is not named NNN_name.sql`);
    const version = Number(match[1]);
    if (version !== index + 1) throw new MigrationError(`Migration ${file} in ${dir} breaks the numbering: expected ${String(index + 1).padStart(3, '0')}`);
    const sql = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n');
    return { version, name: match[2] as string, id: `${match[1]}_${match[2]}`, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

const idOf = (m: AppliedMigration): string => `${String(m.version).padStart(3, '0')}_${m.name}`;

/**
 * The applied list must be a prefix of the known list — same versions, names and contents
 * in the same order. Anything else means the database was migrated by another build (newer,
 * or with an edited migration) and the engine must not touch it.
 */
export function pendingMigrations(known: readonly Migration[], applied: readonly AppliedMigration[]): Migration[] {
  if (applied.length > known.length) {
    const unknown = applied.slice(known.length).map(idOf).join(', ');
    throw new MigrationError(`The database has migrations this version of OptiBid does not know (${unknown}); it was migrated by a newer version. Upgrade this terminal.`);
  }
  applied.forEach((a, i) => {
    const k = known[i] as Migration;
    if (a.version !== k.version || a.name !== k.name) {
      throw new MigrationError(`Applied migration ${idOf(a)} does not match known migration ${k.id} at position ${i + 1}; the applied list must be a prefix of the known list.`);
    }
    if (a.checksum !== k.checksum) {
      throw new MigrationError(`Migration ${k.id} was changed after it was applied (checksum differs); migrations are append-only: add a new one instead.`);
    }
  });
  return known.slice(applied.length);
}

export function migrationState(known: readonly Migration[], applied: readonly AppliedMigration[]): MigrationState {
  const appliedIds = applied.map(idOf);
  return {
    applied: appliedIds,
    pending: known.slice(applied.length).map((m) => m.id),
    current: appliedIds.at(-1) ?? null,
  };
}
