-- 002 markets and trading: the zone catalogue, sites, assets, bids (curves and blocks) and
-- market data. Prices are INTEGER minor units of the zone currency per MWh (cents), volumes
-- and power INTEGER kW, energy INTEGER kWh, ratios INTEGER basis points (10000 = 100 %).

CREATE TABLE market_zones (
  id                        TEXT PRIMARY KEY CHECK (length(id) BETWEEN 2 AND 16 AND id GLOB '[A-Z]*' AND id NOT GLOB '*[^A-Z0-9_]*'),
  name                      TEXT NOT NULL,
  region                    TEXT NOT NULL CHECK (region IN ('EU', 'US')),
  country                   TEXT NOT NULL CHECK (country GLOB '[A-Z][A-Z]'),
  iso                       TEXT,
  exchange                  TEXT NOT NULL,
  timezone                  TEXT NOT NULL,
  currency                  TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  mtu_minutes               INTEGER NOT NULL CHECK (mtu_minutes IN (15, 60)),
  mtu_since                 TEXT CHECK (date(mtu_since) IS mtu_since),
  mtu_minutes_before        INTEGER CHECK (mtu_minutes_before IN (15, 60)),
  price_floor_minor         INTEGER NOT NULL,
  price_cap_minor           INTEGER NOT NULL,
  cost_verified_cap_minor   INTEGER,
  gate_days_before          INTEGER NOT NULL CHECK (gate_days_before BETWEEN 0 AND 7),
  gate_time                 TEXT NOT NULL CHECK (gate_time GLOB '[0-2][0-9]:[0-5][0-9]' AND gate_time <= '23:59'),
  gate_timezone             TEXT NOT NULL,
  curve_kind                TEXT NOT NULL CHECK (curve_kind IN ('step', 'linear')),
  curve_min_points          INTEGER NOT NULL CHECK (curve_min_points >= 1),
  curve_max_points          INTEGER NOT NULL,
  price_tick_minor          INTEGER NOT NULL CHECK (price_tick_minor > 0),
  volume_lot_kw             INTEGER NOT NULL CHECK (volume_lot_kw > 0),
  curve_full_price_range    INTEGER NOT NULL CHECK (curve_full_price_range IN (0, 1)),
  curve_monotonic           TEXT CHECK (curve_monotonic IN ('increasing')),
  curve_distinct_adjacent_prices INTEGER NOT NULL CHECK (curve_distinct_adjacent_prices IN (0, 1)),
  intraday_floor_minor      INTEGER,
  intraday_cap_minor        INTEGER,
  -- SIDC intraday auctions (IDA1-3): id, gate closure and delivery window of each
  intraday_auctions         TEXT CHECK (json_valid(intraday_auctions) AND json_type(intraday_auctions) = 'array'),
  geometry                  TEXT CHECK (json_valid(geometry)) NOT NULL CHECK (geometry->>'type' IN ('Point', 'Polygon')),
  catalogue_version         INTEGER NOT NULL CHECK (catalogue_version >= 1),
  updated_at                INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  CHECK (price_floor_minor < price_cap_minor),
  CHECK (curve_max_points >= curve_min_points),
  CHECK ((mtu_since IS NULL) = (mtu_minutes_before IS NULL)),
  CHECK ((intraday_floor_minor IS NULL) = (intraday_cap_minor IS NULL)),
  CHECK ((intraday_auctions IS NULL) OR (intraday_floor_minor IS NOT NULL)),
  CHECK (intraday_floor_minor IS NULL OR intraday_floor_minor < intraday_cap_minor)
) STRICT;

CREATE TABLE sites (
  id               TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  organization_id  TEXT NOT NULL CHECK (length(organization_id) = 36 AND organization_id NOT GLOB '*[^0-9a-f-]*') REFERENCES organizations (id) ON DELETE CASCADE,
  name             TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  latitude         REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude        REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  zone_id          TEXT NOT NULL REFERENCES market_zones (id),
  grid_capacity_kw INTEGER NOT NULL CHECK (grid_capacity_kw > 0),
  version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at       INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  updated_at       INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  CONSTRAINT sites_organization_name_key UNIQUE (organization_id, name)
) STRICT;
CREATE INDEX sites_zone_idx ON sites (zone_id);

