import { Type, type Static } from '@sinclair/typebox';

/**
 * A market zone and the rules bids into it must respect. Prices are in the zone currency per
 * MWh and volumes in MW, as decimals on the API; storage keeps them as integer minor units and kW.
 */
const LocalTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM local time' });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const ZoneId = Type.String({ pattern: '^[A-Z][A-Z0-9_]{1,15}$', description: 'Zone id, e.g. DE_LU' });

export const PriceLimits = Type.Object({
  floor: Type.Number(),
  cap: Type.Number(),
  costVerifiedCap: Type.Optional(Type.Number({ description: 'US ISOs (FERC 831): verified cost-based offers above the cap set prices up to this level' })),
});
export type PriceLimits = Static<typeof PriceLimits>;

export const MarketTimeUnit = Type.Object({
  minutes: Type.Union([Type.Literal(15), Type.Literal(60)]),
  since: Type.Union([IsoDate, Type.Null()], { description: 'First delivery day on which `minutes` applies' }),
  minutesBefore: Type.Union([Type.Literal(15), Type.Literal(60), Type.Null()]),
});
export type MarketTimeUnit = Static<typeof MarketTimeUnit>;

export const GateClosureRule = Type.Object({
  daysBefore: Type.Integer({ minimum: 0, maximum: 7, description: 'How many days before the delivery day (0: the same day)' }),
  time: LocalTime,
  timezone: Type.String({ description: 'IANA timezone the gate time is expressed in' }),
});
export type GateClosureRule = Static<typeof GateClosureRule>;

export const CurveRules = Type.Object({
  kind: Type.Union([Type.Literal('step'), Type.Literal('linear')]),
  minPoints: Type.Integer({ minimum: 1 }),
  maxPoints: Type.Integer({ minimum: 1 }),
  priceTick: Type.Number({ exclusiveMinimum: 0 }),
  volumeLot: Type.Number({ exclusiveMinimum: 0 }),
  fullPriceRange: Type.Boolean({ description: 'The curve must have points at the floor and the cap' }),
  monotonic: Type.Optional(Type.Literal('increasing')),
  distinctAdjacentPrices: Type.Boolean({ description: 'Two adjacent points may not share a price (Nord Pool)' }),
});
export type CurveRules = Static<typeof CurveRules>;

const DeliveryTime = Type.String({ pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$', description: 'HH:MM local time, 24:00 for the end of the day' });

export const IntradayAuction = Type.Object({
  id: Type.Union([Type.Literal('IDA1'), Type.Literal('IDA2'), Type.Literal('IDA3')]),
  gateClosure: GateClosureRule,
  deliveryStart: DeliveryTime,
  deliveryEnd: DeliveryTime,
});
export type IntradayAuction = Static<typeof IntradayAuction>;

export const IntradayRules = Type.Object({
  priceLimits: PriceLimits,
  auctions: Type.Array(IntradayAuction, { description: 'SIDC intraday auctions the zone takes part in' }),
});
export type IntradayRules = Static<typeof IntradayRules>;

export const ZoneGeometry = Type.Union([
  Type.Object({ type: Type.Literal('Point'), coordinates: Type.Tuple([Type.Number(), Type.Number()]) }),
  Type.Object({
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(Type.Tuple([Type.Number(), Type.Number()]))),
  }),
]);
export type ZoneGeometry = Static<typeof ZoneGeometry>;

export const MarketZone = Type.Object(
  {
    id: ZoneId,
    name: Type.String({ minLength: 1 }),
    region: Type.Union([Type.Literal('EU'), Type.Literal('US')]),
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    iso: Type.Union([Type.String(), Type.Null()]),
    exchange: Type.String(),
    timezone: Type.String(),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    mtu: MarketTimeUnit,
    priceLimits: PriceLimits,
    /** Day-ahead gate closure; intraday auctions carry their own. */
    gateClosure: GateClosureRule,
    curve: CurveRules,
    intraday: Type.Union([IntradayRules, Type.Null()]),
    geometry: ZoneGeometry,
  },
  { title: 'MarketZone' },
);
export type MarketZone = Static<typeof MarketZone>;

export const ZoneList = Type.Object({ zones: Type.Array(MarketZone), count: Type.Integer() }, { title: 'ZoneList' });
export type ZoneList = Static<typeof ZoneList>;

export const ZoneParams = Type.Object({ id: ZoneId });
