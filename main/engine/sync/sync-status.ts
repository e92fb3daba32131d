import type { SyncStatus } from '../../../shared/api/health.js';
import type { Connectivity } from './connectivity.js';

/**
 * The `sync` section of /health and of the terminal status: connectivity, what waits in the
 * outbox, and the replay's progress. The outbox replay reports through replayStarted and
 * replayFinished; until one runs, an online terminal is simply 'online'.
 */
export class SyncStatusBoard {
  private replaying = false;
  private lastSyncAt: Date | null = null;

  constructor(
    private readonly connectivity: Connectivity,
    private readonly queued: () => Promise<number>,
  ) {}

  /** The replay began sending queued writes: 'syncing' while online. */
  replayStarted(): void {
    this.replaying = true;
  }

  /** The replay stopped; `drainedAt` when it emptied the outbox (a sync completed), null when it was interrupted. */
  replayFinished(drainedAt: Date | null): void {
    this.replaying = false;
    if (drainedAt) this.lastSyncAt = drainedAt;
  }

  async read(): Promise<SyncStatus> {
    const online = this.connectivity.current.state === 'online';
    return {
      state: !online ? 'offline' : this.replaying ? 'syncing' : 'online',
      queued: await this.queued(),
      lastSyncAt: this.lastSyncAt?.toISOString() ?? null,
    };
  }
}
