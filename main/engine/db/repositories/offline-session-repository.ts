import type { SqlExecutor } from '../sql/executor.js';

// One sync_state row per sign-in (session family) changed while the shared database was out
// of reach: opened, rotated or signed out here. The key carries the family id, so marking the
// same family twice stays one row.
const PREFIX = 'auth.offline_session_family:';

/**
 * The local list of session families to copy to the shared database when it returns
 * (SQLite only: sync_state describes this terminal's own pending work).
 */
export class OfflineSessionRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async mark(familyId: string, at: Date): Promise<void> {
    await this.sql.run('INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at', [
      PREFIX + familyId,
      { familyId },
      at,
    ]);
  }

  /** Whether the family still waits for the push. */
  async isMarked(familyId: string): Promise<boolean> {
    return (await this.sql.one('SELECT 1 AS marked FROM sync_state WHERE key = ?', [PREFIX + familyId])) !== null;
  }

  /** Families waiting for the push, oldest change first. */
  async families(): Promise<string[]> {
    const rows = await this.sql.all<{ key: string }>('SELECT key FROM sync_state WHERE substr(key, 1, ?) = ? ORDER BY updated_at, key', [PREFIX.length, PREFIX]);
    return rows.map((row) => row.key.slice(PREFIX.length));
  }

  /** Done, unless the family changed again since `at` (another offline rotation, to push next time). */
  async clear(familyId: string, at: Date): Promise<void> {
    await this.sql.run('DELETE FROM sync_state WHERE key = ? AND updated_at <= ?', [PREFIX + familyId, at]);
  }
}
