-- 003 analytics, forecasting, dashboards, billing and operations.

CREATE TABLE dashboards (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  owner_user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  is_default      boolean NOT NULL DEFAULT false,
  layout          jsonb NOT NULL DEFAULT '{}'::jsonb,
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT dashboards_owner_name_key UNIQUE (owner_user_id, organization_id, name)
);
CREATE INDEX dashboards_organization_idx ON dashboards (organization_id);
CREATE UNIQUE INDEX dashboards_one_default_idx ON dashboards (owner_user_id, organization_id) WHERE is_default;

CREATE TABLE dashboard_widgets (
  id           uuid PRIMARY KEY,
  dashboard_id uuid NOT NULL REFERENCES dashboards (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('price_chart', 'price_table', 'order_book', 'bid_list', 'kpi', 'forecast', 'heatmap', 'alerts', 'map')),
  title        text NOT NULL DEFAULT '',
  config       jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(config) = 'object'),
  pos_x        integer NOT NULL CHECK (pos_x >= 0),
  pos_y        integer NOT NULL CHECK (pos_y >= 0),
  width        integer NOT NULL CHECK (width BETWEEN 1 AND 48),
  height       integer NOT NULL CHECK (height BETWEEN 1 AND 48),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dashboard_widgets_dashboard_idx ON dashboard_widgets (dashboard_id);

CREATE TABLE ml_models (
  id                uuid PRIMARY KEY,
  organization_id   uuid REFERENCES organizations (id) ON DELETE CASCADE,
  name              text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  architecture      text NOT NULL CHECK (architecture IN ('tft', 'nbeats', 'deepar', 'lear', 'naive')),
  zone_id           text NOT NULL REFERENCES market_zones (id),
  status            text NOT NULL CHECK (status IN ('queued', 'training', 'ready', 'failed', 'cancelled')),
  hyperparameters   jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(hyperparameters) = 'object'),
  training_from     timestamptz,
  training_to       timestamptz,
  metrics           jsonb NOT NULL DEFAULT '{}'::jsonb,
  artifact_path     text,
  artifact_bytes    bigint CHECK (artifact_bytes >= 0),
  artifact_sha256   char(64) CHECK (artifact_sha256 ~ '^[0-9a-f]{64}$'),
  error_message     text,
  created_by        uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (training_from IS NULL OR training_to IS NULL OR training_from < training_to),
  CHECK (status <> 'ready' OR artifact_path IS NOT NULL)
);
CREATE INDEX ml_models_organization_zone_idx ON ml_models (organization_id, zone_id, architecture);

-- A forecast for one delivery day: points and quantiles per period. Forecasts are model
-- outputs (estimates), so they are kept as JSON numbers, unlike market prices.
CREATE TABLE predictions (
  id            uuid PRIMARY KEY,
  model_id      uuid NOT NULL REFERENCES ml_models (id) ON DELETE CASCADE,
  zone_id       text NOT NULL REFERENCES market_zones (id),
  delivery_date date NOT NULL,
  issued_at     timestamptz NOT NULL,
  periods       integer NOT NULL CHECK (periods BETWEEN 1 AND 100),
  forecast      jsonb NOT NULL CHECK (jsonb_typeof(forecast) = 'object'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT predictions_model_delivery_issued_key UNIQUE (model_id, delivery_date, issued_at)
);
CREATE INDEX predictions_zone_delivery_idx ON predictions (zone_id, delivery_date);

CREATE TABLE analytics_cache (
  cache_key       text PRIMARY KEY CHECK (length(cache_key) BETWEEN 1 AND 512),
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('market_analytics', 'anomaly_detection', 'cross_market', 'kpis')),
  params          jsonb NOT NULL,
  payload         jsonb NOT NULL,
  computed_at     timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  CHECK (expires_at > computed_at)
);
CREATE INDEX analytics_cache_expires_idx ON analytics_cache (expires_at);

CREATE TABLE billing_accounts (
  id              uuid PRIMARY KEY,
  organization_id uuid NOT NULL UNIQUE REFERENCES organizations (id) ON DELETE CASCADE,
  billing_email   text NOT NULL CHECK (billing_email LIKE '%_@_%'),
  legal_name      text NOT NULL,
  country         char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  tax_id          text,
  currency        char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  balance_minor   bigint NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE subscriptions (
  id                   uuid PRIMARY KEY,
  billing_account_id   uuid NOT NULL REFERENCES billing_accounts (id) ON DELETE CASCADE,
  plan                 text NOT NULL CHECK (plan IN ('desk', 'floor', 'enterprise')),
  status               text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'cancelled')),
  seats                integer NOT NULL CHECK (seats >= 1),
  unit_price_minor     bigint NOT NULL CHECK (unit_price_minor >= 0),
  currency             char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  current_period_start timestamptz NOT NULL,
  current_period_end   timestamptz NOT NULL,
  cancel_at            timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (current_period_end > current_period_start)
);
CREATE INDEX subscriptions_account_idx ON subscriptions (billing_account_id, status);

CREATE TABLE invoices (
  id                 uuid PRIMARY KEY,
  billing_account_id uuid NOT NULL REFERENCES billing_accounts (id) ON DELETE RESTRICT,
  subscription_id    uuid REFERENCES subscriptions (id) ON DELETE SET NULL,
  number             text NOT NULL UNIQUE,
  status             text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void', 'uncollectible')),
  currency           char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  subtotal_minor     bigint NOT NULL CHECK (subtotal_minor >= 0),
  tax_minor          bigint NOT NULL CHECK (tax_minor >= 0),
  total_minor        bigint NOT NULL,
  period_start       timestamptz NOT NULL,
  period_end         timestamptz NOT NULL,
  issued_at          timestamptz,
  due_at             timestamptz,
  paid_at            timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (total_minor = subtotal_minor + tax_minor),
  CHECK (period_end > period_start),
  CHECK (status <> 'paid' OR paid_at IS NOT NULL)
);
CREATE INDEX invoices_account_idx ON invoices (billing_account_id, status);
CREATE INDEX invoices_subscription_idx ON invoices (subscription_id);

CREATE TABLE payments (
  id           uuid PRIMARY KEY,
  invoice_id   uuid NOT NULL REFERENCES invoices (id) ON DELETE RESTRICT,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency     char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  method       text NOT NULL CHECK (method IN ('card', 'sepa_debit', 'bank_transfer', 'ach')),
  status       text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
  external_ref text UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  settled_at   timestamptz
);
CREATE INDEX payments_invoice_idx ON payments (invoice_id);

CREATE TABLE backups (
  id           uuid PRIMARY KEY,
  dialect      text NOT NULL CHECK (dialect IN ('sqlite', 'postgres')),
  location     text NOT NULL,
  status       text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  size_bytes   bigint CHECK (size_bytes >= 0),
  sha256       char(64) CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  error        text,
  started_at   timestamptz NOT NULL,
  completed_at timestamptz,
  created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  CHECK (status <> 'completed' OR (completed_at IS NOT NULL AND sha256 IS NOT NULL AND size_bytes IS NOT NULL)),
  CHECK (completed_at IS NULL OR completed_at >= started_at)
);
CREATE INDEX backups_started_idx ON backups (started_at DESC);
