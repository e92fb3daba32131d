import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, type DialectFixture } from '../../testing/dialects.js';
import type { SchemaDescription, TableDescription } from './schema-description.js';

type OnDelete = 'no action' | 'restrict' | 'cascade' | 'set null';
interface TableSpec {
  pk: string[];
  /** "column(s) -> table on delete" */
  fks?: [string, string, OnDelete][];
  unique?: string[][];
  indexes?: string[];
  /** Only in the local SQLite database (per-terminal sync state). */
  localOnly?: true;
}

/** The platform's data model: every table, key and index the API's queries rely on. */
const MODEL: Record<string, TableSpec> = {
  organizations: { pk: ['id'], unique: [['slug']] },
  users: { pk: ['id'], fks: [['current_organization_id', 'organizations', 'set null']], unique: [['email']], indexes: ['users_current_organization_idx'] },
  user_organizations: {
    pk: ['user_id', 'organization_id'],
    fks: [['user_id', 'users', 'cascade'], ['organization_id', 'organizations', 'cascade'], ['invited_by', 'users', 'set null']],
    indexes: ['user_organizations_organization_idx'],
  },
  sessions: {
    pk: ['id'],
    fks: [['user_id', 'users', 'cascade'], ['organization_id', 'organizations', 'set null'], ['replaced_by', 'sessions', 'set null']],
    unique: [['refresh_token_hash']],
    indexes: ['sessions_user_idx', 'sessions_family_idx', 'sessions_replaced_by_idx', 'sessions_expires_idx'],
  },
  api_keys: { pk: ['id'], fks: [['organization_id', 'organizations', 'cascade'], ['created_by', 'users', 'set null']], unique: [['prefix']], indexes: ['api_keys_organization_idx'] },
  feature_flags: { pk: ['id'], fks: [['organization_id', 'organizations', 'cascade'], ['updated_by', 'users', 'set null']], indexes: ['feature_flags_key_organization_key', 'feature_flags_organization_idx'] },
  audit_logs: {
    pk: ['seq'],
    unique: [['id'], ['hash'], ['prev_hash']],
    indexes: ['audit_logs_occurred_idx', 'audit_logs_actor_idx', 'audit_logs_organization_idx', 'audit_logs_resource_idx', 'audit_logs_action_idx'],
  },
  alert_rules: {
    pk: ['id'],
    fks: [['user_id', 'users', 'cascade'], ['organization_id', 'organizations', 'set null'], ['zone_id', 'market_zones', 'no action'], ['other_zone_id', 'market_zones', 'no action']],
    indexes: ['alert_rules_user_idx', 'alert_rules_organization_idx'],
  },
  notifications: { pk: ['id'], fks: [['user_id', 'users', 'cascade'], ['organization_id', 'organizations', 'cascade']], indexes: ['notifications_user_idx', 'notifications_organization_idx'] },
  webhooks: { pk: ['id'], fks: [['organization_id', 'organizations', 'cascade'], ['created_by', 'users', 'set null']], indexes: ['webhooks_organization_idx'] },
  usage_metrics: { pk: ['id'], fks: [['organization_id', 'organizations', 'cascade']], unique: [['organization_id', 'metric', 'period_start']] },
  market_zones: { pk: ['id'] },
  sites: { pk: ['id'], fks: [['organization_id', 'organizations', 'cascade'], ['zone_id', 'market_zones', 'no action']], unique: [['organization_id', 'name']], indexes: ['sites_zone_idx'] },
  assets: {
    pk: ['id'],
    fks: [['organization_id', 'organizations', 'cascade'], ['site_id', 'sites', 'restrict'], ['zone_id', 'market_zones', 'no action']],
    unique: [['organization_id', 'name']],
    indexes: ['assets_site_idx', 'assets_organization_kind_idx', 'assets_zone_idx'],
  },
  bids: {
    pk: ['id'],
    fks: [
      ['organization_id', 'organizations', 'cascade'],
      ['created_by', 'users', 'set null'],
      ['asset_id', 'assets', 'restrict'],
      ['zone_id', 'market_zones', 'no action'],
      ['copied_from_bid_id', 'bids', 'set null'],
    ],
    unique: [['submission_id']],
    indexes: [
      'bids_organization_delivery_idx',
      'bids_organization_status_idx',
      'bids_zone_delivery_idx',
      'bids_asset_delivery_idx',
      'bids_gate_open_drafts_idx',
      'bids_created_by_idx',
      'bids_copied_from_idx',
    ],
  },
  bid_curve_points: { pk: ['bid_id', 'period', 'seq'], fks: [['bid_id', 'bids', 'cascade']] },
  bid_blocks: {
    pk: ['id'],
    fks: [['bid_id', 'bids', 'cascade'], ['bid_id+parent_block_id', 'bid_blocks', 'cascade']],
    unique: [['bid_id', 'name'], ['bid_id', 'id']],
    indexes: ['bid_blocks_parent_idx'],
  },
  bid_block_periods: { pk: ['block_id', 'period'], fks: [['block_id', 'bid_blocks', 'cascade']] },
  bid_period_results: { pk: ['bid_id', 'period'], fks: [['bid_id', 'bids', 'cascade']] },
  market_data: { pk: ['zone_id', 'market', 'resolution_minutes', 'interval_start'], fks: [['zone_id', 'market_zones', 'no action']], indexes: ['market_data_zone_time_idx', 'market_data_time_idx'] },
  dashboards: {
    pk: ['id'],
    fks: [['organization_id', 'organizations', 'cascade'], ['owner_user_id', 'users', 'cascade']],
    unique: [['owner_user_id', 'organization_id', 'name']],
    indexes: ['dashboards_organization_idx', 'dashboards_one_default_idx'],
  },
  dashboard_widgets: { pk: ['id'], fks: [['dashboard_id', 'dashboards', 'cascade']], indexes: ['dashboard_widgets_dashboard_idx'] },
  ml_models: {
    pk: ['id'],
    fks: [['organization_id', 'organizations', 'cascade'], ['zone_id', 'market_zones', 'no action'], ['created_by', 'users', 'set null']],
    indexes: ['ml_models_organization_zone_idx'],
  },
  predictions: { pk: ['id'], fks: [['model_id', 'ml_models', 'cascade'], ['zone_id', 'market_zones', 'no action']], unique: [['model_id', 'delivery_date', 'issued_at']], indexes: ['predictions_zone_delivery_idx'] },
  analytics_cache: { pk: ['cache_key'], fks: [['organization_id', 'organizations', 'cascade']], indexes: ['analytics_cache_expires_idx'] },
  billing_accounts: { pk: ['id'], fks: [['organization_id', 'organizations', 'cascade']], unique: [['organization_id']] },
  subscriptions: { pk: ['id'], fks: [['billing_account_id', 'billing_accounts', 'cascade']], indexes: ['subscriptions_account_idx'] },
  invoices: {
    pk: ['id'],
    fks: [['billing_account_id', 'billing_accounts', 'restrict'], ['subscription_id', 'subscriptions', 'set null']],
    unique: [['number']],
    indexes: ['invoices_account_idx', 'invoices_subscription_idx'],
  },
  payments: { pk: ['id'], fks: [['invoice_id', 'invoices', 'restrict']], unique: [['external_ref']], indexes: ['payments_invoice_idx'] },
  backups: { pk: ['id'], fks: [['created_by', 'users', 'set null']], indexes: ['backups_started_idx'] },
  signing_keys: { pk: ['kid'], indexes: ['signing_keys_active_idx'] },
  password_reset_tokens: { pk: ['id'], fks: [['user_id', 'users', 'cascade']], unique: [['token_hash']], indexes: ['password_reset_tokens_user_idx'] },
  outbox: { pk: ['seq'], unique: [['op_id']], indexes: ['outbox_state_seq_idx', 'outbox_resource_idx'], localOnly: true },
  sync_state: { pk: ['key'], localOnly: true },
  sync_conflicts: { pk: ['id'], fks: [['outbox_seq', 'outbox', 'set null']], indexes: ['sync_conflicts_open_idx'], localOnly: true },
};

