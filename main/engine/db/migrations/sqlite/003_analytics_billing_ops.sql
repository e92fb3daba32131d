-- 003 analytics, forecasting, dashboards, billing and operations.

CREATE TABLE dashboards (
  id              TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  organization_id TEXT NOT NULL CHECK (length(organization_id) = 36 AND organization_id NOT GLOB '*[^0-9a-f-]*') REFERENCES organizations (id) ON DELETE CASCADE,
  owner_user_id   TEXT NOT NULL CHECK (length(owner_user_id) = 36 AND owner_user_id NOT GLOB '*[^0-9a-f-]*') REFERENCES users (id) ON DELETE CASCADE,
  name            TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  is_default      INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  layout          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(layout)),
  version         INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at      INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  updated_at      INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  CONSTRAINT dashboards_owner_name_key UNIQUE (owner_user_id, organization_id, name)
) STRICT;
CREATE INDEX dashboards_organization_idx ON dashboards (organization_id);
CREATE UNIQUE INDEX dashboards_one_default_idx ON dashboards (owner_user_id, organization_id) WHERE is_default;

CREATE TABLE dashboard_widgets (
  id           TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  dashboard_id TEXT NOT NULL CHECK (length(dashboard_id) = 36 AND dashboard_id NOT GLOB '*[^0-9a-f-]*') REFERENCES dashboards (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('price_chart', 'price_table', 'order_book', 'bid_list', 'kpi', 'forecast', 'heatmap', 'alerts', 'map')),
  title        TEXT NOT NULL DEFAULT '',
  config       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)) CHECK (json_type(config) = 'object'),
  pos_x        INTEGER NOT NULL CHECK (pos_x >= 0),
  pos_y        INTEGER NOT NULL CHECK (pos_y >= 0),
  width        INTEGER NOT NULL CHECK (width BETWEEN 1 AND 48),
  height       INTEGER NOT NULL CHECK (height BETWEEN 1 AND 48),
  created_at   INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  updated_at   INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER))
) STRICT;
CREATE INDEX dashboard_widgets_dashboard_idx ON dashboard_widgets (dashboard_id);

CREATE TABLE ml_models (
  id                TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  organization_id   TEXT CHECK (length(organization_id) = 36 AND organization_id NOT GLOB '*[^0-9a-f-]*') REFERENCES organizations (id) ON DELETE CASCADE,
  name              TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  architecture      TEXT NOT NULL CHECK (architecture IN ('tft', 'nbeats', 'deepar', 'lear', 'naive')),
  zone_id           TEXT NOT NULL REFERENCES market_zones (id),
  status            TEXT NOT NULL CHECK (status IN ('queued', 'training', 'ready', 'failed', 'cancelled')),
  hyperparameters   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(hyperparameters)) CHECK (json_type(hyperparameters) = 'object'),
  training_from     INTEGER CHECK (training_from >= 0),
  training_to       INTEGER CHECK (training_to >= 0),
  metrics           TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metrics)),
  artifact_path     TEXT,
  artifact_bytes    INTEGER CHECK (artifact_bytes >= 0),
  artifact_sha256   TEXT CHECK (length(artifact_sha256) = 64 AND artifact_sha256 NOT GLOB '*[^0-9a-f]*'),
  error_message     TEXT,
  created_by        TEXT CHECK (length(created_by) = 36 AND created_by NOT GLOB '*[^0-9a-f-]*') REFERENCES users (id) ON DELETE SET NULL,
  created_at        INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  updated_at        INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  CHECK (training_from IS NULL OR training_to IS NULL OR training_from < training_to),
  CHECK (status <> 'ready' OR artifact_path IS NOT NULL)
) STRICT;
CREATE INDEX ml_models_organization_zone_idx ON ml_models (organization_id, zone_id, architecture);

-- A forecast for one delivery day: points and quantiles per period. Forecasts are model
-- outputs (estimates), so they are kept as JSON numbers, unlike market prices.
CREATE TABLE predictions (
  id            TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  model_id      TEXT NOT NULL CHECK (length(model_id) = 36 AND model_id NOT GLOB '*[^0-9a-f-]*') REFERENCES ml_models (id) ON DELETE CASCADE,
  zone_id       TEXT NOT NULL REFERENCES market_zones (id),
  delivery_date TEXT NOT NULL CHECK (date(delivery_date) IS delivery_date),
  issued_at     INTEGER NOT NULL CHECK (issued_at >= 0),
  periods       INTEGER NOT NULL CHECK (periods BETWEEN 1 AND 100),
  forecast      TEXT CHECK (json_valid(forecast)) NOT NULL CHECK (json_type(forecast) = 'object'),
  created_at    INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  CONSTRAINT predictions_model_delivery_issued_key UNIQUE (model_id, delivery_date, issued_at)
) STRICT;
CREATE INDEX predictions_zone_delivery_idx ON predictions (zone_id, delivery_date);

