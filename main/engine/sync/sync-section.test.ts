import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalStatus } from '../../../shared/api/events.js';
import type { HealthReport } from '../../../shared/api/health.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres.js';
import { createEngine, type Engine } from '../engine.js';

const sectionOf = async (engine: Engine): Promise<HealthReport['sync']> => (await engine.app.inject({ url: '/health' })).json<HealthReport>().sync;

describe('the sync section of /health and of the terminal status', () => {
  let dir: TempDir;
  let engine: Engine | undefined;
  let database: TestDatabase | undefined;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await database?.drop();
    database = undefined;
    await dir.remove();
  });

  it('is null without DATABASE_URL: the SQLite file is the database, nothing to sync', async () => {
    engine = await createEngine(testConfig(dir.path));
    expect(engine.connectivity).toBeNull();
    expect(engine.sync).toBeNull();
    expect(await sectionOf(engine)).toBeNull();
    expect((await engine.events.snapshot('terminal-status', null))?.sync).toBeNull();
  });

  it('with a shared database, counts the writes waiting in the outbox and publishes the change to the status bar', async () => {
    database = await createTestDatabase();
    engine = await createEngine(testConfig(dir.path, { DATABASE_URL: database.url }));
    const running = engine;
    expect(await sectionOf(running)).toEqual({ state: 'online', queued: 0, lastSyncAt: null });
    const published: TerminalStatus[] = [];
    const stop = running.events.subscribe('terminal-status', { viewer: () => null, deliver: (status) => published.push(status) });
    try {
      await running.databases.local.sql.run("INSERT INTO outbox (op_id, organization_id, user_id, operation, resource_type, resource_id, payload) VALUES (?, ?, ?, 'bid.create', 'bid', ?, '{}')", [
        randomUUID(),
        randomUUID(),
        randomUUID(),
        randomUUID(),
      ]);
      expect(await sectionOf(running)).toEqual({ state: 'online', queued: 1, lastSyncAt: null });
      // The publisher recomputes once a second and publishes the change.
      await eventually(() => published.some((status) => status.sync?.queued === 1), 'a terminal status with the queued write', 5000);
      expect(published.at(-1)).toMatchObject({ database: { mode: 'online', dialect: 'postgres' }, sync: { state: 'online', queued: 1 } });
    } finally {
      stop();
    }
  });
});
