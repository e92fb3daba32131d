import { Type, type Static } from '@sinclair/typebox';
import { BidStatus } from './bid-events.js';
import { IsoDate, ZoneId } from './zones.js';

/**
 * Bids: curve orders (price-quantity points per period) and block orders, for one asset or a
 * portfolio, into a zone's day-ahead market or one of its intraday auctions. Prices are
 * decimals of the zone currency per MWh, volumes MW with the exchanges' sign: positive buys,
 * negative sells. Periods are numbered from 1 on the zone's delivery day (92-100 quarter hours
 * or 23-25 hours, as that day has them).
 *
 * Ids are made by the client (offline too): the bid's `id` on create, and a `submissionId` per
 * submission, so a repeated request returns the first result instead of a second bid.
 */
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const Period = Type.Integer({ minimum: 1, maximum: 100, description: 'Market time unit of the delivery day, from 1' });

export const BID_LIMITS = {
  /** The most periods a day has (a 15-minute day when the clocks go back). */
  periods: 100,
  /** The most points any exchange takes (EPEX); the zone's own limit is checked by the rules. */
  pointsPerPeriod: 256,
  blocks: 100,
  notesLength: 2000,
  portfolioLength: 200,
} as const;

export const BidMarket = Type.Union([Type.Literal('day_ahead'), Type.Literal('intraday_auction')]);
export type BidMarket = Static<typeof BidMarket>;
export const AuctionId = Type.Union([Type.Literal('IDA1'), Type.Literal('IDA2'), Type.Literal('IDA3')]);
export type AuctionId = Static<typeof AuctionId>;
export const BidSide = Type.Union([Type.Literal('buy'), Type.Literal('sell'), Type.Literal('both')], { description: '"both": a curve that buys at low prices and sells at high ones (storage)' });
export type BidSide = Static<typeof BidSide>;

export const CurvePoint = Type.Object({ price: Type.Number(), volume: Type.Number({ description: 'MW; positive buys, negative sells' }) }, { additionalProperties: false });
export type CurvePoint = Static<typeof CurvePoint>;

export const CurvePeriod = Type.Object({ period: Period, points: Type.Array(CurvePoint, { minItems: 1, maxItems: BID_LIMITS.pointsPerPeriod }) }, { additionalProperties: false });
export type CurvePeriod = Static<typeof CurvePeriod>;

export const BlockPeriod = Type.Object({ period: Period, volume: Type.Number({ description: 'MW; positive buys, negative sells; never 0' }) }, { additionalProperties: false });
export type BlockPeriod = Static<typeof BlockPeriod>;

export const BlockOrder = Type.Object(
  {
    id: Uuid,
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    price: Type.Number(),
    minAcceptanceRatio: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: '1: all or nothing' }),
    parentBlockId: Type.Union([Uuid, Type.Null()], { description: 'Linked block: accepted only if this block of the same bid is' }),
    exclusiveGroup: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()], { description: 'At most one block of the group is accepted' }),
    periods: Type.Array(BlockPeriod, { minItems: 1, maxItems: BID_LIMITS.periods, description: 'Consecutive periods' }),
  },
  { additionalProperties: false },
);
export type BlockOrder = Static<typeof BlockOrder>;

const TARGET = {
  zoneId: ZoneId,
  market: BidMarket,
  auction: Type.Union([AuctionId, Type.Null()], { description: 'The intraday auction; null for day-ahead' }),
  deliveryDate: IsoDate,
  assetId: Type.Union([Uuid, Type.Null()]),
  portfolio: Type.Union([Type.String({ minLength: 1, maxLength: BID_LIMITS.portfolioLength, pattern: '\\S' }), Type.Null()], { description: 'A named portfolio when the bid is for no single asset' }),
  side: BidSide,
  // Null first: the API coerces types, and with the string first a null would become "".
  notes: Type.Union([Type.Null(), Type.String({ maxLength: BID_LIMITS.notesLength })]),
};

