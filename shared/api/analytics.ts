import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { IsoDate, ZoneId } from './zones.js';

/**
 * Analytics of stored prices (per zone, anomalies, across zones) and of the organisation's
 * trading today. Prices are decimals of the zone currency per MWh; every statistic is over
 * hourly prices (a quarter-hour market's four quarters make its hour: their mean).
 */

/** The longest period one request analyses: a (leap) year of hours, enough for any seasonal comparison. */
export const MAX_ANALYTICS_DAYS = 366;
/** Most zones in one cross-market request: 45 pairs, a heatmap still readable. */
export const MAX_CROSS_MARKET_ZONES = 10;
/** Lags of the lagged correlation: a day either way, in hours. */
export const MAX_LAG_HOURS = 24;
export const DEFAULT_DURATION_POINTS = 200;
export const MAX_DURATION_POINTS = 2000;
export const DEFAULT_ANOMALY_THRESHOLD = 6;
export const DEFAULT_STALE_HOURS = 12;
/** Anomalies listed in one answer (oldest first); `counts` has them all. */
export const MAX_ANOMALIES_LISTED = 1000;

const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Price = Type.Number({ description: 'Zone currency per MWh, to the cent' });
const Coefficient = Nullable(Type.Number({ minimum: -1, maximum: 1, description: 'null: fewer than 3 common hours, or a series that does not vary' }));

/** Interval prices only: raw ticks are irregular and kept a week, not a basis for period statistics. */
export const IntervalMarket = Type.Union([Type.Literal('day_ahead'), Type.Literal('intraday'), Type.Literal('realtime')], { description: 'Default day_ahead' });
export type IntervalMarket = Static<typeof IntervalMarket>;

const Range = {
  from: Type.String({ format: 'date-time', description: 'Start of the period (inclusive)', examples: ['2026-05-01T00:00:00Z'] }),
  to: Type.String({ format: 'date-time', description: `End of the period (exclusive); at most ${String(MAX_ANALYTICS_DAYS)} days after from`, examples: ['2026-06-01T00:00:00Z'] }),
  market: Type.Optional(IntervalMarket),
};

/** When the answer was computed and until when it is served from the cache. */
const Freshness = {
  computedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time', description: 'Asked again before this, the same answer comes from the cache' }),
};

export const MarketAnalyticsQuery = Type.Object(
  {
    zone: ZoneId,
    ...Range,
    points: Type.Optional(Type.Integer({ minimum: 2, maximum: MAX_DURATION_POINTS, description: `Most points of the duration curve (default ${String(DEFAULT_DURATION_POINTS)})` })),
  },
  { additionalProperties: false },
);
export type MarketAnalyticsQuery = Static<typeof MarketAnalyticsQuery>;

const PriceAt = Type.Object({ price: Price, hour: Type.String({ format: 'date-time', description: 'Start of the hour it was in' }) });

export const MarketAnalytics = Type.Object(
  {
    zoneId: Type.String(),
    market: IntervalMarket,
    currency: Type.String(),
    timezone: Type.String(),
    from: Instant,
    to: Instant,
    hours: Type.Integer({ description: 'Hours of the period with a price' }),
    periodHours: Type.Integer({ description: 'Hours in the period' }),
    mean: Nullable(Price),
    volumeWeightedMean: Type.Object({
      value: Nullable(Price),
      weight: Type.Union([Type.Literal('volume'), Type.Literal('load_forecast'), Type.Null()], {
        description: 'volume: the traded volume stored with the prices; load_forecast: the load forecast, where no volume is stored (load is what the market clears); null: neither is stored',
      }),
      weightedIntervals: Type.Integer({ description: 'Intervals that had the weight and so count' }),
    }),
    volatility: Type.Object({
      priceStd: Nullable(Price),
      changeStd: Nullable(Type.Number({ description: 'Sample standard deviation of the change from one hour to the next (hours on both sides present), per MWh' })),
    }, { description: 'Sample standard deviations (n - 1). Prices cross zero, so returns (log or relative) are undefined: spread is measured in price and in hourly price changes' }),
    min: Nullable(PriceAt),
    max: Nullable(PriceAt),
    percentiles: Nullable(Type.Object({ p5: Price, p25: Price, p50: Price, p75: Price, p95: Price }, { description: 'Of the hourly prices, by linear interpolation between order statistics (NumPy’s default)' })),
    averages: Type.Object({
      base: Nullable(Price),
      peak: Nullable(Price),
      offPeak: Nullable(Price),
      peakHours: Type.Integer(),
      offPeakHours: Type.Integer(),
      peakDefinition: Type.String(),
    }),
    negativeHours: Type.Number({ description: 'Time priced below zero, in hours (a negative quarter hour counts 0.25)' }),
    durationCurve: Type.Array(Type.Object({ hours: Type.Integer({ description: 'This many hours were priced at `price` or more' }), price: Price }), {
      description: 'Hourly prices from the highest to the lowest, downsampled to at most `points` (the highest and the lowest kept)',
    }),
    ...Freshness,
  },
  { title: 'MarketAnalytics' },
);
export type MarketAnalytics = Static<typeof MarketAnalytics>;

