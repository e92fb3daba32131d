-- 008 the DNN forecaster (main/engine/ml/models/dnn/): one more architecture a model may have.
-- SQLite cannot alter a CHECK, so ml_models is rebuilt. Its predictions reference it ON DELETE
-- CASCADE: dropping the old table would delete them, so they are set aside first and put back.
CREATE TABLE predictions_kept AS SELECT * FROM predictions;
DROP TABLE predictions;

CREATE TABLE ml_models_new (
  id                TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  organization_id   TEXT CHECK (length(organization_id) = 36 AND organization_id NOT GLOB '*[^0-9a-f-]*') REFERENCES organizations (id) ON DELETE CASCADE,
  name              TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  architecture      TEXT NOT NULL CHECK (architecture IN ('tft', 'nbeats', 'deepar', 'dnn', 'lear', 'naive')),
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
INSERT INTO ml_models_new SELECT * FROM ml_models;
DROP TABLE ml_models;
ALTER TABLE ml_models_new RENAME TO ml_models;
CREATE INDEX ml_models_organization_zone_idx ON ml_models (organization_id, zone_id, architecture);

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
INSERT INTO predictions SELECT * FROM predictions_kept;
DROP TABLE predictions_kept;
CREATE INDEX predictions_zone_delivery_idx ON predictions (zone_id, delivery_date);