const CURVE = { orderType: Type.Literal('curve'), curve: Type.Array(CurvePeriod, { minItems: 1, maxItems: BID_LIMITS.periods }) };
const BLOCK = { orderType: Type.Literal('block'), blocks: Type.Array(BlockOrder, { minItems: 1, maxItems: BID_LIMITS.blocks }) };

/** What a trader drafts: the target, and either a curve or blocks (a union on orderType). */
export const CurveBidDraft = Type.Object({ ...TARGET, ...CURVE }, { additionalProperties: false, title: 'CurveBidDraft' });
export const BlockBidDraft = Type.Object({ ...TARGET, ...BLOCK }, { additionalProperties: false, title: 'BlockBidDraft' });
export type CurveBidDraft = Static<typeof CurveBidDraft>;
export type BlockBidDraft = Static<typeof BlockBidDraft>;
export type BidDraft = CurveBidDraft | BlockBidDraft;

const ID = { id: Uuid };
const VERSION = { version: Type.Integer({ minimum: 1, description: 'The version this change was made from' }) };
const CREATE = [
  Type.Object({ ...ID, ...TARGET, ...CURVE }, { additionalProperties: false, title: 'CreateCurveBid' }),
  Type.Object({ ...ID, ...TARGET, ...BLOCK }, { additionalProperties: false, title: 'CreateBlockBid' }),
];
const UPDATE = [
  Type.Object({ ...VERSION, ...TARGET, ...CURVE }, { additionalProperties: false, title: 'UpdateCurveBid' }),
  Type.Object({ ...VERSION, ...TARGET, ...BLOCK }, { additionalProperties: false, title: 'UpdateBlockBid' }),
];

/** POST /api/bids: a new draft with the client's id. Repeating it with the same content returns the same draft. */
export const CreateBidBody = Type.Unsafe<CreateBidBody>({ type: 'object', oneOf: CREATE, discriminator: { propertyName: 'orderType' }, title: 'CreateBidBody' });
export type CreateBidBody = Static<(typeof CREATE)[number]>;
/** PUT /api/bids/{id}: the whole draft again, with the version it was made from. */
export const UpdateBidBody = Type.Unsafe<UpdateBidBody>({ type: 'object', oneOf: UPDATE, discriminator: { propertyName: 'orderType' }, title: 'UpdateBidBody' });
export type UpdateBidBody = Static<(typeof UPDATE)[number]>;

/** Warnings a trader must confirm before submitting (fat-finger guard); errors can never be confirmed away. */
export const BID_WARNING_CODES = ['PRICE_FAR_FROM_MARKET', 'VOLUME_NEAR_CAPACITY'] as const;
export type BidWarningCode = (typeof BID_WARNING_CODES)[number];
export const BidWarningCode = Type.Union(BID_WARNING_CODES.map((code) => Type.Literal(code)));

/** One finding of the rules about a bid, pointing at the field it is about (e.g. "curve[0].points[2].price"). */
export const BidIssue = Type.Object(
  { code: Type.String(), field: Type.String(), message: Type.String(), severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]) },
  { title: 'BidIssue' },
);
export type BidIssue = Static<typeof BidIssue>;

export const SubmitBidBody = Type.Object(
  {
    submissionId: Type.String({ format: 'uuid', description: 'Client-made idempotency key: the same id returns the first submission’s result' }),
    version: Type.Integer({ minimum: 1 }),
    confirmWarnings: Type.Array(BidWarningCode, { uniqueItems: true, default: [], description: 'The warnings the trader has seen and confirms' }),
  },
  { additionalProperties: false, title: 'SubmitBidBody' },
);
export type SubmitBidBody = Static<typeof SubmitBidBody>;

export const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false, title: 'VersionBody' });
export type VersionBody = Static<typeof VersionBody>;
export const VersionQuery = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

