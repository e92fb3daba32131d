import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../../testing/environment.js';
import { steppingClock } from '../../testing/clock.js';
import { ServiceMonitor } from '../health/service-monitor.js';
import { Connectivity, type ConnectivitySource, type ConnectivityView } from './connectivity.js';
import { SyncStatusBoard } from './sync-status.js';

/** A real service monitor whose probe answers as the test says, wrapped as Databases exposes the primary's. */
function database(clock: ReturnType<typeof steppingClock>) {
  let reachable = true;
  const { logger } = capturingLogger();
  const monitor = new ServiceMonitor(
    {
      name: 'database',
      required: false,
      target: 'postgres://db.floor.example/optibid',
      featuresAffected: [],
      probe: async () => {
        if (!reachable) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        await Promise.resolve();
      },
    },
    { timeoutMs: 1000, intervalMs: 1000, maxBackoffMs: 1000 },
    logger,
    clock,
  );
  const source: ConnectivitySource = { get primaryOnline() { return monitor.isOk; }, watchPrimary: (listener) => monitor.onChange(listener) };
  return {
    source,
    logger,
    probe: async (answers: boolean) => {
      reachable = answers;
      await monitor.check();
    },
  };
}

describe('connectivity of the shared database', () => {
  it('follows the monitor: offline until the first answer, observers told once per change, with since and lastOnlineAt', async () => {
    const clock = steppingClock('2026-11-26T09:00:00Z');
    const db = database(clock);
    const connectivity = new Connectivity(db.source, clock, db.logger);
    expect(connectivity.current).toEqual({ state: 'offline', since: new Date('2026-11-26T09:00:00Z'), lastOnlineAt: null });
    const heard: ConnectivityView[] = [];
    connectivity.subscribe((view) => heard.push(view));

    clock.advance(1000);
    await db.probe(true);
    await db.probe(true);
    clock.advance(60_000);
    await db.probe(false);
    await db.probe(false);
    clock.advance(5000);
    await db.probe(true);

    expect(heard).toEqual([
      { state: 'online', since: new Date('2026-11-26T09:00:01Z'), lastOnlineAt: new Date('2026-11-26T09:00:01Z') },
      { state: 'offline', since: new Date('2026-11-26T09:01:01Z'), lastOnlineAt: new Date('2026-11-26T09:01:01Z') },
      { state: 'online', since: new Date('2026-11-26T09:01:06Z'), lastOnlineAt: new Date('2026-11-26T09:01:06Z') },
    ]);
    connectivity.close();
    await db.probe(false);
    expect(heard).toHaveLength(3);
  });

  it('keeps telling the other observers when one throws, and logs it', async () => {
    const clock = steppingClock('2026-11-26T09:00:00Z');
    const db = database(clock);
    await db.probe(true);
    const { logger, lines } = capturingLogger();
    const connectivity = new Connectivity(db.source, clock, logger);
    expect(connectivity.current.state).toBe('online');
    const heard: string[] = [];
    connectivity.subscribe(() => {
      throw new Error('observer bug');
    });
    connectivity.subscribe((view) => heard.push(view.state));
    await db.probe(false);
    expect(heard).toEqual(['offline']);
    expect(lines.map((line) => line.msg)).toEqual(['A connectivity observer failed']);
  });
});

describe('sync status', () => {
  it('is offline while the database is, syncing while a replay runs online, and keeps the time the outbox last drained', async () => {
    const clock = steppingClock('2026-11-26T09:00:00Z');
    const db = database(clock);
    let queued = 3;
    const board = new SyncStatusBoard(new Connectivity(db.source, clock, db.logger), () => Promise.resolve(queued));
    expect(await board.read()).toEqual({ state: 'offline', queued: 3, lastSyncAt: null });
    board.replayStarted();
    // A replay cannot make an unreachable database syncing.
    expect((await board.read()).state).toBe('offline');
    await db.probe(true);
    expect(await board.read()).toEqual({ state: 'syncing', queued: 3, lastSyncAt: null });
    board.replayFinished(null);
    expect(await board.read()).toEqual({ state: 'online', queued: 3, lastSyncAt: null });
    board.replayStarted();
    queued = 0;
    board.replayFinished(new Date('2026-11-26T09:00:02Z'));
    expect(await board.read()).toEqual({ state: 'online', queued: 0, lastSyncAt: '2026-11-26T09:00:02.000Z' });
  });
});
