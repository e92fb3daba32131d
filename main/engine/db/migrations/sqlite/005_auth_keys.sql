-- 005 auth keys (SQLite dialect of postgres/004_auth_keys.sql): the keys that sign access
-- tokens, and password-reset tokens. Generated on first start, never shipped with the code.

CREATE TABLE signing_keys (
  kid         TEXT PRIMARY KEY CHECK (length(kid) BETWEEN 8 AND 64),
  algorithm   TEXT NOT NULL CHECK (algorithm IN ('Ed25519')),
  public_jwk  TEXT NOT NULL CHECK (json_valid(public_jwk) AND json_type(public_jwk) = 'object'),
  private_jwk TEXT NOT NULL CHECK (json_valid(private_jwk) AND json_type(private_jwk) = 'object'),
  created_at  INTEGER NOT NULL CHECK (created_at >= 0),
  retired_at  INTEGER CHECK (retired_at >= 0),
  CHECK (retired_at IS NULL OR retired_at >= created_at)
) STRICT;
CREATE INDEX signing_keys_active_idx ON signing_keys (created_at DESC) WHERE retired_at IS NULL;

-- Single-use, expiring; only the token's hash is stored.
CREATE TABLE password_reset_tokens (
  id           TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  user_id      TEXT NOT NULL CHECK (length(user_id) = 36 AND user_id NOT GLOB '*[^0-9a-f-]*') REFERENCES users (id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  requested_ip TEXT,
  created_at   INTEGER NOT NULL CHECK (created_at >= 0),
  expires_at   INTEGER NOT NULL CHECK (expires_at >= 0),
  used_at      INTEGER CHECK (used_at >= 0),
  CHECK (expires_at > created_at),
  CHECK (used_at IS NULL OR used_at >= created_at)
) STRICT;
CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id, created_at DESC);
