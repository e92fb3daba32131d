import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, ZoneId } from './zones.js';

export const MarketKind = Type.Union([Type.Literal('tick'), Type.Literal('day_ahead'), Type.Literal('intraday'), Type.Literal('realtime')]);
export const PriceSource = Type.Union([Type.Literal('simulator'), Type.Literal('replay'), Type.Literal('import'), Type.Literal('feed'), Type.Literal('manual')]);

/** One price as the API and the event stream carry it: a decimal in the zone currency per MWh. */
export const PricePoint = Type.Object(
  {
    zoneId: Type.String(),
    market: MarketKind,
    resolutionMinutes: Type.Integer({ minimum: 0, description: '0 for a tick; else the interval length in minutes' }),
    at: Type.String({ format: 'date-time', description: 'The tick time, or the start of the interval' }),
    price: Type.Number({ description: 'Zone currency per MWh, to the cent' }),
    currency: Type.String(),
    source: PriceSource,
  },
  { title: 'PricePoint' },
);
export type PricePoint = Static<typeof PricePoint>;

export const LatestPrices = Type.Object({ prices: Type.Array(PricePoint) }, { title: 'LatestPrices' });
export type LatestPrices = Static<typeof LatestPrices>;

export const LatestPricesQuery = Type.Object(
  { zones: Type.Optional(Type.String({ pattern: '^[A-Z0-9_]+(,[A-Z0-9_]+)*$', description: 'Comma-separated zone ids; all zones when absent', examples: ['DE_LU,FR'] })) },
  { additionalProperties: false },
);

/** The `price-update` event: the prices of one feed's tick, one per zone. */
export const PriceUpdate = Type.Object({ prices: Type.Array(PricePoint) }, { title: 'PriceUpdate' });
export type PriceUpdate = Static<typeof PriceUpdate>;

/** The `day-ahead-result` event: a delivery day's cleared prices of one zone, published after its gate closure. */
export const DayAheadResultEvent = Type.Object(
  {
    zoneId: Type.String(),
    deliveryDay: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "The delivery day in the zone's timezone" }),
    resolutionMinutes: Type.Integer({ description: 'The market time unit: 15 or 60' }),
    currency: Type.String(),
    source: PriceSource,
    periods: Type.Array(Type.Object({ at: Type.String({ format: 'date-time', description: 'Period start' }), price: Type.Number() }), { description: '23-25 hours of periods: 92-100 quarter hours on clock-change days' }),
  },
  { title: 'DayAheadResultEvent' },
);
export type DayAheadResultEvent = Static<typeof DayAheadResultEvent>;

export const AlertSeverity = Type.Union([Type.Literal('info'), Type.Literal('warning'), Type.Literal('critical')]);

/** The `market-alert` event: something a trader should see now (an administrator's broadcast, or one of the trader's alert rules firing). */
export const MarketAlert = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    zoneId: Type.Union([Type.String(), Type.Null()]),
    severity: AlertSeverity,
    title: Type.String(),
    message: Type.String(),
    at: Type.String({ format: 'date-time' }),
    source: Type.Union([Type.Literal('broadcast'), Type.Literal('rule')]),
    ruleId: Type.Optional(Type.String({ format: 'uuid', description: 'The alert rule that fired it (source "rule")' })),
  },
  { title: 'MarketAlert' },
);
export type MarketAlert = Static<typeof MarketAlert>;

export const BroadcastAlertBody = Type.Object(
  {
    zoneId: Type.Optional(Type.String({ pattern: '^[A-Z0-9_]+$' })),
    severity: AlertSeverity,
    title: Type.String({ minLength: 1, maxLength: 120 }),
    message: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false, title: 'BroadcastAlertBody' },
);
export type BroadcastAlertBody = Static<typeof BroadcastAlertBody>;

export const BroadcastPriceBody = Type.Object(
  {
    zoneId: Type.String({ pattern: '^[A-Z0-9_]+$' }),
    price: Type.Number({ description: 'Zone currency per MWh, to the cent' }),
    at: Type.Optional(Type.String({ format: 'date-time', description: 'Defaults to now' })),
  },
  { additionalProperties: false, title: 'BroadcastPriceBody' },
);
export type BroadcastPriceBody = Static<typeof BroadcastPriceBody>;

export const Delivered = Type.Object({ delivered: Type.Integer({ description: 'Subscribers it reached on this engine' }) }, { title: 'Delivered' });

