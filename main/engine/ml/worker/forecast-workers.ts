import { AppError } from '../../http/app-error.js';
import { startWorker, type WorkerRun } from './worker-launcher.js';
import type { WorkerOutcome, WorkerTask } from './worker-messages.js';

export interface ForecastWorkerLimits {
  /** Threads at work at once. */
  running: number;
  /** Requests waiting for a thread, in order; one more is refused. */
  waiting: number;
}

/**
 * Two threads: a forecast takes a second, but a comparison of eight networks over two years takes
 * a core for minutes, and a desktop has two or four; the training queue takes one more at most.
 * Sixteen waiting is more than one desk asks for at once; beyond that the caller is told to come
 * back rather than queued without bound.
 */
export const FORECAST_WORKER_LIMITS: ForecastWorkerLimits = { running: 2, waiting: 16 };

const busy = (limits: ForecastWorkerLimits): AppError =>
  new AppError(
    'service_unavailable',
    'FORECASTS_BUSY',
    `This terminal is running ${String(limits.running)} forecasts or comparisons and ${String(limits.waiting)} more are waiting: ask again when one has ended`,
    { running: limits.running, waiting: limits.waiting },
    503,
    { 'Retry-After': '5' },
  );

const closing = (): AppError => new AppError('service_unavailable', 'TERMINAL_CLOSING', 'The terminal is closing: its forecasts and comparisons have stopped');

/**
 * The worker threads requests wait on (a forecast, a comparison, an imported file's check), apart
 * from the training queue: a bounded number at once, the rest waiting in order up to a bound. A
 * request whose caller has gone (its signal) leaves the line or has its thread stopped, since the
 * answer has no one to go to; close() stops them all, so the terminal's shutdown does not wait on
 * a comparison's minutes.
 */
export class ForecastWorkers {
  private running = 0;
  private readonly waiting: { start: () => void; leave: () => void }[] = [];
  private readonly underWay = new Set<WorkerRun>();
  private closed = false;

  constructor(private readonly limits: ForecastWorkerLimits = FORECAST_WORKER_LIMITS) {}

  /**
   * The task's outcome: { type: 'cancelled' } when `signal` aborted first. Throws FORECASTS_BUSY
   * (at once, nothing started) when the line is full, TERMINAL_CLOSING once close() is called.
   */
  async run(task: WorkerTask, signal?: AbortSignal): Promise<WorkerOutcome> {
    if (this.isClosed()) throw closing();
    if (signal?.aborted) return { type: 'cancelled' };
    const hasTurn = await this.turn(signal);
    // The terminal may have begun closing, or the caller gone, while it waited or since its turn came.
    const closedMeanwhile = this.isClosed();
    if (hasTurn && (closedMeanwhile || signal?.aborted)) this.release();
    if (closedMeanwhile) throw closing();
    if (!hasTurn || signal?.aborted) return { type: 'cancelled' };
    const worker = startWorker(task);
    const stop = (): void => worker.cancel();
    this.underWay.add(worker);
    signal?.addEventListener('abort', stop, { once: true });
    try {
      const outcome = await worker.outcome;
      if (outcome.type === 'cancelled' && this.isClosed()) throw closing();
      return outcome;
    } finally {
      signal?.removeEventListener('abort', stop);
      this.underWay.delete(worker);
      this.release();
    }
  }

  /** A method, not the field: the compiler would take the field as still what it was before an await. */
  private isClosed(): boolean {
    return this.closed;
  }

  /** Refuses what comes next, sends the waiting away, stops the threads at work and resolves once they have ended. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.leave();
    const stopping = [...this.underWay];
    for (const worker of stopping) worker.cancel();
    await Promise.all(stopping.map((worker) => worker.outcome));
  }

  /** Resolves true when a thread is this request's, false if it left the line first. Takes or refuses its place at once. */
  private turn(signal: AbortSignal | undefined): Promise<boolean> {
    if (this.running < this.limits.running && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve(true);
    }
    if (this.waiting.length >= this.limits.waiting) throw busy(this.limits);
    return new Promise<boolean>((resolve) => {
      const waiter = {
        start: () => {
          signal?.removeEventListener('abort', waiter.leave);
          resolve(true);
        },
        leave: () => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          signal?.removeEventListener('abort', waiter.leave);
          resolve(false);
        },
      };
      this.waiting.push(waiter);
      signal?.addEventListener('abort', waiter.leave, { once: true });
    });
  }

  /** A thread is free: the longest waiting takes it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.running--;
  }
}
