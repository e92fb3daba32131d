import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Connectivity } from './connectivity.js';
import type { OutboxReplay } from './outbox-replay.js';
import type { SyncStatusBoard } from './sync-status.js';

/** How often, while online, the loop looks for writes queued meanwhile (a request that lost the database mid-way). */
export const SYNC_CHECK_INTERVAL_MS = 5_000;
/** How often, while online, the local cache takes the shared database's sites, assets and bids. */
export const CACHE_REFRESH_INTERVAL_MS = 30_000;

export interface SyncSteps {
  /** Sign-ins made offline reach the shared database first: the replayed writes' sessions exist there then. */
  pushSessions(): Promise<unknown>;
  refreshCache(): Promise<void>;
  queued(): Promise<number>;
}

/**
 * The sync loop: the moment the shared database returns it pushes the offline sign-ins,
 * replays the outbox in order (reporting 'syncing'), then refreshes the cache; while online it
 * checks for queued writes every few seconds and refreshes the cache every half minute. One
 * round at a time; a failed round is logged and the next one retries.
 */
export class SyncLoop {
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private round: Promise<void> = Promise.resolve();
  private lastRefresh = 0;

  constructor(
    private readonly connectivity: Connectivity,
    private readonly board: SyncStatusBoard,
    private readonly replay: OutboxReplay,
    private readonly steps: SyncSteps,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.unsubscribe = this.connectivity.subscribe((view) => {
      if (view.state === 'online') void this.sync(true);
    });
    this.timer = setInterval(() => void this.sync(false), SYNC_CHECK_INTERVAL_MS);
    this.timer.unref();
    void this.sync(true);
  }

  /** One round, after the one under way: replay what waits, and refresh the cache when due (or `refresh`). */
  sync(refresh: boolean): Promise<void> {
    this.round = this.round.then(() =>
      this.runRound(refresh).catch((error: unknown) => {
        this.logger.warn({ err: error }, 'A sync round failed; the next one retries');
      }),
    );
    return this.round;
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.round;
  }

  private async runRound(refresh: boolean): Promise<void> {
    if (this.connectivity.current.state !== 'online') return;
    if ((await this.steps.queued()) > 0) {
      await this.steps.pushSessions();
      this.board.replayStarted();
      let drained = false;
      try {
        drained = !(await this.replay.drain()).interrupted;
      } finally {
        this.board.replayFinished(drained ? this.clock.now() : null);
      }
      if (!drained) return;
      refresh = true;
    }
    const now = this.clock.now().getTime();
    if (!refresh && now - this.lastRefresh < CACHE_REFRESH_INTERVAL_MS) return;
    await this.steps.pushSessions();
    await this.steps.refreshCache();
    this.lastRefresh = now;
  }
}
