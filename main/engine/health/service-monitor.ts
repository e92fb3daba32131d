import type { Logger } from 'pino';
import type { ServiceError, ServiceHealth, ServiceName } from '../../../shared/api/health.js';
import type { Clock } from '../clock.js';
import { summariseError } from './error-summary.js';

/** One check of a service. It should give up when `signal` aborts (the timeout passed). */
export type Probe = (signal: AbortSignal) => Promise<void>;

export interface MonitoredService {
  name: ServiceName;
  /** Whether the terminal needs it to serve requests (only the database). */
  required: boolean;
  /** Where it is, credentials removed; null when not configured. */
  target: string | null;
  featuresAffected: string[];
  /** null: not configured, never probed. */
  probe: Probe | null;
}

export interface MonitorTiming {
  timeoutMs: number;
  /** Delay between probes while the service is ok. */
  intervalMs: number;
  /** Backoff while it is not: 1 s, 2 s, 4 s ... up to this. */
  maxBackoffMs: number;
}

const FIRST_BACKOFF_MS = 1000;

/** When the next probe runs. Tests pass their own to step through a schedule deterministically. */
export interface MonitorTimers {
  /** Runs `run` after `delayMs`; returns a function that cancels it. */
  after(delayMs: number, run: () => void): () => void;
}

export const realTimers: MonitorTimers = {
  after(delayMs, run) {
    const timer = setTimeout(run, delayMs);
    // A health timer must never keep the process alive on its own.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export class ProbeTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Probes one service in the background, forever, with a timeout per probe and backoff while
 * it fails. Never blocks start-up: the first probe starts on the next tick. The outcome is
 * kept for /health (read without waiting) and transitions are logged once each: a warning
 * when the service becomes unavailable, an info line when it recovers.
 */
export class ServiceMonitor {
  private status: ServiceHealth['status'];
  private latencyMs: number | null = null;
  private checkedAt: Date | null = null;
  private lastError: ServiceError | null = null;
  private failures = 0;
  private cancelNext: (() => void) | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private readonly changeListeners = new Set<(ok: boolean) => void>();

  constructor(
    readonly service: MonitoredService,
    private readonly timing: MonitorTiming,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly timers: MonitorTimers = realTimers,
  ) {
    // Until the first probe answers the service is not known to work, so it is reported
    // unavailable (with checkedAt null) rather than ok.
    this.status = service.probe ? 'unavailable' : 'not_configured';
  }

  start(): void {
    if (this.service.probe) this.schedule(0);
  }

  get isOk(): boolean {
    return this.status === 'ok';
  }

  /** Calls `listener` each time the service turns ok or stops being ok (not on every probe); returns the unsubscribe. */
  onChange(listener: (ok: boolean) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private notify(ok: boolean): void {
    for (const listener of this.changeListeners) listener(ok);
  }

  /** Probes now (outside the schedule) and resolves when done; joins a probe already running. */
  async check(): Promise<void> {
    if (!this.service.probe || this.stopped) return;
    this.running ??= this.runProbe(this.service.probe).finally(() => {
      this.running = null;
    });
    await this.running;
  }

  snapshot(): ServiceHealth {
    return {
      name: this.service.name,
      status: this.status,
      required: this.service.required,
      target: this.service.target,
      latencyMs: this.latencyMs,
      checkedAt: this.checkedAt?.toISOString() ?? null,
      lastError: this.lastError,
      featuresAffected: this.status === 'ok' ? [] : this.service.featuresAffected,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelNext?.();
    this.cancelNext = null;
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.cancelNext = this.timers.after(delayMs, () => {
      this.cancelNext = null;
      void this.check().then(() => {
        const backoff = Math.min(this.timing.maxBackoffMs, FIRST_BACKOFF_MS * 2 ** Math.max(0, this.failures - 1));
        this.schedule(this.status === 'ok' ? this.timing.intervalMs : backoff);
      });
    });
  }

  private async runProbe(probe: Probe): Promise<void> {
    const controller = new AbortController();
    const started = performance.now();
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => {
        controller.abort();
        reject(new ProbeTimeoutError(this.timing.timeoutMs));
      }, this.timing.timeoutMs);
    });
    try {
      await Promise.race([probe(controller.signal), timedOut]);
      this.recordSuccess(performance.now() - started);
    } catch (error) {
      this.recordFailure(error, performance.now() - started);
    } finally {
      clearTimeout(timeout);
      controller.abort();
    }
  }

  private recordSuccess(latencyMs: number): void {
    const wasDown = this.checkedAt !== null && this.status !== 'ok';
    const changed = this.status !== 'ok';
    this.status = 'ok';
    this.latencyMs = Math.round(latencyMs * 10) / 10;
    this.checkedAt = this.clock.now();
    if (wasDown) {
      this.logger.info({ service: this.service.name, target: this.service.target, downSince: this.lastError?.at }, `${this.service.name} recovered`);
    }
    this.failures = 0;
    if (changed) this.notify(true);
  }

  private recordFailure(error: unknown, latencyMs: number): void {
    const wasUp = this.status === 'ok' || this.checkedAt === null;
    const changed = this.status === 'ok';
    const now = this.clock.now();
    this.status = 'unavailable';
    this.latencyMs = Math.round(latencyMs * 10) / 10;
    this.checkedAt = now;
    this.lastError = summariseError(error, now);
    this.failures += 1;
    if (wasUp) {
      this.logger.warn(
        { service: this.service.name, target: this.service.target, errorType: this.lastError.type, errorMessage: this.lastError.message, at: this.lastError.at },
        `${this.service.name} unavailable: ${this.lastError.type}: ${this.lastError.message}`,
      );
    }
    if (changed) this.notify(false);
  }
}
