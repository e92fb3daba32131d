-- 007 alert rules: a trader's own conditions on live prices (a level crossed, a move over a
-- window, a spread between two zones, a feed gone quiet). Rules belong to their user, not to an
-- organisation: the organisation is the one they worked in when they made it, kept for the
-- notification and the audit log. Thresholds are bigint minor units of the zone currency per
-- MWh: a level, a move (either direction) or a spread (zone minus other zone). A rule fires when
-- its condition becomes true, at most once per cooldown; last_fired_at makes that hold across
-- restarts and across the terminals of one floor.

CREATE TABLE alert_rules (
  id               uuid PRIMARY KEY,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organization_id  uuid REFERENCES organizations (id) ON DELETE SET NULL,
  name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  kind             text NOT NULL CHECK (kind IN ('price_above', 'price_below', 'change_over_window', 'spread', 'data_gap')),
  zone_id          text NOT NULL REFERENCES market_zones (id),
  other_zone_id    text REFERENCES market_zones (id),
  threshold_minor  bigint,
  window_minutes   integer CHECK (window_minutes BETWEEN 1 AND 1440),
  severity         text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  enabled          boolean NOT NULL,
  cooldown_minutes integer NOT NULL CHECK (cooldown_minutes BETWEEN 1 AND 1440),
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  last_fired_at    timestamptz,
  CHECK (updated_at >= created_at),
  -- each kind has exactly its own fields
  CHECK (
    (kind IN ('price_above', 'price_below') AND threshold_minor IS NOT NULL AND other_zone_id IS NULL AND window_minutes IS NULL)
    OR (kind = 'change_over_window' AND threshold_minor > 0 AND other_zone_id IS NULL AND window_minutes IS NOT NULL)
    OR (kind = 'spread' AND threshold_minor IS NOT NULL AND other_zone_id IS NOT NULL AND other_zone_id <> zone_id AND window_minutes IS NULL)
    OR (kind = 'data_gap' AND threshold_minor IS NULL AND other_zone_id IS NULL AND window_minutes IS NOT NULL)
  )
);
CREATE INDEX alert_rules_user_idx ON alert_rules (user_id, created_at);
CREATE INDEX alert_rules_organization_idx ON alert_rules (organization_id);