export const AnomalyQuery = Type.Object(
  {
    zone: ZoneId,
    ...Range,
    threshold: Type.Optional(Type.Number({ minimum: 3, maximum: 50, description: `|robust z-score| from which an hour is a spike or a drop (default ${String(DEFAULT_ANOMALY_THRESHOLD)})` })),
    staleHours: Type.Optional(Type.Integer({ minimum: 2, maximum: 168, description: `Hours a price must repeat unchanged to be stale (default ${String(DEFAULT_STALE_HOURS)})` })),
  },
  { additionalProperties: false },
);
export type AnomalyQuery = Static<typeof AnomalyQuery>;

export const AnomalyKind = Type.Union([Type.Literal('spike'), Type.Literal('drop'), Type.Literal('stale'), Type.Literal('gap')]);

export const Anomaly = Type.Object(
  {
    kind: AnomalyKind,
    time: Type.String({ format: 'date-time', description: 'Start of the (first) hour' }),
    hours: Type.Integer({ minimum: 1, description: '1 for a spike or a drop; how long a stale run or a gap lasts' }),
    value: Nullable(Price),
    expected: Nullable(Type.Number({ description: 'The seasonal baseline’s price for that hour; null where it has none' })),
    score: Type.Number({ description: 'Spike or drop: the robust z-score; stale or gap: the hours it lasts' }),
  },
  { title: 'Anomaly' },
);
export type Anomaly = Static<typeof Anomaly>;

export const AnomalyReport = Type.Object(
  {
    zoneId: Type.String(),
    market: IntervalMarket,
    currency: Type.String(),
    from: Instant,
    to: Instant,
    hours: Type.Integer({ description: 'Hours of the period with a price' }),
    expectedHours: Type.Integer({ description: 'Hours of the period that should have one: those already begun' }),
    method: Type.Object({ baseline: Type.String(), threshold: Type.Number(), staleHours: Type.Integer(), minimumScale: Type.Number() }),
    counts: Type.Object({ spike: Type.Integer(), drop: Type.Integer(), stale: Type.Integer(), gap: Type.Integer() }),
    anomalies: Type.Array(Anomaly, { description: `Oldest first, at most ${String(MAX_ANOMALIES_LISTED)}` }),
    truncated: Type.Boolean({ description: 'More anomalies were found than are listed' }),
    ...Freshness,
  },
  { title: 'AnomalyReport' },
);
export type AnomalyReport = Static<typeof AnomalyReport>;

export const CrossMarketQuery = Type.Object(
  {
    zones: Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,15}(,[A-Z][A-Z0-9_]{1,15})+$', description: `2 to ${String(MAX_CROSS_MARKET_ZONES)} comma-separated zone ids, each once`, examples: ['DE_LU,FR,NL'] }),
    ...Range,
  },
  { additionalProperties: false },
);
export type CrossMarketQuery = Static<typeof CrossMarketQuery>;

const Matrix = Type.Array(Type.Array(Coefficient), { description: 'Row i, column j: zones[i] with zones[j]' });

export const ZonePair = Type.Object(
  {
    a: Type.String(),
    b: Type.String(),
    commonHours: Type.Integer({ description: 'Hours both zones have a price' }),
    lagged: Type.Object({
      lags: Type.Array(Type.Integer(), { description: 'Lag k pairs a’s hour t with b’s hour t + k: at a positive lag b follows a' }),
      levels: Type.Array(Coefficient),
      changes: Type.Array(Coefficient),
      strongest: Type.Object({
        levels: Nullable(Type.Object({ lag: Type.Integer(), r: Type.Number() })),
        changes: Nullable(Type.Object({ lag: Type.Integer(), r: Type.Number() })),
      }),
    }, { description: 'Pearson’s r at each lag; of prices (levels), and of hourly price changes (which the shared daily shape does not dominate)' }),
    spread: Nullable(
      Type.Object({
        mean: Price,
        std: Nullable(Price),
        min: Price,
        max: Price,
        shareAAboveB: Type.Number({ minimum: 0, maximum: 1, description: 'Share of the common hours a was priced above b' }),
      }, { description: 'Of a − b over the common hours' }),
    ),
    spreadUnavailable: Nullable(Type.String({ description: 'Why there is no spread: the zones price in different currencies, or share no hour' })),
  },
  { title: 'ZonePair' },
);
export type ZonePair = Static<typeof ZonePair>;

