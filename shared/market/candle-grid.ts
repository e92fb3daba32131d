import type { CandleResolution } from '../api/market-data.js';
import { DAY_MS, HOUR_MS, localDate, offsetSegments, wallClockToUtc, type OffsetSegment } from './time-zone.js';

const MINUTE_MS = 60_000;
/** Candles per response at most: a chart shows no more, and the answer stays small and fast. */
export const MAX_CANDLES = 5000;

export const RESOLUTION_MS: Readonly<Record<CandleResolution, number>> = {
  '1m': MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '2h': 2 * HOUR_MS,
  '4h': 4 * HOUR_MS,
  '6h': 6 * HOUR_MS,
  '12h': 12 * HOUR_MS,
  '1d': DAY_MS,
  '1w': 7 * DAY_MS,
};

/** Finest first: the order history walks to find the resolution that fits. */
export const RESOLUTION_LADDER = (Object.keys(RESOLUTION_MS) as CandleResolution[]).sort((a, b) => RESOLUTION_MS[a] - RESOLUTION_MS[b]);

/** Buckets a range of this length spans at most (one more when it does not start on a boundary). */
export const bucketsInRange = (from: number, to: number, resolution: CandleResolution): number => Math.ceil((to - from) / RESOLUTION_MS[resolution]);

/** The finest resolution giving at most `points` candles over [from, to), or null when even the coarsest gives more. */
export const resolutionForPoints = (from: number, to: number, points: number): CandleResolution | null =>
  RESOLUTION_LADDER.find((resolution) => bucketsInRange(from, to, resolution) <= points) ?? null;

/**
 * Where candles of one resolution start, for one zone over one range: bucket k holds the prices
 * whose wall-clock time w (UTC plus the offset in force) has floor((w - originWallMs) / widthMs) = k.
 *
 * Up to an hour the buckets follow UTC (offset 0): every zone of the catalogue is a whole number
 * of hours from UTC, so they are the zone's own hours too, and the hour a clock shows twice in
 * autumn stays two candles. Longer buckets follow the zone's wall clock, so a daily candle is a
 * delivery day (23 or 25 hours when the clock changes) and a weekly one starts on Monday.
 * The engine computes the same bucket number in SQL from `originWallMs`, `widthMs` and `offsets`.
 */
export class CandleGrid {
  readonly widthMs: number;
  readonly originWallMs: number;
  /** The UTC offsets over the range, oldest first; a single zero offset when the buckets follow UTC. */
  readonly offsets: readonly OffsetSegment[];
  private readonly followsWallClock: boolean;

  constructor(
    private readonly timeZone: string,
    readonly resolution: CandleResolution,
    from: number,
    to: number,
  ) {
    this.widthMs = RESOLUTION_MS[resolution];
    this.followsWallClock = this.widthMs > HOUR_MS;
    if (!this.followsWallClock) {
      this.offsets = [{ startsAt: from, offsetMs: 0 }];
      this.originWallMs = Math.floor(from / this.widthMs) * this.widthMs;
      return;
    }
    this.offsets = offsetSegments(timeZone, from, to);
    // The midnight before the range's first day: the clock going back an hour never takes a price before it.
    let origin = Date.parse(`${localDate(timeZone, from)}T00:00:00Z`) - DAY_MS;
    // 1970-01-01 was a Thursday; weeks start on Monday.
    if (resolution === '1w') origin -= ((new Date(origin).getUTCDay() + 6) % 7) * DAY_MS;
    this.originWallMs = origin;
  }

  keyOf(at: number): number {
    const offset = this.offsets.findLast((segment) => segment.startsAt <= at) ?? this.offsets[0];
    return Math.floor((at + (offset?.offsetMs ?? 0) - this.originWallMs) / this.widthMs);
  }

  /** The instant bucket `key` starts. */
  startOf(key: number): number {
    const wallMs = this.originWallMs + key * this.widthMs;
    return this.followsWallClock ? wallClockToUtc(this.timeZone, wallMs) : wallMs;
  }
}
