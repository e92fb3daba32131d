import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../app-paths.js';
import { loadMigrations } from '../migrations.js';
import { repositoriesOn } from '../repositories/index.js';
import { SqliteExecutor } from '../sql/sqlite-executor.js';
import { loadZoneCatalogue } from '../zone-catalogue.js';
import { MIGRATIONS_TABLE, SqliteStore } from './sqlite-store.js';

/**
 * Migration 008 rebuilds ml_models (SQLite cannot alter a CHECK) while predictions reference it
 * ON DELETE CASCADE: a terminal's models and forecasts must come through the upgrade whole.
 */
describe('SQLite migration 008 (the DNN architecture) on a database of 007', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('keeps every model and prediction, with their keys and cascades, and then accepts dnn', async () => {
    dir = mkdtempSync(join(tmpdir(), 'optibid-008-'));
    const file = join(dir, 'local.db');
    const db = new Database(file);
    db.pragma('foreign_keys = ON');
    db.exec(MIGRATIONS_TABLE);
    for (const migration of loadMigrations(migrationsDir('sqlite')).filter((m) => m.version <= 7)) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(migration.version, migration.name, migration.checksum, Date.now());
    }
    const catalogue = loadZoneCatalogue();
    await repositoriesOn(new SqliteExecutor(db)).zones.upsertCatalogue(catalogue.zones, catalogue.version);
    const zone = catalogue.zones[0]!.id;
    const organization = randomUUID();
    db.prepare("INSERT INTO organizations (id, name, slug) VALUES (?, 'Desk', 'desk')").run(organization);
    const models = [randomUUID(), randomUUID()];
    const insertModel = db.prepare("INSERT INTO ml_models (id, organization_id, name, architecture, zone_id, status, hyperparameters, artifact_path) VALUES (?, ?, ?, ?, ?, 'ready', '{\"seed\":1}', ?)");
    models.forEach((id, i) => insertModel.run(id, organization, `model ${String(i)}`, i === 0 ? 'nbeats' : 'lear', zone, `${id}.model`));
    const insertPrediction = db.prepare("INSERT INTO predictions (id, model_id, zone_id, delivery_date, issued_at, periods, forecast) VALUES (?, ?, ?, ?, ?, 24, '{\"point\":[]}')");
    for (const model of models) for (const day of ['2026-11-26', '2026-11-27']) insertPrediction.run(randomUUID(), model, zone, day, Date.now());
    expect(() => insertModel.run(randomUUID(), organization, 'a DNN', 'dnn', zone, 'x.model')).toThrow(/CHECK constraint failed/);
    const before = { models: db.prepare('SELECT * FROM ml_models ORDER BY id').all(), predictions: db.prepare('SELECT * FROM predictions ORDER BY id').all() };
    db.close();

    const store = new SqliteStore(file);
    const state = await store.migrate();
    await store.close();
    expect(state.applied).toContain('008_dnn_architecture');

    const after = new Database(file);
    after.pragma('foreign_keys = ON');
    try {
      // The migrations after 008 add columns of their own (009: trained_on, empty for these).
      expect(after.prepare('SELECT * FROM ml_models ORDER BY id').all()).toEqual(before.models.map((model) => ({ ...(model as object), trained_on: null })));
      expect(after.prepare('SELECT * FROM predictions ORDER BY id').all()).toEqual(before.predictions);
      expect(after.pragma('foreign_key_check')).toEqual([]);
      expect(after.prepare("SELECT name FROM sqlite_schema WHERE name LIKE '%_kept' OR name LIKE '%_new'").all()).toEqual([]);
      after.prepare("INSERT INTO ml_models (id, organization_id, name, architecture, zone_id, status, artifact_path) VALUES (?, ?, 'a DNN', 'dnn', ?, 'ready', 'x.model')").run(randomUUID(), organization, zone);
      // The rebuilt keys still hold: a prediction needs its model, and goes with it.
      expect(() => after.prepare("INSERT INTO predictions (id, model_id, zone_id, delivery_date, issued_at, periods, forecast) VALUES (?, ?, ?, '2026-11-28', 1, 24, '{}')").run(randomUUID(), randomUUID(), zone)).toThrow(/FOREIGN KEY/);
      after.prepare('DELETE FROM ml_models WHERE id = ?').run(models[0]);
      expect(after.prepare('SELECT count(*) AS n FROM predictions WHERE model_id = ?').get(models[0])).toEqual({ n: 0 });
      expect(after.prepare('SELECT count(*) AS n FROM predictions').get()).toEqual({ n: 2 });
    } finally {
      after.close();
    }
  });
});