CREATE TABLE assets (
  id                       TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  organization_id          TEXT NOT NULL CHECK (length(organization_id) = 36 AND organization_id NOT GLOB '*[^0-9a-f-]*') REFERENCES organizations (id) ON DELETE CASCADE,
  site_id                  TEXT CHECK (length(site_id) = 36 AND site_id NOT GLOB '*[^0-9a-f-]*') REFERENCES sites (id) ON DELETE RESTRICT,
  name                     TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
  kind                     TEXT NOT NULL CHECK (kind IN ('solar', 'wind', 'storage', 'flexible_load')),
  zone_id                  TEXT NOT NULL REFERENCES market_zones (id),
  capacity_kw              INTEGER NOT NULL CHECK (capacity_kw > 0),
  energy_capacity_kwh      INTEGER CHECK (energy_capacity_kwh > 0),
  round_trip_efficiency_bp INTEGER CHECK (round_trip_efficiency_bp BETWEEN 1 AND 10000),
  soc_min_bp               INTEGER CHECK (soc_min_bp BETWEEN 0 AND 10000),
  soc_max_bp               INTEGER CHECK (soc_max_bp BETWEEN 0 AND 10000),
  max_charge_kw            INTEGER CHECK (max_charge_kw > 0),
  max_discharge_kw         INTEGER CHECK (max_discharge_kw > 0),
  status                   TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'retired')),
  version                  INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at               INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  updated_at               INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  CONSTRAINT assets_organization_name_key UNIQUE (organization_id, name),
  CHECK (kind <> 'storage' OR (energy_capacity_kwh IS NOT NULL AND round_trip_efficiency_bp IS NOT NULL)),
  CHECK (kind = 'storage' OR (energy_capacity_kwh IS NULL AND soc_min_bp IS NULL AND soc_max_bp IS NULL
                              AND max_charge_kw IS NULL AND max_discharge_kw IS NULL
                              AND round_trip_efficiency_bp IS NULL)),
  CHECK (soc_min_bp IS NULL OR soc_max_bp IS NULL OR soc_min_bp < soc_max_bp)
) STRICT;
CREATE INDEX assets_site_idx ON assets (site_id);
CREATE INDEX assets_organization_kind_idx ON assets (organization_id, kind);
CREATE INDEX assets_zone_idx ON assets (zone_id);

