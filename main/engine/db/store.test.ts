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

    const ts = (iso: string): string | number => (dialect === 'sqlite' ? Date.parse(iso) : iso);
    const bid = (id: string, o: string, extra: { side?: string; orderType?: string; curveKind?: string | null; status?: string } = {}): [string, unknown[]] => [
      "INSERT INTO bids (id, organization_id, portfolio, zone_id, market, delivery_date, side, order_type, curve_kind, status, gate_closure_at) VALUES (?, ?, 'Wind DK1', 'DK_1', 'day_ahead', '2026-01-15', ?, ?, ?, ?, ?)",
      [id, o, extra.side ?? 'sell', extra.orderType ?? 'curve', extra.curveKind === undefined ? 'linear' : extra.curveKind, extra.status ?? 'draft', ts('2026-01-14T11:00:00Z')],
    ];

    /** A violation of the schema itself: SQLite constraint codes, PostgreSQL classes 23 and 22. */
    async function expectRejectedBySchema(sql: string, params: unknown[]): Promise<void> {
      const error = await db.raw(sql, params).then(
        () => null,
        (e: unknown) => e as { code?: string },
      );
      expect(error, `accepted: ${sql}`).not.toBeNull();
      expect(String(error?.code)).toMatch(dialect === 'sqlite' ? /^SQLITE_CONSTRAINT/ : /^2[23]/);
    }

    const rejected: [string, (org: string) => [string, unknown[]]][] = [
      ['a slug with spaces', () => ["INSERT INTO organizations (id, name, slug) VALUES (?, 'X', 'Bad Slug')", [randomUUID()]]],
      ['a duplicate slug', () => ["INSERT INTO organizations (id, name, slug) VALUES (?, 'X', 'desk')", [randomUUID()]]],
      ['an unknown role', (o) => ["INSERT INTO api_keys (id, organization_id, name, prefix, secret_hash, role) VALUES (?, ?, 'k', 'obk_12345678', 'h', 'king')", [randomUUID(), o]]],
      ['a site in a zone that does not exist', (o) => ["INSERT INTO sites (id, organization_id, name, latitude, longitude, zone_id, grid_capacity_kw) VALUES (?, ?, 's', 52, 13, 'ATLANTIS', 1000)", [randomUUID(), o]]],
      ['a latitude beyond 90', (o) => ["INSERT INTO sites (id, organization_id, name, latitude, longitude, zone_id, grid_capacity_kw) VALUES (?, ?, 's', 91, 13, 'DE_LU', 1000)", [randomUUID(), o]]],
      ['a storage asset without energy capacity', (o) => ["INSERT INTO assets (id, organization_id, name, kind, zone_id, capacity_kw) VALUES (?, ?, 'b', 'storage', 'DE_LU', 5000)", [randomUUID(), o]]],
      ['a solar asset with a discharge limit', (o) => ["INSERT INTO assets (id, organization_id, name, kind, zone_id, capacity_kw, max_discharge_kw) VALUES (?, ?, 'p', 'solar', 'DE_LU', 5000, 1000)", [randomUUID(), o]]],
      ['a zero capacity', (o) => ["INSERT INTO assets (id, organization_id, name, kind, zone_id, capacity_kw) VALUES (?, ?, 'w', 'wind', 'DE_LU', 0)", [randomUUID(), o]]],
      ['a fractional price', () => ["INSERT INTO market_data (zone_id, market, resolution_minutes, interval_start, price_minor, source) VALUES ('FR', 'day_ahead', 60, ?, ?, 'import')", [ts('2025-01-01T00:00:00Z'), '12.5']]],
      ['a tick with a resolution', () => ["INSERT INTO market_data (zone_id, market, resolution_minutes, interval_start, price_minor, source) VALUES ('FR', 'tick', 60, ?, 100, 'feed')", [ts('2025-01-01T00:00:00Z')]]],
      ['a block bid on both sides', (o) => bid(randomUUID(), o, { side: 'both', orderType: 'block', curveKind: null })],
      ['a cancelled bid without its cancellation time', (o) => bid(randomUUID(), o, { status: 'cancelled' })],
      ['a submitted bid without a submission id', (o) => bid(randomUUID(), o, { status: 'submitted' })],
    ];

    it.each(rejected)('rejects %s', async (_label, statement) => {
      const [sql, params] = statement(org);
      await expectRejectedBySchema(sql, params);
    });

    it('keeps ids canonical: lowercase uuids only (PostgreSQL normalises, SQLite refuses)', async () => {
      const id = randomUUID();
      if (dialect === 'sqlite') {
        await expectRejectedBySchema(...bid(id.toUpperCase(), org));
      } else {
        await db.raw(...bid(id.toUpperCase(), org));
        expect(await db.raw('SELECT id FROM bids')).toEqual([{ id }]);
      }
    });

    it('accepts a valid curve bid with signed volumes crossing zero, and links blocks only within one bid', async () => {
      const curve = randomUUID();
      await db.raw(...bid(curve, org, { side: 'both' }));
      for (const [seq, price, volume] of [[0, -50000, 12000], [1, 5000, 0], [2, 400000, -8000]] as const) {
        await db.raw('INSERT INTO bid_curve_points (bid_id, period, seq, price_minor, volume_kw) VALUES (?, 1, ?, ?, ?)', [curve, seq, price, volume]);
      }
      const [first, second] = [randomUUID(), randomUUID()];
      await db.raw(...bid(first, org, { orderType: 'block', curveKind: null }));
      await db.raw(...bid(second, org, { orderType: 'block', curveKind: null }));
      const parent = randomUUID();
      const block = 'INSERT INTO bid_blocks (id, bid_id, name, price_minor, parent_block_id) VALUES (?, ?, ?, 4500, ?)';
      await db.raw(block, [parent, first, 'parent', null]);
      await db.raw(block, [randomUUID(), first, 'child', parent]);
      await expectRejectedBySchema(block, [randomUUID(), second, 'orphan', parent]);
      expect(await db.raw('SELECT name FROM bid_blocks ORDER BY name')).toEqual([{ name: 'child' }, { name: 'parent' }]);
    });

    it('rejects an invoice whose total is not subtotal plus tax, and accepts a correct one', async () => {
      const account = randomUUID();
      await db.raw("INSERT INTO billing_accounts (id, organization_id, billing_email, legal_name, country, currency) VALUES (?, ?, 'a@b.c', 'L', 'DE', 'EUR')", [account, org]);
      const period = dialect === 'sqlite' ? [0, 1] : ['2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'];
      const insert = "INSERT INTO invoices (id, billing_account_id, number, status, currency, subtotal_minor, tax_minor, total_minor, period_start, period_end) VALUES (?, ?, ?, 'open', 'EUR', 10000, 1900, ?, ?, ?)";
      await expectRejectedBySchema(insert, [randomUUID(), account, 'INV-1', 12000, ...period]);
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
