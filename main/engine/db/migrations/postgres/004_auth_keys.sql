-- 004 auth keys: the keys that sign access tokens, and password-reset tokens.
-- Keys live in the shared database so that every terminal of a floor accepts the tokens of
-- the others; they are generated on first start, never shipped with the code.

CREATE TABLE signing_keys (
  kid         text PRIMARY KEY CHECK (length(kid) BETWEEN 8 AND 64),
  algorithm   text NOT NULL CHECK (algorithm IN ('Ed25519')),
  public_jwk  jsonb NOT NULL CHECK (jsonb_typeof(public_jwk) = 'object'),
  private_jwk jsonb NOT NULL CHECK (jsonb_typeof(private_jwk) = 'object'),
  created_at  timestamptz NOT NULL,
  retired_at  timestamptz,
  CHECK (retired_at IS NULL OR retired_at >= created_at)
);
CREATE INDEX signing_keys_active_idx ON signing_keys (created_at DESC) WHERE retired_at IS NULL;

-- Single-use, expiring; only the token's hash is stored.
CREATE TABLE password_reset_tokens (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash   text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  requested_ip text,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  CHECK (expires_at > created_at),
  CHECK (used_at IS NULL OR used_at >= created_at)
);
CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id, created_at DESC);
