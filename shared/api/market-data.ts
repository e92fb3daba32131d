import { Type, type Static } from '@sinclair/typebox';

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
