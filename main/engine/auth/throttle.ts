import type { Clock } from '../clock.js';

/** Failed sign-ins allowed per window, per account and per client address. */
export interface ThrottlePolicy {
  windowMs: number;
  perAccount: number;
  perClient: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { windowMs: 15 * 60 * 1000, perAccount: 5, perClient: 20 };

/** Counts per key that expire with their window. */
export interface CounterStore {
  /** Adds one to `key`, starting a window of `windowMs` if none is open; the count and ms until the window ends. */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** The count and ms left of the open window, or null when none is open. */
  peek(key: string): Promise<{ count: number; resetInMs: number } | null>;
  delete(key: string): Promise<void>;
}

/** Counters in this process: the fallback when Redis is not configured or not answering. */
export class MemoryCounterStore implements CounterStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly clock: Clock) {}

  private open(key: string): { count: number; resetAt: number } | null {
    const window = this.windows.get(key);
    if (!window) return null;
    if (window.resetAt <= this.clock.now().getTime()) {
      this.windows.delete(key);
      return null;
    }
    return window;
  }

  async increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const now = this.clock.now().getTime();
    const window = this.open(key) ?? { count: 0, resetAt: now + windowMs };
    window.count += 1;
    this.windows.set(key, window);
    return { count: window.count, resetInMs: window.resetAt - now };
  }

  async peek(key: string): Promise<{ count: number; resetInMs: number } | null> {
    const window = this.open(key);
    return window && { count: window.count, resetInMs: window.resetAt - this.clock.now().getTime() };
  }

  async delete(key: string): Promise<void> {
    this.windows.delete(key);
  }
}

export interface ThrottleVerdict {
  allowed: boolean;
  /** Seconds until a new attempt is allowed (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Sign-in throttling: after too many failures for one account, or from one client, further
 * attempts are refused until the window ends — checked before the password is hashed, so a
 * flood costs no scrypt work. A successful sign-in clears the account's count.
 */
export class LoginThrottle {
  constructor(
    private readonly counters: CounterStore,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  private keys(account: string, client: string): [string, number][] {
    return [
      [`login:account:${account}`, this.policy.perAccount],
      [`login:client:${client}`, this.policy.perClient],
    ];
  }

  async check(account: string, client: string): Promise<ThrottleVerdict> {
    let retryAfterMs = 0;
    for (const [key, limit] of this.keys(account, client)) {
      const window = await this.counters.peek(key);
      if (window && window.count >= limit) retryAfterMs = Math.max(retryAfterMs, window.resetInMs);
    }
    return { allowed: retryAfterMs === 0, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
  }

  async recordFailure(account: string, client: string): Promise<void> {
    for (const [key] of this.keys(account, client)) await this.counters.increment(key, this.policy.windowMs);
  }

  async recordSuccess(account: string): Promise<void> {
    await this.counters.delete(`login:account:${account}`);
  }
}

/**
 * Redis when it is configured and answering (counts shared across processes), this process's
 * memory otherwise — also for a single call that fails on Redis: throttling never fails open.
 */
export class ResilientCounterStore implements CounterStore {
  constructor(
    private readonly shared: () => CounterStore | null,
    private readonly local: CounterStore,
    private readonly onSharedFailure: (error: unknown) => void,
  ) {}

  private async use<T>(operation: (store: CounterStore) => Promise<T>): Promise<T> {
    const shared = this.shared();
    if (shared) {
      try {
        return await operation(shared);
      } catch (error) {
        this.onSharedFailure(error);
      }
    }
    return operation(this.local);
  }

  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    return this.use((store) => store.increment(key, windowMs));
  }

  peek(key: string): Promise<{ count: number; resetInMs: number } | null> {
    return this.use((store) => store.peek(key));
  }

  delete(key: string): Promise<void> {
    return this.use((store) => store.delete(key));
  }
}
