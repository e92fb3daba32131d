import pg from 'pg';
import type { Logger } from 'pino';
import { engineTypes } from './pg-types.js';

export interface NotificationListenerOptions {
  url: string;
  channel: string;
  connectTimeoutMs: number;
  logger: Logger;
  /** A notification's payload, in commit order of the transactions that sent them. */
  onPayload: (payload: string) => void;
  /**
   * Called after every (re)connection once LISTEN is in place, with the time the previous
   * connection was lost (null the first time): what was committed in between was never heard.
   * Rejecting means the gap could not be read back: the connection is given up and made again,
   * with backoff, and the next call names the same instant.
   */
  onListening: (lostAt: Date | null) => Promise<void>;
  /** Whether connecting is allowed now (the schema is this build's); checked again every second until it is. */
  mayConnect: () => boolean;
  /** First retry delay; doubled up to MAX_RETRY_MS, with jitter so a floor does not reconnect in step. */
  firstRetryMs?: number;
}

const MAX_RETRY_MS = 30_000;
const READY_POLL_MS = 1000;

/**
 * A PostgreSQL LISTEN on a connection of its own (a pooled one would be handed to other queries
 * and lose the LISTEN). When the connection drops — server restart, network loss, the session
 * terminated by an administrator — it reconnects with backoff and reports the gap so the caller
 * can re-read what it missed.
 */
export class NotificationListener {
  private client: pg.Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs: number;
  private lostAt: Date | null = null;
  private stopped = false;
  private connected = false;

  constructor(private readonly options: NotificationListenerOptions) {
    // LISTEN takes no parameters: the name is spliced into the statement, so it must be a plain identifier.
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`Not a channel name: ${options.channel}`);
    this.retryMs = options.firstRetryMs ?? 500;
  }

  get listening(): boolean {
    return this.connected;
  }

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    if (!this.options.mayConnect()) {
      this.retryTimer = setTimeout(() => void this.connect(), READY_POLL_MS);
      this.retryTimer.unref();
      return;
    }
    const { url, channel, connectTimeoutMs, logger } = this.options;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, keepAlive: true, application_name: 'optibid-terminal listen', types: engineTypes() });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost || !this.isCurrent(client)) return;
      lost = true;
      this.client = null;
      this.connected = false;
      this.lostAt ??= new Date();
      logger.warn({ err: error, channel }, 'Lost the database notification connection; reconnecting');
      void client.end().catch(() => undefined);
      this.scheduleRetry();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) this.options.onPayload(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      if (!this.isCurrent(client)) return;
      this.connected = true;
      const gapSince = this.lostAt;
      this.retryMs = this.options.firstRetryMs ?? 500;
      if (gapSince) logger.info({ channel, since: gapSince.toISOString() }, 'Database notifications are back; reading what was missed');
      await this.options.onListening(gapSince);
      // The gap is closed once it was read back: a read-back that failed is tried again, from the same instant, at the next connection.
      if (this.isCurrent(client)) this.lostAt = null;
    } catch (error) {
      onLost(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Not stopped, and `client` is still the connection in use (not one given up on). */
  private isCurrent(client: pg.Client): boolean {
    return !this.stopped && this.client === client;
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const delay = this.retryMs / 2 + Math.random() * (this.retryMs / 2);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }
}
