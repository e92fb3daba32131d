import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { OutboxRepository, QueuedOperation } from '../db/repositories/outbox-repository.js';
import { AppError } from '../http/app-error.js';

/** What one queued write became in the shared database. */
export type ReplayResult =
  /** Applied now, or found already applied (a reply lost before the terminal went offline); `note` says what it became if not what was asked, e.g. expired. */
  | { outcome: 'applied'; note: string | null }
  /** The resource changed there meanwhile: both versions are kept for the trader to choose. */
  | { outcome: 'conflict'; reason: string };

/** Applies one queued write to the shared database. Throws what the database threw when it cannot be reached. */
export type Replayer = (operation: QueuedOperation) => Promise<ReplayResult>;

export interface DrainReport {
  applied: number;
  conflicts: number;
  failed: number;
  /** The database went away again before the queue was empty. */
  interrupted: boolean;
}

/**
 * Replays the outbox to the shared database in the order the writes were made, one at a time
 * (a later edit builds on an earlier create). Each write is marked in flight before it is sent
 * and settled after, so a kill -9 or a lost reply in between leaves it in flight: it is sent
 * again, and the replayer's idempotency (client-made ids, submission ids, versions) makes the
 * second delivery return the first result. A write the shared database refuses (an AppError)
 * is settled as failed with the reason, visible in the queue, instead of blocking every later one.
 */
export class OutboxReplay {
  private draining: Promise<DrainReport> | null = null;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly replay: Replayer,
    private readonly isConnectionError: (error: unknown) => boolean,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Whether a replay is under way (the terminal reports 'syncing'). */
  get syncing(): boolean {
    return this.draining !== null;
  }

  /** Drains the queue while the database answers. A call while draining joins the drain under way. */
  drain(): Promise<DrainReport> {
    this.draining ??= this.run().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async run(): Promise<DrainReport> {
    const report: DrainReport = { applied: 0, conflicts: 0, failed: 0, interrupted: false };
    for (let operation = await this.outbox.next(); operation; operation = await this.outbox.next()) {
      await this.outbox.markInFlight(operation.seq, this.clock.now());
      let result: ReplayResult;
      try {
        result = await this.replay(operation);
      } catch (error) {
        if (this.isConnectionError(error)) {
          await this.outbox.release(operation.seq, error instanceof Error ? error.message : String(error));
          report.interrupted = true;
          break;
        }
        if (!(error instanceof AppError)) this.logger.error({ err: error, seq: operation.seq, operation: operation.operation }, 'A queued write could not be replayed');
        await this.outbox.markSettled(operation.seq, 'failed', this.clock.now(), error instanceof Error ? error.message : String(error));
        report.failed += 1;
        continue;
      }
      if (result.outcome === 'conflict') {
        await this.outbox.markSettled(operation.seq, 'conflict', this.clock.now(), result.reason);
        report.conflicts += 1;
      } else {
        await this.outbox.markDone(operation.seq, this.clock.now(), result.note);
        report.applied += 1;
      }
    }
    if (report.applied + report.conflicts + report.failed > 0) this.logger.info(report, 'Outbox replayed to the shared database');
    return report;
  }
}
