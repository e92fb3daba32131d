-- 002 markets and trading: the zone catalogue, sites, assets, bids (curves and blocks) and
-- market data. Prices are bigint minor units of the zone currency per MWh (cents), volumes
-- and power bigint kW, energy bigint kWh, ratios integer basis points (10000 = 100 %).

CREATE TABLE market_zones (
  id                        text PRIMARY KEY CHECK (id ~ '^[A-Z][A-Z0-9_]{1,15}$'),
  name                      text NOT NULL,
  region                    text NOT NULL CHECK (region IN ('EU', 'US')),
  country                   char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  iso                       text,
  exchange                  text NOT NULL,
  timezone                  text NOT NULL,
  currency                  char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  mtu_minutes               integer NOT NULL CHECK (mtu_minutes IN (15, 60)),
  mtu_since                 date,
  mtu_minutes_before        integer CHECK (mtu_minutes_before IN (15, 60)),
  price_floor_minor         bigint NOT NULL,
  price_cap_minor           bigint NOT NULL,
  cost_verified_cap_minor   bigint,
  gate_days_before          integer NOT NULL CHECK (gate_days_before BETWEEN 0 AND 7),
  gate_time                 text NOT NULL CHECK (gate_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  gate_timezone             text NOT NULL,
  curve_kind                text NOT NULL CHECK (curve_kind IN ('step', 'linear')),
  curve_min_points          integer NOT NULL CHECK (curve_min_points >= 1),
  curve_max_points          integer NOT NULL,
  price_tick_minor          bigint NOT NULL CHECK (price_tick_minor > 0),
  volume_lot_kw             bigint NOT NULL CHECK (volume_lot_kw > 0),
  curve_full_price_range    boolean NOT NULL,
  curve_monotonic           text CHECK (curve_monotonic IN ('increasing')),
  curve_distinct_adjacent_prices boolean NOT NULL,
  intraday_floor_minor      bigint,
  intraday_cap_minor        bigint,
  -- SIDC intraday auctions (IDA1-3): id, gate closure and delivery window of each
  intraday_auctions         jsonb CHECK (jsonb_typeof(intraday_auctions) = 'array'),
  geometry                  jsonb NOT NULL CHECK (geometry->>'type' IN ('Point', 'Polygon')),
  catalogue_version         integer NOT NULL CHECK (catalogue_version >= 1),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CHECK (price_floor_minor < price_cap_minor),
  CHECK (curve_max_points >= curve_min_points),
  CHECK ((mtu_since IS NULL) = (mtu_minutes_before IS NULL)),
  CHECK ((intraday_floor_minor IS NULL) = (intraday_cap_minor IS NULL)),
  CHECK ((intraday_auctions IS NULL) OR (intraday_floor_minor IS NOT NULL)),
  CHECK (intraday_floor_minor IS NULL OR intraday_floor_minor < intraday_cap_minor)
);

CREATE TABLE sites (
  id               uuid PRIMARY KEY,
  organization_id  uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  latitude         double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude        double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  zone_id          text NOT NULL REFERENCES market_zones (id),
  grid_capacity_kw bigint NOT NULL CHECK (grid_capacity_kw > 0),
  version          integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sites_organization_name_key UNIQUE (organization_id, name)
);
CREATE INDEX sites_zone_idx ON sites (zone_id);

CREATE TABLE assets (
  id                       uuid PRIMARY KEY,
  organization_id          uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  site_id                  uuid REFERENCES sites (id) ON DELETE RESTRICT,
  name                     text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  kind                     text NOT NULL CHECK (kind IN ('solar', 'wind', 'storage', 'flexible_load')),
  zone_id                  text NOT NULL REFERENCES market_zones (id),
  capacity_kw              bigint NOT NULL CHECK (capacity_kw > 0),
  energy_capacity_kwh      bigint CHECK (energy_capacity_kwh > 0),
  round_trip_efficiency_bp integer CHECK (round_trip_efficiency_bp BETWEEN 1 AND 10000),
  soc_min_bp               integer CHECK (soc_min_bp BETWEEN 0 AND 10000),
  soc_max_bp               integer CHECK (soc_max_bp BETWEEN 0 AND 10000),
  max_charge_kw            bigint CHECK (max_charge_kw > 0),
  max_discharge_kw         bigint CHECK (max_discharge_kw > 0),
  status                   text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'retired')),
  version                  integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT assets_organization_name_key UNIQUE (organization_id, name),
  CHECK (kind <> 'storage' OR (energy_capacity_kwh IS NOT NULL AND round_trip_efficiency_bp IS NOT NULL)),
  CHECK (kind = 'storage' OR (energy_capacity_kwh IS NULL AND soc_min_bp IS NULL AND soc_max_bp IS NULL
                              AND max_charge_kw IS NULL AND max_discharge_kw IS NULL
                              AND round_trip_efficiency_bp IS NULL)),
  CHECK (soc_min_bp IS NULL OR soc_max_bp IS NULL OR soc_min_bp < soc_max_bp)
);
CREATE INDEX assets_site_idx ON assets (site_id);
CREATE INDEX assets_organization_kind_idx ON assets (organization_id, kind);
CREATE INDEX assets_zone_idx ON assets (zone_id);