/** POST /api/bids/copy-day: every bid of one day (optionally one zone) drafted again for another; ids derive from the source and the day, so a repeat copies nothing twice. */
export const CopyDayBody = Type.Object({ fromDate: IsoDate, toDate: IsoDate, zoneId: Type.Optional(ZoneId) }, { additionalProperties: false, title: 'CopyDayBody' });
export type CopyDayBody = Static<typeof CopyDayBody>;

/** Per period, once the day's results are known (price-taker against the clearing price when the market is simulated). */
export const BidPeriodResult = Type.Object({ period: Period, clearedVolume: Type.Number({ description: 'MW, signed like the bid' }), clearingPrice: Type.Number() });
export type BidPeriodResult = Static<typeof BidPeriodResult>;

/** Where the terminal's copy stands against the shared database. */
export const BidSyncState = Type.Union([Type.Literal('synced'), Type.Literal('queued'), Type.Literal('conflict')]);
export type BidSyncState = Static<typeof BidSyncState>;

const STORED = {
  id: Uuid,
  organizationId: Uuid,
  createdBy: Type.Union([Uuid, Type.Null()]),
  status: BidStatus,
  version: Type.Integer({ minimum: 1 }),
  curveKind: Type.Union([Type.Literal('step'), Type.Literal('linear'), Type.Null()], { description: 'How the exchange reads the curve between points' }),
  gateClosureAt: Instant,
  submissionId: Type.Union([Uuid, Type.Null()]),
  submittedAt: Type.Union([Instant, Type.Null()]),
  decidedAt: Type.Union([Instant, Type.Null()]),
  cancelledAt: Type.Union([Instant, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'Why it was rejected or expired' }),
  confirmedWarnings: Type.Array(BidWarningCode),
  warnings: Type.Array(BidIssue, { description: 'What the fat-finger guard sees now; submit needs each confirmed' }),
  results: Type.Array(BidPeriodResult),
  copiedFromBidId: Type.Union([Uuid, Type.Null()]),
  syncState: BidSyncState,
  createdAt: Instant,
  updatedAt: Instant,
};

export const Bid = Type.Union(
  [Type.Object({ ...STORED, ...TARGET, ...CURVE }, { title: 'CurveBid' }), Type.Object({ ...STORED, ...TARGET, ...BLOCK }, { title: 'BlockBid' })],
  { title: 'Bid' },
);
export type Bid = Static<typeof Bid>;

export const BidListQuery = Type.Object(
  {
    status: Type.Optional(Type.Array(BidStatus, { description: 'Any of these statuses' })),
    zoneId: Type.Optional(ZoneId),
    assetId: Type.Optional(Uuid),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);
export type BidListQuery = Static<typeof BidListQuery>;

export const BidList = Type.Object({ bids: Type.Array(Bid) }, { title: 'BidList' });
export type BidList = Static<typeof BidList>;
export const BidParams = Type.Object({ id: Uuid });

/** What copy-day did: the new drafts, and each source bid it left out with why (already copied, gate passed, a period the target day lacks). */
export const CopyDayResult = Type.Object(
  { created: Type.Array(Bid), skipped: Type.Array(Type.Object({ sourceId: Uuid, reason: Type.String() })) },
  { title: 'CopyDayResult' },
);
export type CopyDayResult = Static<typeof CopyDayResult>;

/** The organisation's fat-finger thresholds (owners and admins set them; every bid is checked against them). */
export const BidWarningThresholds = Type.Object(
  {
    maxPriceDeviation: Type.Number({ exclusiveMinimum: 0, description: 'Warn when a price is further than this (currency/MWh) from the zone’s recent market price' }),
    maxCapacityShare: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Warn when a period’s volume exceeds this share of the asset’s capacity' }),
  },
  { additionalProperties: false, title: 'BidWarningThresholds' },
);
export type BidWarningThresholds = Static<typeof BidWarningThresholds>;
export const DEFAULT_BID_WARNING_THRESHOLDS: BidWarningThresholds = { maxPriceDeviation: 250, maxCapacityShare: 0.9 };
