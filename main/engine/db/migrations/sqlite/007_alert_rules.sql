-- 007 alert rules: SQLite dialect of postgres/007_alert_rules.sql. A trader's own conditions on
-- live prices; thresholds in INTEGER minor units of the zone currency per MWh.

CREATE TABLE alert_rules (
  id               TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  user_id          TEXT NOT NULL CHECK (length(user_id) = 36 AND user_id NOT GLOB '*[^0-9a-f-]*') REFERENCES users (id) ON DELETE CASCADE,
  organization_id  TEXT CHECK (length(organization_id) = 36 AND organization_id NOT GLOB '*[^0-9a-f-]*') REFERENCES organizations (id) ON DELETE SET NULL,
  name             TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 120),
  kind             TEXT NOT NULL CHECK (kind IN ('price_above', 'price_below', 'change_over_window', 'spread', 'data_gap')),
  zone_id          TEXT NOT NULL REFERENCES market_zones (id),
  other_zone_id    TEXT REFERENCES market_zones (id),
  threshold_minor  INTEGER,
  window_minutes   INTEGER CHECK (window_minutes BETWEEN 1 AND 1440),
  severity         TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  enabled          INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  cooldown_minutes INTEGER NOT NULL CHECK (cooldown_minutes BETWEEN 1 AND 1440),
  created_at       INTEGER NOT NULL CHECK (created_at >= 0),
  updated_at       INTEGER NOT NULL CHECK (updated_at >= 0),
  last_fired_at    INTEGER CHECK (last_fired_at >= 0),
  CHECK (updated_at >= created_at),
  -- each kind has exactly its own fields
  CHECK (
    (kind IN ('price_above', 'price_below') AND threshold_minor IS NOT NULL AND other_zone_id IS NULL AND window_minutes IS NULL)
    OR (kind = 'change_over_window' AND threshold_minor > 0 AND other_zone_id IS NULL AND window_minutes IS NOT NULL)
    OR (kind = 'spread' AND threshold_minor IS NOT NULL AND other_zone_id IS NOT NULL AND other_zone_id <> zone_id AND window_minutes IS NULL)
    OR (kind = 'data_gap' AND threshold_minor IS NULL AND other_zone_id IS NULL AND window_minutes IS NOT NULL)
  )
) STRICT;
CREATE INDEX alert_rules_user_idx ON alert_rules (user_id, created_at);
CREATE INDEX alert_rules_organization_idx ON alert_rules (organization_id);
