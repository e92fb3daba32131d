import type { Logger } from 'pino';
import type { TerminalStatus } from '../../../shared/api/events.js';
import type { HealthReport } from '../../../shared/api/health.js';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import type { EventHub } from './event-hub.js';

/** How often the status is recomputed; a change is published at once, no change publishes nothing. */
export const STATUS_INTERVAL_MS = 1000;

/** The terminal's status as the status bar shows it, from the health report (databases' monitors, sync) and the feed. */
export async function readTerminalStatus(databases: Databases, health: () => Promise<HealthReport>, feed: () => TerminalStatus['feed'], clock: Clock): Promise<TerminalStatus> {
  const report = await health();
  const primary = report.services.find((service) => service.name === 'database');
  return {
    database: { mode: primary?.status === 'ok' ? 'online' : 'offline', dialect: databases.primary.dialect },
    sync: report.sync,
    feed: feed(),
    health: report.status,
    time: clock.now().toISOString(),
  };
}

const withoutTime = ({ time: _time, ...rest }: TerminalStatus): string => JSON.stringify(rest);

/**
 * Publishes `terminal-status` whenever it changes (database online/offline, sync state and queued writes,
 * overall health) and answers subscribers' snapshots. Polls the in-memory monitors once a
 * second: cheap, and it catches every source of change without each one knowing about the hub.
 */
export class TerminalStatusPublisher {
  private last: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failing = false;

  constructor(
    private readonly hub: EventHub,
    private readonly read: () => Promise<TerminalStatus>,
    private readonly logger: Logger,
  ) {
    hub.provideSnapshot('terminal-status', () => this.read());
  }

  start(intervalMs = STATUS_INTERVAL_MS): void {
    this.timer = setInterval(() => {
      this.refresh().then(
        () => (this.failing = false),
        (error: unknown) => {
          // Once per spell of failures (the local SQLite file unreadable, say), not every second.
          if (!this.failing) this.logger.warn({ err: error }, 'The terminal status could not be read');
          this.failing = true;
        },
      );
    }, intervalMs);
    this.timer.unref();
  }

  /** Recomputes now; publishes and returns true when the status changed. */
  async refresh(): Promise<boolean> {
    const status = await this.read();
    const key = withoutTime(status);
    if (key === this.last) return false;
    this.last = key;
    this.hub.publish('terminal-status', status);
    return true;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
