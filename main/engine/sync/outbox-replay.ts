import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { OutboxRepository, QueuedOperation } from '../db/repositories/outbox-repository.js';
import { AppError } from '../http/app-error.js';
import { messageOf } from '../error-message.js';

/** What one queued write became in the shared database. */
export type ReplayResult =
  /** Applied now, or found already applied (a reply lost before the terminal went offline); `note` says what it became if not what was asked, e.g. expired. */
  | { outcome: 'applied'; note: string | null }
  /** The resource changed there meanwhile: both versions are kept for the trader to choose. */
  | { outcome: 'conflict'; reason: string };

/** Applies one queued write to the shared database. Throws what the database threw when it cannot be reached. */
export type ApplyQueued = (operation: QueuedOperation) => Promise<ReplayResult>;

export interface DrainReplay {
  /** One write on its own, with every outcome it can have. */
  one: ApplyQueued;
  /**
   * Writes of distinct resources, in order, applied together in one transaction: true when all
   * of them were applied; false when none was, because one needs settling on its own (a
   * conflict, a refusal, an expiry). Throws what the database threw when it cannot be reached.
   */
  together(operations: readonly QueuedOperation[]): Promise<boolean>;
}

/**
 * Gives each drain its own DrainReplay, which may keep the reference data it reads (an
 * organisation's assets and thresholds, a zone's latest price) until the drain ends instead of
 * reading it again for every write: a drain is minutes at most, and a write queued after it
 * meets a fresh read.
 */
export type Replayer = () => DrainReplay;

/**
 * Most writes replayed together: one transaction on the shared database and one local commit
 * each side of it instead of one per write, while another terminal's audited write waits behind
 * it for a few dozen milliseconds at most.
 */
export const MOST_WRITES_PER_BATCH = 50;

export interface DrainReport {
  applied: number;
  conflicts: number;
  failed: number;
  /** The database went away again before the queue was empty. */
  interrupted: boolean;
}

/**
 * Replays the outbox to the shared database in the order the writes were made, in batches of
 * writes to distinct resources (a later edit builds on an earlier create, so it waits for the
 * next batch). A batch is marked in flight before it is sent and settled after, so a kill -9 or
 * a lost reply in between leaves it in flight: it is sent again, and the replayer's idempotency
 * (client-made ids, submission ids, versions) makes the second delivery return the first
 * result. A batch goes in one transaction when it can; when one of its writes needs settling
 * on its own, its writes go one at a time: a write the shared database refuses (an AppError)
 * is settled as failed with the reason, visible in the queue, instead of blocking every later one.
 */
export class OutboxReplay {
  private draining: Promise<DrainReport> | null = null;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly replayer: Replayer,
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
    const replay = this.replayer();
    while (!report.interrupted) {
      const batch = await this.outbox.nextBatch(MOST_WRITES_PER_BATCH);
      if (batch.length === 0) break;
      const seqs = batch.map((operation) => operation.seq);
      await this.outbox.markInFlight(seqs, this.clock.now());
      if (batch.length > 1 && (await this.together(replay, batch, report))) continue;
      for (const [i, operation] of batch.entries()) {
        if (await this.one(replay, operation, report)) continue;
        // The database went away: the rest of the batch was not sent.
        if (i + 1 < batch.length) await this.outbox.release(seqs.slice(i + 1), 'Not sent: the shared database went away before it');
        break;
      }
    }
    if (report.applied + report.conflicts + report.failed > 0) this.logger.info(report, 'Outbox replayed to the shared database');
    return report;
  }

  /** The batch in one transaction; false when its writes must go one at a time (or the database went away: `report` says so). */
  private async together(replay: DrainReplay, batch: readonly QueuedOperation[], report: DrainReport): Promise<boolean> {
    try {
      if (!(await replay.together(batch))) return false;
    } catch (error) {
      if (!this.isConnectionError(error)) return false;
      await this.outbox.release(
        batch.map((operation) => operation.seq),
        messageOf(error),
      );
      report.interrupted = true;
      return true;
    }
    await this.outbox.markDone(
      batch.map((operation) => operation.seq),
      this.clock.now(),
    );
    report.applied += batch.length;
    return true;
  }

  /** One write, settled; false when the database went away (the write is back in the queue). */
  private async one(replay: DrainReplay, operation: QueuedOperation, report: DrainReport): Promise<boolean> {
    let result: ReplayResult;
    try {
      result = await replay.one(operation);
    } catch (error) {
      if (this.isConnectionError(error)) {
        await this.outbox.release([operation.seq], messageOf(error));
        report.interrupted = true;
        return false;
      }
      if (!(error instanceof AppError)) this.logger.error({ err: error, seq: operation.seq, operation: operation.operation }, 'A queued write could not be replayed');
      // An operator's record of what the floor refused from this terminal (a trader's rights taken away meanwhile, a rule broken).
      else this.logger.warn({ seq: operation.seq, operation: operation.operation, userId: operation.userId, code: error.code, reason: error.message }, 'A queued write was refused by the shared database');
      await this.outbox.markSettled(operation.seq, 'failed', this.clock.now(), messageOf(error));
      report.failed += 1;
      return true;
    }
    if (result.outcome === 'conflict') {
      await this.outbox.markSettled(operation.seq, 'conflict', this.clock.now(), result.reason);
      report.conflicts += 1;
    } else {
      await this.outbox.markDone([operation.seq], this.clock.now(), result.note);
      report.applied += 1;
    }
    return true;
  }
}