export const CrossMarketAnalysis = Type.Object(
  {
    zones: Type.Array(Type.String()),
    market: IntervalMarket,
    from: Instant,
    to: Instant,
    hours: Type.Array(Type.Integer(), { description: 'Hours with a price, per zone (in the order of zones)' }),
    correlation: Type.Object({
      levels: Type.Object({ pearson: Matrix, spearman: Matrix }),
      changes: Type.Object({ pearson: Matrix, spearman: Matrix }),
    }, { description: 'Over the hours both zones have a price (changes: both hours of the change); Spearman with ties at their mean rank' }),
    pairs: Type.Array(ZonePair, { description: 'Each pair once, a before b in the order of zones' }),
    ...Freshness,
  },
  { title: 'CrossMarketAnalysis' },
);
export type CrossMarketAnalysis = Static<typeof CrossMarketAnalysis>;

const SideAverage = Nullable(
  Type.Object({
    averageBidPrice: Price,
    averageMarketPrice: Price,
    mwh: Type.Number({ description: 'Energy of the orders compared' }),
  }, { description: 'Energy-weighted over the orders of today’s submitted bids (not withdrawn) whose periods have a published day-ahead price; orders at the price limits (price-taking) left out' }),
);

/**
 * The organisation's trading day: from midnight to midnight in this time zone. UTC by default;
 * a Californian desk sets America/Los_Angeles, or its figures start again mid-afternoon.
 */
export const TradingDaySettings = Type.Object(
  {
    timeZone: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$',
      description: 'An IANA time zone name (Europe/Berlin, America/New_York, UTC); stored as the time zone database spells it',
    }),
  },
  { additionalProperties: false, title: 'TradingDaySettings' },
);
export type TradingDaySettings = Static<typeof TradingDaySettings>;
export const DEFAULT_TRADING_DAY: TradingDaySettings = { timeZone: 'UTC' };

export const TradingKpis = Type.Object(
  {
    organizationId: Type.String({ format: 'uuid' }),
    day: Type.String({ pattern: IsoDate.pattern, description: 'The trading day: the calendar day in the organisation’s trading-day time zone (the same for every terminal of the organisation)' }),
    timeZone: Type.String({ description: 'The organisation’s trading-day time zone (GET /api/trading-day)' }),
    dayStart: Type.String({ format: 'date-time', description: 'When the trading day began: midnight in its time zone' }),
    dayEnd: Type.String({ format: 'date-time', description: 'When it ends (shorter or longer than 24 hours after its start on a clock-change day); the figures start again from zero' }),
    bids: Type.Object({
      drafted: Type.Integer({ description: 'Bids created today' }),
      submitted: Type.Integer({ description: 'Bids submitted today and not withdrawn (cancelled) since' }),
      accepted: Type.Integer({ description: 'Bids decided today as accepted' }),
      partiallyAccepted: Type.Integer(),
      rejected: Type.Integer(),
    }),
    acceptanceRate: Nullable(Type.Number({ minimum: 0, maximum: 1, description: '(accepted + partially accepted) / decided, of the bids decided today; null when none was' })),
    volume: Type.Object({
      submittedMwh: Type.Number({ description: 'Energy offered by the bids submitted today and not withdrawn since (a curve counts its largest volume in each period)' }),
      clearedMwh: Type.Number({ description: 'Energy cleared by the bids decided today' }),
    }),
    byCurrency: Type.Array(
      Type.Object({
        currency: Type.String(),
        buy: SideAverage,
        sell: SideAverage,
        estimatedPnl: Type.Number({
          description:
            'Of the bids accepted today: cleared volume x (market price - bid price) for sells, x (bid price - market price) for buys, in the currency; price-taking volume earns none of its own',
        }),
      }),
    ),
    queuedOffline: Type.Integer({ description: 'The organisation’s writes on this terminal waiting for the shared database' }),
    ...Freshness,
  },
  { title: 'TradingKpis' },
);
export type TradingKpis = Static<typeof TradingKpis>;
