import type { MarketZone } from '../../../shared/api/zones.js';
import type { Clock } from '../clock.js';
import type { FeedTick, PriceFeed } from './price-feed.js';
import { PriceSimulator } from './price-simulator.js';

/** The embedded default feed: the price simulator stepped to the clock's time every interval. */
export class SimulatorFeed implements PriceFeed {
  readonly name = 'simulator';
  readonly source = 'simulator' as const;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly zones: readonly MarketZone[],
    private readonly options: { seed: number; intervalMs: number; clock: Clock },
  ) {}

  get intervalMs(): number {
    return this.options.intervalMs;
  }

  start(emit: (ticks: FeedTick[]) => void): void {
    const { clock, seed, intervalMs } = this.options;
    let last = clock.now();
    const simulator = new PriceSimulator(this.zones, { seed, start: last });
    this.timer = setInterval(() => {
      const now = clock.now();
      // A clock that has not moved (a test's stepping clock, a system clock set back) skips a beat.
      if (now.getTime() <= last.getTime()) return;
      last = now;
      emit(simulator.advanceTo(now));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