-- A bid's id is generated by the client that drafts it (offline too); submission_id is the
-- client's idempotency key for the submission, unique so a replay can never create a second.
CREATE TABLE bids (
  id                 uuid PRIMARY KEY,
  organization_id    uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  created_by         uuid REFERENCES users (id) ON DELETE SET NULL,
  asset_id           uuid REFERENCES assets (id) ON DELETE RESTRICT,
  portfolio          text CHECK (length(btrim(portfolio)) BETWEEN 1 AND 200),
  zone_id            text NOT NULL REFERENCES market_zones (id),
  market             text NOT NULL CHECK (market IN ('day_ahead', 'intraday_auction')),
  auction            text CHECK (auction IN ('IDA1', 'IDA2', 'IDA3')),
  delivery_date      date NOT NULL,
  -- 'both': a curve that buys at low prices and sells at high ones (storage, portfolios)
  side               text NOT NULL CHECK (side IN ('buy', 'sell', 'both')),
  order_type         text NOT NULL CHECK (order_type IN ('curve', 'block')),
  curve_kind         text CHECK (curve_kind IN ('step', 'linear')),
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted', 'partially_accepted', 'rejected', 'cancelled', 'expired')),
  version            integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  submission_id      uuid UNIQUE,
  gate_closure_at    timestamptz NOT NULL,
  submitted_at       timestamptz,
  decided_at         timestamptz,
  cancelled_at       timestamptz,
  rejection_reason   text,
  confirmed_warnings jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(confirmed_warnings) = 'array'),
  copied_from_bid_id uuid REFERENCES bids (id) ON DELETE SET NULL,
  notes              text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (asset_id IS NOT NULL OR portfolio IS NOT NULL),
  CHECK ((market = 'intraday_auction') = (auction IS NOT NULL)),
  CHECK ((order_type = 'curve') = (curve_kind IS NOT NULL)),
  CHECK (status NOT IN ('submitted', 'accepted', 'partially_accepted', 'rejected')
         OR (submission_id IS NOT NULL AND submitted_at IS NOT NULL)),
  CHECK (status NOT IN ('accepted', 'partially_accepted', 'rejected') OR decided_at IS NOT NULL),
  CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL),
  CHECK (side <> 'both' OR order_type = 'curve')
);
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
  bid_id      uuid NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
  period      integer NOT NULL CHECK (period BETWEEN 1 AND 100),
  seq         integer NOT NULL CHECK (seq BETWEEN 0 AND 255),
  price_minor bigint NOT NULL,
  volume_kw   bigint NOT NULL,
  PRIMARY KEY (bid_id, period, seq)
);

