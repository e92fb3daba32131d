import type { Logger } from 'pino';
import type { Clock } from '../clock.js';

export type ConnectivityState = 'online' | 'offline';

export interface ConnectivityView {
  state: ConnectivityState;
  /** When the current state began (the engine's start, if it has not changed since). */
  since: Date;
  /** When the source of truth was last known online: the start of this spell while online, the end of the last one while offline; null if never since start. */
  lastOnlineAt: Date | null;
}

/** What connectivity watches: the database monitor, as Databases exposes it. */
export interface ConnectivitySource {
  readonly primaryOnline: boolean;
  watchPrimary(listener: (online: boolean) => void): () => void;
}

/**
 * The terminal's connection to the shared database as the sync layer sees it: online or
 * offline, since when, and observers told the moment it changes — so the outbox replay can
 * start as soon as PostgreSQL returns instead of on its next poll.
 */
export class Connectivity {
  private view: ConnectivityView;
  private readonly observers = new Set<(view: ConnectivityView) => void>();
  private readonly unwatch: () => void;

  constructor(
    source: ConnectivitySource,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    const now = clock.now();
    const online = source.primaryOnline;
    this.view = { state: online ? 'online' : 'offline', since: now, lastOnlineAt: online ? now : null };
    this.unwatch = source.watchPrimary((isOnline) => this.change(isOnline ? 'online' : 'offline'));
  }

  get current(): ConnectivityView {
    return this.view;
  }

  /** Calls `observer` with every change from now on; returns the unsubscribe. */
  subscribe(observer: (view: ConnectivityView) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  close(): void {
    this.unwatch();
    this.observers.clear();
  }

  private change(state: ConnectivityState): void {
    if (state === this.view.state) return;
    const now = this.clock.now();
    // Going offline, the database was online until now; coming back, it is online from now.
    this.view = { state, since: now, lastOnlineAt: now };
    for (const observer of this.observers) {
      try {
        observer(this.view);
      } catch (error) {
        // One observer's failure must not keep the others (the replay, the status bar) from hearing.
        this.logger.error({ err: error, state }, 'A connectivity observer failed');
      }
    }
  }
}
