-- 004 local sync (SQLite only): what a terminal needs to keep working while the shared
-- PostgreSQL is out of reach. These tables describe one terminal's own pending work, so they
-- exist only in the local database; PostgreSQL never holds another terminal's queue.

-- Writes accepted while offline, replayed in seq order when the database returns. op_id is
-- the client-generated id of the operation, so a replay after a crash is recognised.
CREATE TABLE outbox (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id           TEXT NOT NULL UNIQUE CHECK (length(op_id) = 36 AND op_id NOT GLOB '*[^0-9a-f-]*'),
  organization_id TEXT NOT NULL CHECK (length(organization_id) = 36 AND organization_id NOT GLOB '*[^0-9a-f-]*'),
  user_id         TEXT NOT NULL CHECK (length(user_id) = 36 AND user_id NOT GLOB '*[^0-9a-f-]*'),
  operation       TEXT NOT NULL CHECK (operation IN ('bid.create', 'bid.update', 'bid.delete', 'bid.submit', 'bid.cancel',
                                                     'asset.create', 'asset.update', 'asset.delete',
                                                     'site.create', 'site.update', 'site.delete')),
  resource_type   TEXT NOT NULL CHECK (resource_type IN ('bid', 'asset', 'site')),
  resource_id     TEXT NOT NULL CHECK (length(resource_id) = 36 AND resource_id NOT GLOB '*[^0-9a-f-]*'),
  base_version    INTEGER CHECK (base_version >= 1),
  payload         TEXT NOT NULL CHECK (json_valid(payload)),
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_flight', 'done', 'conflict', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error      TEXT,
  created_at      INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  last_attempt_at INTEGER CHECK (last_attempt_at >= 0),
  done_at         INTEGER CHECK (done_at >= 0),
  CHECK (operation LIKE resource_type || '.%')
) STRICT;
CREATE INDEX outbox_state_seq_idx ON outbox (state, seq);
CREATE INDEX outbox_resource_idx ON outbox (resource_type, resource_id);

-- Cursors and markers of the sync loop (last pull per resource, last successful contact).
CREATE TABLE sync_state (
  key        TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
  value      TEXT NOT NULL CHECK (json_valid(value)),
  updated_at INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER))
) STRICT;

-- A draft edited here and on the server in the meantime: both versions are kept until the
-- trader resolves it; never a silent overwrite.
CREATE TABLE sync_conflicts (
  id             TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  outbox_seq     INTEGER REFERENCES outbox (seq) ON DELETE SET NULL,
  resource_type  TEXT NOT NULL CHECK (resource_type IN ('bid', 'asset', 'site')),
  resource_id    TEXT NOT NULL CHECK (length(resource_id) = 36 AND resource_id NOT GLOB '*[^0-9a-f-]*'),
  local_version  TEXT NOT NULL CHECK (json_valid(local_version)),
  remote_version TEXT NOT NULL CHECK (json_valid(remote_version)),
  detected_at    INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  resolved_at    INTEGER CHECK (resolved_at >= 0),
  resolution     TEXT CHECK (resolution IN ('kept_local', 'kept_remote', 'merged')),
  CHECK ((resolved_at IS NULL) = (resolution IS NULL))
) STRICT;
CREATE INDEX sync_conflicts_open_idx ON sync_conflicts (resource_type, resource_id) WHERE resolved_at IS NULL;