const Instant = Type.String({ format: 'date-time' });

/** Candle lengths. Up to an hour they follow UTC; longer ones follow the zone's wall clock (delivery days start at local midnight, weeks on Monday). */
export const CandleResolution = Type.Union(
  [
    Type.Literal('1m'),
    Type.Literal('5m'),
    Type.Literal('15m'),
    Type.Literal('30m'),
    Type.Literal('1h'),
    Type.Literal('2h'),
    Type.Literal('4h'),
    Type.Literal('6h'),
    Type.Literal('12h'),
    Type.Literal('1d'),
    Type.Literal('1w'),
  ],
  { description: 'Candle length' },
);
export type CandleResolution = Static<typeof CandleResolution>;

/** One OHLC candle: the prices whose time falls in [start, start + resolution), first to last by time. */
export const Candle = Type.Object(
  {
    start: Type.String({ format: 'date-time', description: 'Start of the bucket (UTC)' }),
    open: Type.Number(),
    high: Type.Number(),
    low: Type.Number(),
    close: Type.Number(),
    mean: Type.Number({ description: 'Mean of the prices, to the cent (of a day of day-ahead intervals of one length: the baseload price)' }),
    count: Type.Integer({ minimum: 1, description: 'Prices (ticks or intervals) in the bucket' }),
  },
  { title: 'Candle' },
);
export type Candle = Static<typeof Candle>;

export const CandleSeries = Type.Object(
  {
    zoneId: Type.String(),
    market: MarketKind,
    resolution: CandleResolution,
    currency: Type.String(),
    timezone: Type.String({ description: 'The zone’s IANA timezone: daily and weekly candles start at its midnight' }),
    from: Instant,
    to: Instant,
    candles: Type.Array(Candle, { description: 'Oldest first; a bucket without prices has no candle' }),
  },
  { title: 'CandleSeries' },
);
export type CandleSeries = Static<typeof CandleSeries>;

const RangeQuery = {
  zone: ZoneId,
  from: Type.String({ format: 'date-time', description: 'Start of the range (inclusive)', examples: ['2026-05-01T00:00:00Z'] }),
  to: Type.String({ format: 'date-time', description: 'End of the range (exclusive)', examples: ['2026-05-02T00:00:00Z'] }),
  market: Type.Optional(MarketKind),
};

export const CandleQuery = Type.Object(
  { ...RangeQuery, resolution: CandleResolution },
  { additionalProperties: false },
);
export type CandleQuery = Static<typeof CandleQuery>;

export const HistoryQuery = Type.Object(
  { ...RangeQuery, points: Type.Optional(Type.Integer({ minimum: 10, maximum: 5000, description: 'Most candles wanted; the finest resolution that fits is chosen (default 1000)' })) },
  { additionalProperties: false },
);
export type HistoryQuery = Static<typeof HistoryQuery>;

export const DayAheadQuery = Type.Object(
  { zone: ZoneId, day: Type.String({ format: 'date', description: 'The delivery day (YYYY-MM-DD) in the zone’s timezone', examples: ['2026-05-04'] }) },
  { additionalProperties: false },
);
export type DayAheadQuery = Static<typeof DayAheadQuery>;

export const DayAheadPeriod = Type.Object(
  {
    period: Type.Integer({ minimum: 1, description: '1 for the first MTU of the delivery day' }),
    start: Instant,
    end: Instant,
    price: Type.Number(),
  },
  { title: 'DayAheadPeriod' },
);
export type DayAheadPeriod = Static<typeof DayAheadPeriod>;

/** The day-ahead result of one delivery day in the zone's timezone: 24 or 96 periods (23/25, 92/100 when the clock changes). */
export const DayAheadProfile = Type.Object(
  {
    zoneId: Type.String(),
    day: IsoDate,
    timezone: Type.String(),
    currency: Type.String(),
    start: Instant,
    end: Instant,
    resolutionMinutes: Type.Integer({ description: 'Period length: the stored results’, else the zone’s MTU on that day' }),
    periodCount: Type.Integer({ description: 'Periods the delivery day has at that length' }),
    periods: Type.Array(DayAheadPeriod, { description: 'The published periods, in order; empty before the results are out' }),
  },
  { title: 'DayAheadProfile' },
);
export type DayAheadProfile = Static<typeof DayAheadProfile>;
