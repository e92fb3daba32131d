import type { JWK } from 'jose';
import type { SqlExecutor } from '../sql/executor.js';
import { asDate, asDateOrNull, asJson } from '../sql/executor.js';

export interface StoredSigningKey {
  kid: string;
  algorithm: 'Ed25519';
  publicJwk: JWK;
  privateJwk: JWK;
  createdAt: Date;
  retiredAt: Date | null;
}

interface Row {
  kid: string;
  algorithm: 'Ed25519';
  public_jwk: unknown;
  private_jwk: unknown;
  created_at: unknown;
  retired_at: unknown;
}

const COLUMNS = 'kid, algorithm, public_jwk, private_jwk, created_at, retired_at';

const decode = (row: Row): StoredSigningKey => ({
  kid: row.kid,
  algorithm: row.algorithm,
  publicJwk: asJson(row.public_jwk) as JWK,
  privateJwk: asJson(row.private_jwk) as JWK,
  createdAt: asDate(row.created_at),
  retiredAt: asDateOrNull(row.retired_at),
});

/** The token-signing keys of the installation (the floor's, with a shared database). */
export class SigningKeyRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** The newest key not retired: the one new tokens are signed with. */
  async active(): Promise<StoredSigningKey | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, kid LIMIT 1`);
    return row ? decode(row) : null;
  }

  async get(kid: string): Promise<StoredSigningKey | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM signing_keys WHERE kid = ?`, [kid]);
    return row ? decode(row) : null;
  }

  /** Stores a new key; false when a key with that id exists already. */
  async insert(key: StoredSigningKey): Promise<boolean> {
    const changed = await this.sql.run(
      `INSERT INTO signing_keys (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kid) DO NOTHING`,
      [key.kid, key.algorithm, key.publicJwk, key.privateJwk, key.createdAt, key.retiredAt],
    );
    return changed === 1;
  }
}
