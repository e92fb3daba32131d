import type { MarketZone } from '../../../shared/api/zones.js';
import type { Clock } from '../clock.js';
import { dueDeliveryDays, simulateDayAhead, type DayAheadResult } from './day-ahead-results.js';
import type { FeedTick, PriceFeed } from './price-feed.js';
import { PriceSimulator } from './price-simulator.js';

/** How often the feed looks for day-ahead results that have come out. */
const DUE_CHECK_MS = 1000;

/**
 * The embedded default feed: the price simulator stepped to the clock's time every interval,
 * and each zone's day-ahead results published when the exchange would (today's at the first beat).
 */
export class SimulatorFeed implements PriceFeed {
  readonly name = 'simulator';
  readonly source = 'simulator' as const;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly zones: readonly MarketZone[],
    /** `dayAheadSeed`: fixed by configuration only, so restarts and other terminals publish the same results. */
    private readonly options: { seed: number; dayAheadSeed: number; intervalMs: number; clock: Clock },
  ) {}

  get intervalMs(): number {
    return this.options.intervalMs;
  }

  start(emit: (ticks: FeedTick[]) => void, publishDayAhead: (result: DayAheadResult) => void): void {
    const { clock, seed, intervalMs } = this.options;
    let last = clock.now();
    const simulator = new PriceSimulator(this.zones, { seed, start: last });
    const published = new Map(this.zones.map((zone) => [zone.id, new Set<string>()]));
    const publishDue = (now: Date): void => {
      for (const zone of this.zones) {
        const days = published.get(zone.id) ?? new Set<string>();
        for (const day of dueDeliveryDays(zone, now, days)) {
          publishDayAhead(simulateDayAhead(zone, day, this.options.dayAheadSeed));
          days.add(day);
        }
        // Only today and tomorrow are ever due: older days need not be remembered.
        if (days.size > 4) for (const day of [...days].sort().slice(0, days.size - 2)) days.delete(day);
      }
    };
    // Today's results go out with the first beat, not during start-up: the terminal answers first.
    let dueCheckedAt = Number.NEGATIVE_INFINITY;
    this.timer = setInterval(() => {
      const now = clock.now();
      // A clock that has not moved (a test's stepping clock, a system clock set back) skips a beat.
      if (now.getTime() <= last.getTime()) return;
      last = now;
      emit(simulator.advanceTo(now));
      // Results come out on the minute: looking once a second is on time and keeps a fast tick cheap.
      if (now.getTime() - dueCheckedAt >= DUE_CHECK_MS) {
        dueCheckedAt = now.getTime();
        publishDue(now);
      }
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
