/**
 * Recent prices of one zone, for rules on a move over a window: at most one price per
 * `spacingMs` (so a day-long window of one-second ticks stays small), reaching back `horizonMs`
 * (the longest window in use) plus the one price just before it, the reference of that window.
 * Both are set by the evaluator from the zone's rules and may change as rules do.
 */
export class RecentPrices {
  private readonly times: number[] = [];
  private readonly prices: number[] = [];

  constructor(
    public horizonMs: number,
    public spacingMs: number,
  ) {}

  record(at: number, priceMinor: number): void {
    const last = this.times.at(-1);
    if (last !== undefined && at - last < this.spacingMs) return;
    this.times.push(at);
    this.prices.push(priceMinor);
    const oldestNeeded = at - this.horizonMs;
    while (this.times.length > 1 && (this.times[1] ?? Infinity) <= oldestNeeded) {
      this.times.shift();
      this.prices.shift();
    }
  }

  /** The price as of `at`: the last one recorded at or before it; null when the history does not reach back that far. */
  priceAt(at: number): number | null {
    let low = 0;
    let high = this.times.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.times[middle] ?? Infinity) <= at) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found < 0 ? null : (this.prices[found] ?? null);
  }

  get size(): number {
    return this.times.length;
  }
}