-- Block orders: one price over consecutive periods with a signed volume per period (profile blocks),
-- a minimum acceptance ratio, an optional parent (linked blocks) and exclusive group.
CREATE TABLE bid_blocks (
  id                      uuid PRIMARY KEY,
  bid_id                  uuid NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
  name                    text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  price_minor             bigint NOT NULL,
  min_acceptance_ratio_bp integer NOT NULL DEFAULT 10000 CHECK (min_acceptance_ratio_bp BETWEEN 1 AND 10000),
  parent_block_id         uuid,
  exclusive_group         text CHECK (length(btrim(exclusive_group)) BETWEEN 1 AND 100),
  accepted_ratio_bp       integer CHECK (accepted_ratio_bp BETWEEN 0 AND 10000),
  CONSTRAINT bid_blocks_bid_name_key UNIQUE (bid_id, name),
  CONSTRAINT bid_blocks_bid_id_key UNIQUE (bid_id, id),
  -- a linked block's parent is a block of the same bid
  CONSTRAINT bid_blocks_parent_fkey FOREIGN KEY (bid_id, parent_block_id) REFERENCES bid_blocks (bid_id, id) ON DELETE CASCADE,
  CHECK (parent_block_id IS NULL OR parent_block_id <> id),
  -- accepted either not at all or at least at the minimum acceptance ratio
  CHECK (accepted_ratio_bp IS NULL OR accepted_ratio_bp = 0 OR accepted_ratio_bp >= min_acceptance_ratio_bp)
);
CREATE INDEX bid_blocks_parent_idx ON bid_blocks (parent_block_id);

CREATE TABLE bid_block_periods (
  block_id  uuid NOT NULL REFERENCES bid_blocks (id) ON DELETE CASCADE,
  period    integer NOT NULL CHECK (period BETWEEN 1 AND 100),
  volume_kw bigint NOT NULL CHECK (volume_kw <> 0),
  PRIMARY KEY (block_id, period)
);

-- Results per period once the market has cleared (or a price-taker backtest has run).
CREATE TABLE bid_period_results (
  bid_id               uuid NOT NULL REFERENCES bids (id) ON DELETE CASCADE,
  period               integer NOT NULL CHECK (period BETWEEN 1 AND 100),
  cleared_volume_kw    bigint NOT NULL CHECK (cleared_volume_kw >= 0),
  clearing_price_minor bigint NOT NULL,
  PRIMARY KEY (bid_id, period)
);

-- Prices and fundamentals per zone, market and resolution (0 = raw tick). One row per
-- interval start, so re-imports and replays upsert instead of duplicating.
CREATE TABLE market_data (
  zone_id                  text NOT NULL REFERENCES market_zones (id),
  market                   text NOT NULL CHECK (market IN ('day_ahead', 'intraday', 'realtime', 'tick')),
  resolution_minutes       integer NOT NULL CHECK (resolution_minutes IN (0, 1, 5, 15, 30, 60, 1440)),
  interval_start           timestamptz NOT NULL,
  price_minor              bigint,
  volume_kw                bigint CHECK (volume_kw >= 0),
  load_forecast_kw         bigint CHECK (load_forecast_kw >= 0),
  load_actual_kw           bigint CHECK (load_actual_kw >= 0),
  generation_kw            bigint CHECK (generation_kw >= 0),
  solar_forecast_kw        bigint CHECK (solar_forecast_kw >= 0),
  wind_onshore_forecast_kw bigint CHECK (wind_onshore_forecast_kw >= 0),
  wind_offshore_forecast_kw bigint CHECK (wind_offshore_forecast_kw >= 0),
  source                   text NOT NULL CHECK (source IN ('simulator', 'replay', 'import', 'feed', 'manual')),
  received_at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (zone_id, market, resolution_minutes, interval_start),
  CHECK ((market = 'tick') = (resolution_minutes = 0))
);
CREATE INDEX market_data_zone_time_idx ON market_data (zone_id, interval_start DESC);
CREATE INDEX market_data_time_idx ON market_data (interval_start);
