import { readFileSync } from 'node:fs';
import type { IntradayAuction, MarketZone } from '../../../shared/api/zones.js';
import { kwToMw, minorToPrice, mwToKw, priceToMinor } from '../../../shared/units.js';
import { resourcePath } from '../app-paths.js';

export interface ZoneCatalogue {
  version: number;
  zones: MarketZone[];
}

export const ZONE_CATALOGUE_FILE = resourcePath('market-zones.json');

/**
 * Loads resources/market-zones.json. The file ships with the build and its schema is checked
 * by the test suite (zone-catalogue.test.ts); at start-up the database's CHECK constraints
 * still refuse an impossible rule when it is seeded.
 */
export function loadZoneCatalogue(file = ZONE_CATALOGUE_FILE): ZoneCatalogue {
  const { version, zones } = JSON.parse(readFileSync(file, 'utf8')) as ZoneCatalogue;
  return { version, zones };
}

/** A market_zones row with JavaScript values (booleans, objects, ISO dates) in both dialects. */
export interface ZoneRow {
  id: string;
  name: string;
  region: 'EU' | 'US';
  country: string;
  iso: string | null;
  exchange: string;
  timezone: string;
  currency: string;
  mtu_minutes: number;
  mtu_since: string | null;
  mtu_minutes_before: number | null;
  price_floor_minor: number;
  price_cap_minor: number;
  cost_verified_cap_minor: number | null;
  gate_days_before: number;
  gate_time: string;
  gate_timezone: string;
  curve_kind: 'step' | 'linear';
  curve_min_points: number;
  curve_max_points: number;
  price_tick_minor: number;
  volume_lot_kw: number;
  curve_full_price_range: boolean;
  curve_monotonic: 'increasing' | null;
  curve_distinct_adjacent_prices: boolean;
  intraday_floor_minor: number | null;
  intraday_cap_minor: number | null;
  intraday_auctions: IntradayAuction[] | null;
  geometry: MarketZone['geometry'];
  catalogue_version: number;
}

export const zoneColumns = [
  'id', 'name', 'region', 'country', 'iso', 'exchange', 'timezone', 'currency', 'mtu_minutes', 'mtu_since',
  'mtu_minutes_before', 'price_floor_minor', 'price_cap_minor', 'cost_verified_cap_minor', 'gate_days_before',
  'gate_time', 'gate_timezone', 'curve_kind', 'curve_min_points', 'curve_max_points', 'price_tick_minor',
  'volume_lot_kw', 'curve_full_price_range', 'curve_monotonic', 'curve_distinct_adjacent_prices', 'intraday_floor_minor', 'intraday_cap_minor',
  'intraday_auctions', 'geometry', 'catalogue_version',
] as const satisfies readonly (keyof ZoneRow)[];

export function zoneToRow(zone: MarketZone, catalogueVersion: number): ZoneRow {
  return {
    id: zone.id,
    name: zone.name,
    region: zone.region,
    country: zone.country,
    iso: zone.iso,
    exchange: zone.exchange,
    timezone: zone.timezone,
    currency: zone.currency,
    mtu_minutes: zone.mtu.minutes,
    mtu_since: zone.mtu.since,
    mtu_minutes_before: zone.mtu.minutesBefore,
    price_floor_minor: priceToMinor(zone.priceLimits.floor),
    price_cap_minor: priceToMinor(zone.priceLimits.cap),
    cost_verified_cap_minor: zone.priceLimits.costVerifiedCap === undefined ? null : priceToMinor(zone.priceLimits.costVerifiedCap),
    gate_days_before: zone.gateClosure.daysBefore,
    gate_time: zone.gateClosure.time,
    gate_timezone: zone.gateClosure.timezone,
    curve_kind: zone.curve.kind,
    curve_min_points: zone.curve.minPoints,
    curve_max_points: zone.curve.maxPoints,
    price_tick_minor: priceToMinor(zone.curve.priceTick),
    volume_lot_kw: mwToKw(zone.curve.volumeLot),
    curve_full_price_range: zone.curve.fullPriceRange,
    curve_monotonic: zone.curve.monotonic ?? null,
    curve_distinct_adjacent_prices: zone.curve.distinctAdjacentPrices,
    intraday_floor_minor: zone.intraday ? priceToMinor(zone.intraday.priceLimits.floor) : null,
    intraday_cap_minor: zone.intraday ? priceToMinor(zone.intraday.priceLimits.cap) : null,
    intraday_auctions: zone.intraday?.auctions ?? null,
    geometry: zone.geometry,
    catalogue_version: catalogueVersion,
  };
}

export function rowToZone(row: ZoneRow): MarketZone {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    country: row.country,
    iso: row.iso,
    exchange: row.exchange,
    timezone: row.timezone,
    currency: row.currency,
    mtu: {
      minutes: row.mtu_minutes as 15 | 60,
      since: row.mtu_since,
      minutesBefore: row.mtu_minutes_before as 15 | 60 | null,
    },
    priceLimits: {
      floor: minorToPrice(row.price_floor_minor),
      cap: minorToPrice(row.price_cap_minor),
      ...(row.cost_verified_cap_minor === null ? {} : { costVerifiedCap: minorToPrice(row.cost_verified_cap_minor) }),
    },
    gateClosure: { daysBefore: row.gate_days_before, time: row.gate_time, timezone: row.gate_timezone },
    curve: {
      kind: row.curve_kind,
      minPoints: row.curve_min_points,
      maxPoints: row.curve_max_points,
      priceTick: minorToPrice(row.price_tick_minor),
      volumeLot: kwToMw(row.volume_lot_kw),
      fullPriceRange: row.curve_full_price_range,
      ...(row.curve_monotonic === null ? {} : { monotonic: row.curve_monotonic }),
      distinctAdjacentPrices: row.curve_distinct_adjacent_prices,
    },
    intraday:
      row.intraday_auctions === null || row.intraday_floor_minor === null || row.intraday_cap_minor === null
        ? null
        : {
            priceLimits: { floor: minorToPrice(row.intraday_floor_minor), cap: minorToPrice(row.intraday_cap_minor) },
            auctions: row.intraday_auctions,
          },
    geometry: row.geometry,
  };
}
