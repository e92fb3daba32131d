import { readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { MarketZone } from '../../../shared/api/zones.js';
import { loadZoneCatalogue, rowToZone, ZONE_CATALOGUE_FILE, zoneToRow } from './zone-catalogue.js';

const Catalogue = Type.Object({
  $comment: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  zones: Type.Array(MarketZone, { minItems: 1 }),
});

const catalogue = loadZoneCatalogue();
const zone = (id: string): MarketZone => {
  const found = catalogue.zones.find((z) => z.id === id);
  if (!found) throw new Error(`zone ${id} missing`);
  return found;
};
const EUROPE = ['DE_LU', 'FR', 'NL', 'BE', 'DK_1', 'DK_2', 'NO_1', 'NO_2', 'SE_3', 'SE_4', 'PL', 'FI'];
const NORD_POOL = ['DK_1', 'DK_2', 'NO_1', 'NO_2', 'SE_3', 'SE_4', 'FI'];

describe('market-zone catalogue (resources/market-zones.json)', () => {
  it('matches the MarketZone schema, field for field', () => {
    const raw: unknown = JSON.parse(readFileSync(ZONE_CATALOGUE_FILE, 'utf8'));
    expect([...Value.Errors(Catalogue, raw)].map((e) => `${e.path}: ${e.message}`)).toEqual([]);
  });

  it('lists the 12 ENTSO-E zones of the reference data and CAISO, ERCOT and PJM, once each', () => {
    const ids = catalogue.zones.map((z) => z.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...EUROPE, 'CAISO', 'ERCOT', 'PJM'].sort());
  });

  it('names real IANA timezones', () => {
    for (const z of catalogue.zones) {
      expect(() => new Intl.DateTimeFormat('en', { timeZone: z.timezone })).not.toThrow();
      expect(() => new Intl.DateTimeFormat('en', { timeZone: z.gateClosure.timezone })).not.toThrow();
    }
  });

  it('applies the SDAC rules to every European zone: -500/+4,000 EUR, gate 12:00 CET on D-1, 15-minute MTU from 1 October 2025', () => {
    for (const id of EUROPE) {
      const z = zone(id);
      expect([id, z.currency, z.priceLimits.floor, z.priceLimits.cap]).toEqual([id, 'EUR', -500, 4000]);
      expect(z.gateClosure).toEqual({ daysBefore: 1, time: '12:00', timezone: 'Europe/Brussels' });
      expect(z.mtu).toEqual({ minutes: 15, since: '2025-10-01', minutesBefore: 60 });
      expect(z.intraday?.priceLimits).toEqual({ floor: -9999.99, cap: 9999.99 });
      expect(z.intraday?.auctions.map((a) => `${a.id} D-${a.gateClosure.daysBefore} ${a.gateClosure.time} ${a.gateClosure.timezone} ${a.deliveryStart}-${a.deliveryEnd}`)).toEqual([
        'IDA1 D-1 15:00 Europe/Brussels 00:00-24:00',
        'IDA2 D-1 22:00 Europe/Brussels 00:00-24:00',
        'IDA3 D-0 10:00 Europe/Brussels 12:00-24:00',
      ]);
    }
  });

  it('uses Nord Pool linear curves (200 points, tick 0.01, full price range, distinct adjacent prices) and EPEX steps (256 points, tick 0.1) as MARKET_RULES.md states', () => {
    for (const id of EUROPE) {
      const expected = NORD_POOL.includes(id)
        ? { kind: 'linear', minPoints: 2, maxPoints: 200, priceTick: 0.01, volumeLot: 0.1, fullPriceRange: true, distinctAdjacentPrices: true }
        : { kind: 'step', minPoints: 2, maxPoints: 256, priceTick: 0.1, volumeLot: 0.1, fullPriceRange: false, distinctAdjacentPrices: false };
      expect([id, zone(id).curve]).toEqual([id, expected]);
    }
  });

  it('applies the ISO rules: CAISO floor -$150 and 10 segments, ERCOT cap $5,000, PJM gate 10:30 ET', () => {
    expect(zone('CAISO').priceLimits).toMatchObject({ floor: -150, cap: 1000, costVerifiedCap: 2000 });
    expect(zone('CAISO').curve.maxPoints).toBe(10);
    expect(zone('CAISO').gateClosure).toMatchObject({ time: '10:00', timezone: 'America/Los_Angeles' });
    expect(zone('ERCOT').priceLimits.cap).toBe(5000);
    expect(zone('ERCOT').gateClosure).toMatchObject({ time: '10:00', timezone: 'America/Chicago' });
    expect(zone('PJM').gateClosure).toMatchObject({ time: '10:30', timezone: 'America/New_York' });
    for (const id of ['CAISO', 'ERCOT', 'PJM']) {
      expect([id, zone(id).currency, zone(id).mtu.minutes, zone(id).curve.monotonic, zone(id).intraday]).toEqual([id, 'USD', 60, 'increasing', null]);
    }
  });

  it('converts every zone to a database row of integers and back without loss', () => {
    for (const z of catalogue.zones) {
      const row = zoneToRow(z, catalogue.version);
      for (const key of ['price_floor_minor', 'price_cap_minor', 'price_tick_minor', 'volume_lot_kw'] as const) expect(Number.isInteger(row[key])).toBe(true);
      expect(rowToZone(row)).toEqual(z);
    }
  });
});
