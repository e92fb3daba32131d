import { Type, type Static } from '@sinclair/typebox';

/** A bid's lifecycle (the bids table's status): draft -> submitted -> decided, or cancelled / expired. */
export const BidStatus = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('accepted'),
  Type.Literal('partially_accepted'),
  Type.Literal('rejected'),
  Type.Literal('cancelled'),
  Type.Literal('expired'),
]);
export type BidStatus = Static<typeof BidStatus>;

/**
 * The `bid-update` event: a bid of the organisation changed, so every open terminal of that
 * organisation refreshes it (published by the trading core to the organisation's audience).
 * It names the bid and its new state; the terminal reads the bid itself through the API.
 */
export const BidUpdate = Type.Object(
  {
    bidId: Type.String({ format: 'uuid' }),
    organizationId: Type.String({ format: 'uuid' }),
    zoneId: Type.String(),
    market: Type.Union([Type.Literal('day_ahead'), Type.Literal('intraday_auction')]),
    deliveryDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    status: BidStatus,
    version: Type.Integer({ minimum: 1, description: 'The version after the change: a terminal holding an older one is stale' }),
    change: Type.Union([Type.Literal('created'), Type.Literal('edited'), Type.Literal('status'), Type.Literal('deleted')]),
    at: Type.String({ format: 'date-time' }),
  },
  { title: 'BidUpdate' },
);
export type BidUpdate = Static<typeof BidUpdate>;