-- A bid's id is generated by the client that drafts it (offline too); submission_id is the
-- client's idempotency key for the submission, unique so a replay can never create a second.
CREATE TABLE bids (
  id                 TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  organization_id    TEXT NOT NULL CHECK (length(organization_id) = 36 AND organization_id NOT GLOB '*[^0-9a-f-]*') REFERENCES organizations (id) ON DELETE CASCADE,
  created_by         TEXT CHECK (length(created_by) = 36 AND created_by NOT GLOB '*[^0-9a-f-]*') REFERENCES users (id) ON DELETE SET NULL,
  asset_id           TEXT CHECK (length(asset_id) = 36 AND asset_id NOT GLOB '*[^0-9a-f-]*') REFERENCES assets (id) ON DELETE RESTRICT,
  portfolio          TEXT CHECK (length(trim(portfolio)) BETWEEN 1 AND 200),
  zone_id            TEXT NOT NULL REFERENCES market_zones (id),
  market             TEXT NOT NULL CHECK (market IN ('day_ahead', 'intraday_auction')),
  auction            TEXT CHECK (auction IN ('IDA1', 'IDA2', 'IDA3')),
  delivery_date      TEXT NOT NULL CHECK (date(delivery_date) IS delivery_date),
  -- 'both': a curve that buys at low prices and sells at high ones (storage, portfolios)
  side               TEXT NOT NULL CHECK (side IN ('buy', 'sell', 'both')),
  order_type         TEXT NOT NULL CHECK (order_type IN ('curve', 'block')),
  curve_kind         TEXT CHECK (curve_kind IN ('step', 'linear')),
  status             TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted', 'partially_accepted', 'rejected', 'cancelled', 'expired')),
  version            INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  submission_id      TEXT CHECK (length(submission_id) = 36 AND submission_id NOT GLOB '*[^0-9a-f-]*') UNIQUE,
  gate_closure_at    INTEGER NOT NULL CHECK (gate_closure_at >= 0),
  submitted_at       INTEGER CHECK (submitted_at >= 0),
  decided_at         INTEGER CHECK (decided_at >= 0),
  cancelled_at       INTEGER CHECK (cancelled_at >= 0),
  rejection_reason   TEXT,
  confirmed_warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(confirmed_warnings)) CHECK (json_type(confirmed_warnings) = 'array'),
  copied_from_bid_id TEXT CHECK (length(copied_from_bid_id) = 36 AND copied_from_bid_id NOT GLOB '*[^0-9a-f-]*') REFERENCES bids (id) ON DELETE SET NULL,
  notes              TEXT,
  created_at         INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  updated_at         INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  CHECK (asset_id IS NOT NULL OR portfolio IS NOT NULL),
  CHECK ((market = 'intraday_auction') = (auction IS NOT NULL)),
  CHECK ((order_type = 'curve') = (curve_kind IS NOT NULL)),
  CHECK (status NOT IN ('submitted', 'accepted', 'partially_accepted', 'rejected')
         OR (submission_id IS NOT NULL AND submitted_at IS NOT NULL)),
  CHECK (status NOT IN ('accepted', 'partially_accepted', 'rejected') OR decided_at IS NOT NULL),
  CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL),
  CHECK (side <> 'both' OR order_type = 'curve')
) STRICT;
CREATE INDEX bids_organization_delivery_idx ON bids (organization_id, delivery_date, status);
CREATE INDEX bids_organization_status_idx ON bids (organization_id, status, updated_at DESC);
CREATE INDEX bids_zone_delivery_idx ON bids (zone_id, delivery_date);
CREATE INDEX bids_asset_delivery_idx ON bids (asset_id, delivery_date);
CREATE INDEX bids_gate_open_drafts_idx ON bids (gate_closure_at) WHERE status = 'draft';
CREATE INDEX bids_created_by_idx ON bids (created_by);
CREATE INDEX bids_copied_from_idx ON bids (copied_from_bid_id);

-- Curve orders: price-quantity points per period (1-based, up to 100 on a 15-minute
-- clock-change day), ordered by seq. Volumes follow the exchanges' sign convention:
-- positive buys (demand), negative sells (supply), so one curve may cross zero.
CREATE TABLE bid_curve_points (
  bid_id      TEXT NOT NULL CHECK (length(bid_id) = 36 AND bid_id NOT GLOB '*[^0-9a-f-]*') REFERENCES bids (id) ON DELETE CASCADE,
  period      INTEGER NOT NULL CHECK (period BETWEEN 1 AND 100),
  seq         INTEGER NOT NULL CHECK (seq BETWEEN 0 AND 255),
  price_minor INTEGER NOT NULL,
  volume_kw   INTEGER NOT NULL,
  PRIMARY KEY (bid_id, period, seq)
) STRICT;

