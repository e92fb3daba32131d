import { useEffect } from 'react';
import { create } from 'zustand';
import type { Candle, PricePoint } from '../../../shared/api/market-data.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { dayStart, localDate, nextDay } from '../../../shared/market/time-zone.js';
import { engine } from '../api/engine.js';
import { FrameBatcher } from '../charts/frame-batcher.js';
import { messageOf } from '../transport/api-error.js';
import { transport } from '../transport/index.js';

const QUARTER_MS = 15 * 60_000;

/** Today's prices of one zone: its delivery day, from midnight in its own timezone. */
export interface ZoneToday {
  day: string;
  /** The day's first price: what "change today" is measured from. */
  open: number;
  high: number;
  low: number;
  last: number;
  /** When the last price was set (epoch ms). */
  lastAt: number;
  sum: number;
  count: number;
  /** The last price of each quarter hour so far, oldest first: the sparkline. */
  quarters: readonly { start: number; close: number }[];
}

export const dayMean = (today: ZoneToday): number => today.sum / today.count;

interface ZoneTodayState {
  byZone: Readonly<Record<string, ZoneToday>>;
  /** Why today's history could not be loaded (live prices still arrive). */
  error: string | null;
}

export const useZoneToday = create<ZoneTodayState>()(() => ({ byZone: {}, error: null }));

const quarterOf = (at: number): number => Math.floor(at / QUARTER_MS) * QUARTER_MS;

function fromCandles(day: string, candles: readonly Candle[]): ZoneToday | null {
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (!first || !last) return null;
  return {
    day,
    open: first.open,
    high: Math.max(...candles.map((candle) => candle.high)),
    low: Math.min(...candles.map((candle) => candle.low)),
    last: last.close,
    lastAt: Date.parse(last.start),
    sum: candles.reduce((sum, candle) => sum + candle.mean * candle.count, 0),
    count: candles.reduce((count, candle) => count + candle.count, 0),
    quarters: candles.map((candle) => ({ start: Date.parse(candle.start), close: candle.close })),
  };
}

function withTick(today: ZoneToday | undefined, day: string, price: number, at: number): ZoneToday {
  if (!today || today.day !== day) return { day, open: price, high: price, low: price, last: price, lastAt: at, sum: price, count: 1, quarters: [{ start: quarterOf(at), close: price }] };
  // The snapshot on (re)subscribing repeats the newest price: counted once.
  if (at <= today.lastAt) return today;
  const quarter = { start: quarterOf(at), close: price };
  const quarters = today.quarters[today.quarters.length - 1]?.start === quarter.start ? [...today.quarters.slice(0, -1), quarter] : [...today.quarters, quarter];
  return { ...today, high: Math.max(today.high, price), low: Math.min(today.low, price), last: price, lastAt: at, sum: today.sum + price, count: today.count + 1, quarters };
}

/** The stored day with the prices that arrived live while it loaded: the newest price and the extremes (the mean stays the stored one's). */
function merged(stored: ZoneToday | null, live: ZoneToday | undefined): ZoneToday | undefined {
  if (!stored) return live;
  if (!live || live.day !== stored.day || live.lastAt <= stored.lastAt) return stored;
  // Live quarters from the last stored one on replace or extend the stored ones.
  const lastStored = stored.quarters[stored.quarters.length - 1]?.start ?? 0;
  const newer = live.quarters.filter((quarter) => quarter.start >= lastStored);
  const quarters = [...stored.quarters.filter((quarter) => quarter.start < (newer[0]?.start ?? Infinity)), ...newer];
  return { ...stored, high: Math.max(stored.high, live.high), low: Math.min(stored.low, live.low), last: live.last, lastAt: live.lastAt, quarters };
}

async function loadToday(zone: MarketZone): Promise<ZoneToday | null> {
  const day = localDate(zone.timezone, Date.now());
  const from = new Date(dayStart(zone.timezone, day)).toISOString();
  const to = new Date(dayStart(zone.timezone, nextDay(day))).toISOString();
  const series = await engine.candles({ zone: zone.id, from, to, resolution: '15m' });
  return fromCandles(day, series.candles);
}

function follow(zones: readonly MarketZone[]): () => void {
  const byId = new Map(zones.map((zone) => [zone.id, zone]));
  const batcher = new FrameBatcher<PricePoint>((points) =>
    useZoneToday.setState(({ byZone }) => {
      const next = { ...byZone };
      for (const point of points) {
        const zone = byId.get(point.zoneId);
        if (!zone) continue;
        const at = Date.parse(point.at);
        next[zone.id] = withTick(next[zone.id], localDate(zone.timezone, at), point.price, at);
      }
      return { byZone: next };
    }),
  );
  const unsubscribe = transport.subscribe('price-update', (event) => {
    for (const point of event.data.prices) if (point.market === 'tick') batcher.push(point);
  });
  let following = true;
  useZoneToday.setState({ error: null });
  for (const zone of zones) {
    loadToday(zone)
      .then((stored) => {
        if (!following) return;
        useZoneToday.setState(({ byZone }) => {
          const today = merged(stored, byZone[zone.id]);
          return today ? { byZone: { ...byZone, [zone.id]: today } } : { byZone };
        });
      })
      .catch((error: unknown) => {
        if (following) useZoneToday.setState({ error: `Today’s prices of ${zone.id} could not be loaded: ${messageOf(error)}` });
      });
  }
  return () => {
    following = false;
    unsubscribe();
    batcher.cancel();
  };
}

let followers = 0;
let stopFollowing: (() => void) | null = null;

/**
 * Keeps today's prices of every zone current while a page shows them: today's quarter-hour
 * candles once, then each live tick (applied once per animation frame, whatever the burst).
 * Pages showing it at the same time share one subscription.
 */
export function useZoneTodayFeed(zones: readonly MarketZone[] | null): void {
  useEffect(() => {
    if (!zones) return;
    followers += 1;
    if (followers === 1) stopFollowing = follow(zones);
    return () => {
      followers -= 1;
      if (followers > 0) return;
      stopFollowing?.();
      stopFollowing = null;
    };
  }, [zones]);
}
