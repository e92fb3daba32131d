import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialects, type DialectFixture } from '../../testing/dialects.js';
import { MigrationError } from './migrations.js';
import { prepareStore } from './open-stores.js';
import { loadZoneCatalogue } from './zone-catalogue.js';

const catalogue = loadZoneCatalogue();
const byRegionAndId = <T extends { region: string; id: string }>(a: T, b: T): number => a.region.localeCompare(b.region) || a.id.localeCompare(b.id);

describe.each(dialects)('Store suite on $dialect', ({ dialect, open }) => {
  let db: DialectFixture;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('applies every known migration in order on a fresh database, and a second run changes nothing', async () => {
    expect((await db.store.migrationState()).applied).toEqual([]);
    const first = await db.store.migrate();
    expect(first.pending).toEqual([]);
    expect(first.applied[0]).toBe('001_core');
    expect(first.current).toBe(first.applied.at(-1));
    const rows = await db.raw('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => Number(r.version))).toEqual(first.applied.map((_, i) => i + 1));
    expect(await db.store.migrate()).toEqual(first);
  });

  it('refuses a database whose applied migrations were edited after being applied', async () => {
    await db.store.migrate();
    await db.raw("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 2");
    await expect(db.store.migrate()).rejects.toThrow(MigrationError);
    await expect(db.store.migrate()).rejects.toThrow(/002_markets_trading was changed after it was applied/);
  });

  it('refuses a database migrated by a newer build (applied list longer than the known list)', async () => {
    await db.store.migrate();
    await db.raw(`INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, 'from_the_future', 'x', ${dialect === 'sqlite' ? '0' : 'now()'})`);
    await expect(db.store.migrate()).rejects.toThrow(/099_from_the_future.*newer version/);
  });

  it('seeds the zone catalogue and reads it back exactly', async () => {
    await prepareStore(db.store, catalogue);
    const zones = await db.store.zones.list();
    expect(zones).toEqual([...catalogue.zones].sort(byRegionAndId));
    expect(await db.store.zones.get('NO_2')).toEqual(catalogue.zones.find((z) => z.id === 'NO_2'));
    expect(await db.store.zones.get('XX')).toBeNull();
  });

  it('stores prices as exact integer minor units', async () => {
    await prepareStore(db.store, catalogue);
    const [row] = await db.raw('SELECT price_floor_minor, price_cap_minor, intraday_cap_minor, price_tick_minor, volume_lot_kw FROM market_zones WHERE id = ?', ['FI']);
    expect(row).toEqual({ price_floor_minor: -50000, price_cap_minor: 400000, intraday_cap_minor: 999999, price_tick_minor: 1, volume_lot_kw: 100 });
  });

  it('upserts the catalogue idempotently and updates only what changed', async () => {
    await prepareStore(db.store, catalogue);
    expect(await db.store.zones.upsertCatalogue(catalogue.zones, catalogue.version)).toBe(0);
    const renamed = catalogue.zones.map((z) => (z.id === 'PL' ? { ...z, name: 'Polska' } : z));
    expect(await db.store.zones.upsertCatalogue(renamed, catalogue.version + 1)).toBe(catalogue.zones.length);
    expect((await db.store.zones.get('PL'))?.name).toBe('Polska');
  });

  it('answers ping while open and fails after close', async () => {
    await db.store.ping();
    await db.store.close();
    await expect(db.store.ping()).rejects.toThrow();
  });

  describe('constraints hold in the database itself', () => {
    const org = randomUUID();
    beforeEach(async () => {
      await prepareStore(db.store, catalogue);
      await db.raw("INSERT INTO organizations (id, name, slug) VALUES (?, 'Desk', 'desk')", [org]);
    });

    const rejected: [string, string, (org: string) => unknown[]][] = [
      ['a slug with spaces', "INSERT INTO organizations (id, name, slug) VALUES (?, 'X', 'Bad Slug')", () => [randomUUID()]],
      ['a duplicate slug', "INSERT INTO organizations (id, name, slug) VALUES (?, 'X', 'desk')", () => [randomUUID()]],
      ['an unknown role', "INSERT INTO api_keys (id, organization_id, name, prefix, secret_hash, role) VALUES (?, ?, 'k', 'obk_12345678', 'h', 'king')", (o) => [randomUUID(), o]],
      ['a site in a zone that does not exist', "INSERT INTO sites (id, organization_id, name, latitude, longitude, zone_id, grid_capacity_kw) VALUES (?, ?, 's', 52, 13, 'ATLANTIS', 1000)", (o) => [randomUUID(), o]],
      ['a latitude beyond 90', "INSERT INTO sites (id, organization_id, name, latitude, longitude, zone_id, grid_capacity_kw) VALUES (?, ?, 's', 91, 13, 'DE_LU', 1000)", (o) => [randomUUID(), o]],
      ['a storage asset without energy capacity', "INSERT INTO assets (id, organization_id, name, kind, zone_id, capacity_kw) VALUES (?, ?, 'b', 'storage', 'DE_LU', 5000)", (o) => [randomUUID(), o]],
      ['a solar asset with a state-of-charge limit', "INSERT INTO assets (id, organization_id, name, kind, zone_id, capacity_kw, soc_min_bp) VALUES (?, ?, 'p', 'solar', 'DE_LU', 5000, 1000)", (o) => [randomUUID(), o]],
      ['a zero capacity', "INSERT INTO assets (id, organization_id, name, kind, zone_id, capacity_kw) VALUES (?, ?, 'w', 'wind', 'DE_LU', 0)", (o) => [randomUUID(), o]],
      ['a fractional price', "INSERT INTO market_data (zone_id, market, resolution_minutes, interval_start, price_minor, source) VALUES ('FR', 'day_ahead', 60, ?, ?, 'import')", () => [dialect === 'sqlite' ? 0 : '2025-01-01T00:00:00Z', '12.5']],
      ['a tick with a resolution', "INSERT INTO market_data (zone_id, market, resolution_minutes, interval_start, price_minor, source) VALUES ('FR', 'tick', 60, ?, 100, 'feed')", () => [dialect === 'sqlite' ? 0 : '2025-01-01T00:00:00Z']],
      ['an invoice whose total is not subtotal plus tax', "INSERT INTO billing_accounts (id, organization_id, billing_email, legal_name, country, currency) VALUES (?, ?, 'a@b.c', 'L', 'DE', 'EUR')", (o) => [randomUUID(), o]],
    ];

    it.each(rejected.slice(0, -1))('rejects %s', async (_label, sql, params) => {
      await expect(db.raw(sql, params(org))).rejects.toThrow();
    });

    it('rejects an invoice whose total is not subtotal plus tax, and accepts a correct one', async () => {
      const account = randomUUID();
      await db.raw("INSERT INTO billing_accounts (id, organization_id, billing_email, legal_name, country, currency) VALUES (?, ?, 'a@b.c', 'L', 'DE', 'EUR')", [account, org]);
      const period = dialect === 'sqlite' ? [0, 1] : ['2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'];
      const insert = "INSERT INTO invoices (id, billing_account_id, number, status, currency, subtotal_minor, tax_minor, total_minor, period_start, period_end) VALUES (?, ?, ?, 'open', 'EUR', 10000, 1900, ?, ?, ?)";
      await expect(db.raw(insert, [randomUUID(), account, 'INV-1', 12000, ...period])).rejects.toThrow();
      await db.raw(insert, [randomUUID(), account, 'INV-2', 11900, ...period]);
      expect(await db.raw('SELECT number FROM invoices')).toEqual([{ number: 'INV-2' }]);
    });

    it('cascades an organisation delete to its sites but keeps the audit chain rows', async () => {
      await db.raw("INSERT INTO sites (id, organization_id, name, latitude, longitude, zone_id, grid_capacity_kw) VALUES (?, ?, 'Park', 54.1, 9.2, 'DK_1', 20000)", [randomUUID(), org]);
      const hash = 'a'.repeat(64);
      await db.raw(
        `INSERT INTO audit_logs (id, occurred_at, actor_kind, organization_id, action, resource_type, prev_hash, hash) VALUES (?, ${dialect === 'sqlite' ? '0' : 'now()'}, 'system', ?, 'org.create', 'organization', ?, ?)`,
        [randomUUID(), org, '0'.repeat(64), hash],
      );
      await db.raw('DELETE FROM organizations WHERE id = ?', [org]);
      expect(await db.raw('SELECT id FROM sites')).toEqual([]);
      expect(await db.raw('SELECT hash FROM audit_logs')).toEqual([{ hash }]);
    });
  });
});
