import type { Candle } from '../../../../shared/api/market-data.js';
import type { CandleGrid } from '../../../../shared/market/candle-grid.js';

const toCents = (value: number): number => Math.round(value * 100) / 100;

/** Loaded candles kept current by live ticks: a tick joins the last candle or opens the next one. */
export class LiveCandles {
  private readonly candles: Candle[];
  /** Sum of the last candle's prices, for its mean (the loaded mean is to the cent already). */
  private lastSum: number;

  constructor(
    private readonly grid: CandleGrid,
    loaded: readonly Candle[],
  ) {
    this.candles = [...loaded];
    const last = loaded[loaded.length - 1];
    this.lastSum = last ? last.mean * last.count : 0;
  }

  /** What the chart shows: the loaded candles with the live ones. */
  get all(): readonly Candle[] {
    return this.candles;
  }

  /** The candle a tick changed or opened; null for a tick older than the last candle. */
  add(price: number, at: number): Candle | null {
    const start = this.grid.startOf(this.grid.keyOf(at));
    const last = this.candles[this.candles.length - 1];
    const lastStart = last ? Date.parse(last.start) : Number.NEGATIVE_INFINITY;
    if (start < lastStart) return null;
    if (last && start === lastStart) {
      const count = last.count + 1;
      this.lastSum += price;
      const updated: Candle = { ...last, high: Math.max(last.high, price), low: Math.min(last.low, price), close: price, mean: toCents(this.lastSum / count), count };
      this.candles[this.candles.length - 1] = updated;
      return updated;
    }
    this.lastSum = price;
    const opened: Candle = { start: new Date(start).toISOString(), open: price, high: price, low: price, close: price, mean: price, count: 1 };
    this.candles.push(opened);
    return opened;
  }
}
