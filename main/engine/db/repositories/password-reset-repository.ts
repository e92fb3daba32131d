import { asDate, asDateOrNull, type SqlExecutor } from '../sql/executor.js';

export interface PasswordResetRecord {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

interface Row {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: unknown;
  expires_at: unknown;
  used_at: unknown;
}

/** Password-reset tokens (their hashes): single use, expiring. */
export class PasswordResetRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(reset: PasswordResetRecord & { requestedIp: string | null }): Promise<void> {
    await this.sql.run('INSERT INTO password_reset_tokens (id, user_id, token_hash, requested_ip, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
      reset.id,
      reset.userId,
      reset.tokenHash,
      reset.requestedIp,
      reset.createdAt,
      reset.expiresAt,
    ]);
  }

  async findByTokenHash(hash: string): Promise<PasswordResetRecord | null> {
    const row = await this.sql.one<Row>('SELECT id, user_id, token_hash, created_at, expires_at, used_at FROM password_reset_tokens WHERE token_hash = ?', [hash]);
    return row && { id: row.id, userId: row.user_id, tokenHash: row.token_hash, createdAt: asDate(row.created_at), expiresAt: asDate(row.expires_at), usedAt: asDateOrNull(row.used_at) };
  }

  /** Uses the token up; false if it was used already (a concurrent confirm). */
  async markUsed(id: string, at: Date): Promise<boolean> {
    return (await this.sql.run('UPDATE password_reset_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL', [at, id])) === 1;
  }
}