-- Block orders: one price over consecutive periods with a signed volume per period (profile blocks),
-- a minimum acceptance ratio, an optional parent (linked blocks) and exclusive group.
CREATE TABLE bid_blocks (
  id                      TEXT PRIMARY KEY CHECK (length(id) = 36 AND id NOT GLOB '*[^0-9a-f-]*'),
  bid_id                  TEXT NOT NULL CHECK (length(bid_id) = 36 AND bid_id NOT GLOB '*[^0-9a-f-]*') REFERENCES bids (id) ON DELETE CASCADE,
  name                    TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  price_minor             INTEGER NOT NULL,
  min_acceptance_ratio_bp INTEGER NOT NULL DEFAULT 10000 CHECK (min_acceptance_ratio_bp BETWEEN 1 AND 10000),
  parent_block_id         TEXT CHECK (length(parent_block_id) = 36 AND parent_block_id NOT GLOB '*[^0-9a-f-]*'),
  exclusive_group         TEXT CHECK (length(trim(exclusive_group)) BETWEEN 1 AND 100),
  accepted_ratio_bp       INTEGER CHECK (accepted_ratio_bp BETWEEN 0 AND 10000),
  CONSTRAINT bid_blocks_bid_name_key UNIQUE (bid_id, name),
  CONSTRAINT bid_blocks_bid_id_key UNIQUE (bid_id, id),
  -- a linked block's parent is a block of the same bid
  CONSTRAINT bid_blocks_parent_fkey FOREIGN KEY (bid_id, parent_block_id) REFERENCES bid_blocks (bid_id, id) ON DELETE CASCADE,
  CHECK (parent_block_id IS NULL OR parent_block_id <> id),
  -- accepted either not at all or at least at the minimum acceptance ratio
  CHECK (accepted_ratio_bp IS NULL OR accepted_ratio_bp = 0 OR accepted_ratio_bp >= min_acceptance_ratio_bp)
) STRICT;
CREATE INDEX bid_blocks_parent_idx ON bid_blocks (parent_block_id);

CREATE TABLE bid_block_periods (
  block_id  TEXT NOT NULL CHECK (length(block_id) = 36 AND block_id NOT GLOB '*[^0-9a-f-]*') REFERENCES bid_blocks (id) ON DELETE CASCADE,
  period    INTEGER NOT NULL CHECK (period BETWEEN 1 AND 100),
  volume_kw INTEGER NOT NULL CHECK (volume_kw <> 0),
  PRIMARY KEY (block_id, period)
) STRICT;

-- Results per period once the market has cleared (or a price-taker backtest has run).
CREATE TABLE bid_period_results (
  bid_id               TEXT NOT NULL CHECK (length(bid_id) = 36 AND bid_id NOT GLOB '*[^0-9a-f-]*') REFERENCES bids (id) ON DELETE CASCADE,
  period               INTEGER NOT NULL CHECK (period BETWEEN 1 AND 100),
  cleared_volume_kw    INTEGER NOT NULL CHECK (cleared_volume_kw >= 0),
  clearing_price_minor INTEGER NOT NULL,
  PRIMARY KEY (bid_id, period)
) STRICT;

-- Prices and fundamentals per zone, market and resolution (0 = raw tick). One row per
-- interval start, so re-imports and replays upsert instead of duplicating.
CREATE TABLE market_data (
  zone_id                  TEXT NOT NULL REFERENCES market_zones (id),
  market                   TEXT NOT NULL CHECK (market IN ('day_ahead', 'intraday', 'realtime', 'tick')),
  resolution_minutes       INTEGER NOT NULL CHECK (resolution_minutes IN (0, 1, 5, 15, 30, 60, 1440)),
  interval_start           INTEGER NOT NULL CHECK (interval_start >= 0),
  price_minor              INTEGER,
  volume_kw                INTEGER CHECK (volume_kw >= 0),
  load_forecast_kw         INTEGER CHECK (load_forecast_kw >= 0),
  load_actual_kw           INTEGER CHECK (load_actual_kw >= 0),
  generation_kw            INTEGER CHECK (generation_kw >= 0),
  solar_forecast_kw        INTEGER CHECK (solar_forecast_kw >= 0),
  wind_onshore_forecast_kw INTEGER CHECK (wind_onshore_forecast_kw >= 0),
  wind_offshore_forecast_kw INTEGER CHECK (wind_offshore_forecast_kw >= 0),
  source                   TEXT NOT NULL CHECK (source IN ('simulator', 'replay', 'import', 'feed', 'manual')),
  received_at              INTEGER NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
  PRIMARY KEY (zone_id, market, resolution_minutes, interval_start),
  CHECK ((market = 'tick') = (resolution_minutes = 0))
) STRICT;
CREATE INDEX market_data_zone_time_idx ON market_data (zone_id, interval_start DESC);
CREATE INDEX market_data_time_idx ON market_data (interval_start);