CREATE TABLE analytics_cache (
  cache_key       TEXT PRIMARY KEY CHECK (length(cache_key) BETWEEN 1 AND 512),
  organization_id TEXT CHECK (length(organization_id) = 36 AND organization_id NOT GLOB '*[^0-9a-f-]*') REFERENCES organizations (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('market_analytics', 'anomaly_detection', 'cross_market', 'kpis')),
  params          TEXT CHECK (json_valid(params)) NOT NULL,
  payload         TEXT CHECK (json_valid(payload)) NOT NULL,
  computed_at     INTEGER NOT NULL CHECK (computed_at >= 0),
  expires_at      INTEGER NOT NULL CHECK (expires_at >= 0),
  CHECK (expires_at > computed_at)
) STRICT;
CREATE INDEX analytics_cache_expires_idx ON analytics_cache (expires_at);

CREATE TABLE billing_accounts (
  id              TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  organization_id TEXT NOT NULL CHECK (length(organization_id) = 36 AND organization_id NOT GLOB '*[^0-9a-f-]*') UNIQUE REFERENCES organizations (id) ON DELETE CASCADE,
  billing_email   TEXT NOT NULL CHECK (billing_email LIKE '%_@_%'),
  legal_name      TEXT NOT NULL,
  country         TEXT NOT NULL CHECK (country GLOB '[A-Z][A-Z]'),
  tax_id          TEXT,
  currency        TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  balance_minor   INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  updated_at      INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER))
) STRICT;

CREATE TABLE subscriptions (
  id                   TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  billing_account_id   TEXT NOT NULL CHECK (length(billing_account_id) = 36 AND billing_account_id NOT GLOB '*[^0-9a-f-]*') REFERENCES billing_accounts (id) ON DELETE CASCADE,
  plan                 TEXT NOT NULL CHECK (plan IN ('desk', 'floor', 'enterprise')),
  status               TEXT NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'cancelled')),
  seats                INTEGER NOT NULL CHECK (seats >= 1),
  unit_price_minor     INTEGER NOT NULL CHECK (unit_price_minor >= 0),
  currency             TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  current_period_start INTEGER NOT NULL CHECK (current_period_start >= 0),
  current_period_end   INTEGER NOT NULL CHECK (current_period_end >= 0),
  cancel_at            INTEGER CHECK (cancel_at >= 0),
  created_at           INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  updated_at           INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  CHECK (current_period_end > current_period_start)
) STRICT;
CREATE INDEX subscriptions_account_idx ON subscriptions (billing_account_id, status);

CREATE TABLE invoices (
  id                 TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  billing_account_id TEXT NOT NULL CHECK (length(billing_account_id) = 36 AND billing_account_id NOT GLOB '*[^0-9a-f-]*') REFERENCES billing_accounts (id) ON DELETE RESTRICT,
  subscription_id    TEXT CHECK (length(subscription_id) = 36 AND subscription_id NOT GLOB '*[^0-9a-f-]*') REFERENCES subscriptions (id) ON DELETE SET NULL,
  number             TEXT NOT NULL UNIQUE,
  status             TEXT NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
  currency           TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  subtotal_minor     INTEGER NOT NULL CHECK (subtotal_minor >= 0),
  tax_minor          INTEGER NOT NULL CHECK (tax_minor >= 0),
  total_minor        INTEGER NOT NULL,
  period_start       INTEGER NOT NULL CHECK (period_start >= 0),
  period_end         INTEGER NOT NULL CHECK (period_end >= 0),
  issued_at          INTEGER CHECK (issued_at >= 0),
  due_at             INTEGER CHECK (due_at >= 0),
  paid_at            INTEGER CHECK (paid_at >= 0),
  created_at         INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  CHECK (total_minor = subtotal_minor + tax_minor),
  CHECK (period_end > period_start),
  CHECK (status <> 'paid' OR paid_at IS NOT NULL)
) STRICT;
CREATE INDEX invoices_account_idx ON invoices (billing_account_id, status);
CREATE INDEX invoices_subscription_idx ON invoices (subscription_id);

CREATE TABLE payments (
  id           TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  invoice_id   TEXT NOT NULL CHECK (length(invoice_id) = 36 AND invoice_id NOT GLOB '*[^0-9a-f-]*') REFERENCES invoices (id) ON DELETE RESTRICT,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  currency     TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  method       TEXT NOT NULL CHECK (method IN ('card', 'sepa_debit', 'bank_transfer', 'ach')),
  status       TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
  external_ref TEXT UNIQUE,
  created_at   INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  settled_at   INTEGER CHECK (settled_at >= 0)
) STRICT;
CREATE INDEX payments_invoice_idx ON payments (invoice_id);

CREATE TABLE backups (
  id           TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  dialect      TEXT NOT NULL CHECK (dialect IN ('sqlite', 'postgres')),
  location     TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  size_bytes   INTEGER CHECK (size_bytes >= 0),
  sha256       TEXT CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  error        TEXT,
  started_at   INTEGER NOT NULL CHECK (started_at >= 0),
  completed_at INTEGER CHECK (completed_at >= 0),
  created_by   TEXT CHECK (length(created_by) = 36 AND created_by NOT GLOB '*[^0-9a-f-]*') REFERENCES users (id) ON DELETE SET NULL,
  CHECK (status <> 'completed' OR (completed_at IS NOT NULL AND sha256 IS NOT NULL AND size_bytes IS NOT NULL)),
  CHECK (completed_at IS NULL OR completed_at >= started_at)
) STRICT;
CREATE INDEX backups_started_idx ON backups (started_at DESC);