const EXACT_SUFFIXES = ['_minor', '_kw', '_kwh', '_bp'];
const sortKeys = (keys: string[][]): string[] => keys.map((k) => k.join('+')).sort();

describe.each(dialects)('schema of a fresh $dialect database', ({ dialect, open }) => {
  let db: DialectFixture;
  let schema: SchemaDescription;
  const table = (name: string): TableDescription => {
    const found = schema.tables.find((t) => t.name === name);
    if (!found) throw new Error(`table ${name} is missing`);
    return found;
  };
  const expected = Object.entries(MODEL).filter(([, spec]) => dialect === 'sqlite' || !spec.localOnly);

  beforeAll(async () => {
    db = await open();
    await db.store.migrate();
    schema = await db.store.describeSchema();
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('has exactly the tables of the model (plus schema_migrations)', () => {
    expect(schema.tables.map((t) => t.name).sort()).toEqual([...expected.map(([name]) => name), 'schema_migrations'].sort());
  });

  it.each(expected)('%s has its primary key, foreign keys, unique keys and indexes', (name, spec) => {
    const t = table(name);
    expect(t.primaryKey).toEqual(spec.pk);
    expect(t.foreignKeys.map((fk) => `${fk.columns.join('+')} -> ${fk.table} on delete ${fk.onDelete}`).sort()).toEqual(
      (spec.fks ?? []).map(([columns, target, onDelete]) => `${columns} -> ${target} on delete ${onDelete}`).sort(),
    );
    const uniqueColumnKeys = t.uniqueKeys.filter((key) => !key.includes('(expression)') && !(name === 'feature_flags'));
    expect(sortKeys(uniqueColumnKeys)).toEqual(sortKeys(spec.unique ?? []));
    const indexNames = t.indexes.map((i) => i.name);
    for (const index of spec.indexes ?? []) expect(indexNames).toContain(index);
  });

  it.each(expected)('%s has CHECK constraints and NOT NULL on its key columns', (name, spec) => {
    const t = table(name);
    expect(t.checkCount).toBeGreaterThan(0);
    for (const column of spec.pk) expect(t.columns.find((c) => c.name === column)?.notNull).toBe(true);
  });

  it('keeps prices, volumes, energy and ratios as exact integers, never binary floats', () => {
    const exactColumns = schema.tables.flatMap((t) => t.columns.filter((c) => EXACT_SUFFIXES.some((s) => c.name.endsWith(s))).map((c) => ({ table: t.name, ...c })));
    expect(exactColumns.length).toBeGreaterThan(30);
    for (const column of exactColumns) expect([`${column.table}.${column.name}`, column.type]).toEqual([`${column.table}.${column.name}`, dialect === 'sqlite' ? 'integer' : column.name.endsWith('_bp') ? 'integer' : 'bigint']);
    const floats = schema.tables.flatMap((t) => t.columns.filter((c) => ['real', 'double precision'].includes(c.type)).map((c) => `${t.name}.${c.name}`));
    expect(floats.sort()).toEqual(['sites.latitude', 'sites.longitude']);
  });

  it('keeps instants in UTC: timestamptz in PostgreSQL, epoch milliseconds in SQLite', () => {
    const instants = schema.tables.flatMap((t) => t.columns.filter((c) => c.name.endsWith('_at') || c.name === 'interval_start').map((c) => ({ table: t.name, ...c })));
    expect(instants.length).toBeGreaterThan(50);
    for (const column of instants) {
      expect([`${column.table}.${column.name}`, column.type]).toEqual([`${column.table}.${column.name}`, dialect === 'sqlite' ? 'integer' : 'timestamp with time zone']);
    }
  });

  it('allows one global feature flag per key and one per organisation', async () => {
    const org = randomUUID();
    await db.raw("INSERT INTO organizations (id, name, slug) VALUES (?, 'Flags', ?)", [org, `flags-${org.slice(0, 8)}`]);
    const insert = 'INSERT INTO feature_flags (id, key, organization_id, enabled) VALUES (?, ?, ?, ?)';
    const on = dialect === 'sqlite' ? 1 : true;
    await db.raw(insert, [randomUUID(), 'ml.training', null, on]);
    await db.raw(insert, [randomUUID(), 'ml.training', org, on]);
    await expect(db.raw(insert, [randomUUID(), 'ml.training', null, on])).rejects.toThrow();
    await expect(db.raw(insert, [randomUUID(), 'ml.training', org, on])).rejects.toThrow();
  });
});

/** The storage family of a column type, comparable across the two dialects. */
const FAMILY: Record<string, string> = {
  integer: 'integer',
  bigint: 'integer',
  'timestamp with time zone': 'integer',
  boolean: 'integer',
  text: 'text',
  uuid: 'text',
  character: 'text',
  date: 'text',
  jsonb: 'text',
  real: 'real',
  'double precision': 'real',
};

describe('the two dialects describe one data model', () => {
  it('has the same columns, in the same order, with the same NOT NULLs and storage families', async () => {
    const [sqlite, postgres] = await Promise.all(dialects.map(async ({ open }) => {
      const fixture = await open();
      try {
        await fixture.store.migrate();
        return await fixture.store.describeSchema();
      } finally {
        await fixture.dispose();
      }
    }));
    const columns = (schema: SchemaDescription | undefined, table: string): string[] =>
      (schema?.tables.find((t) => t.name === table)?.columns ?? []).map((c) => `${c.name} ${FAMILY[c.type] ?? c.type}${c.notNull ? ' not null' : ''}`);
    const shared = Object.entries(MODEL).filter(([, spec]) => !spec.localOnly).map(([name]) => name);
    for (const table of [...shared, 'schema_migrations']) {
      expect([table, ...columns(postgres, table)]).toEqual([table, ...columns(sqlite, table)]);
    }
  });
});
