import type { BidIssue } from '../api/bids.js';

/**
 * The error codes of the bid rules. They are stable: the bid form keys its help texts on them
 * and the engine stores them with a rejected bid, so a code is added, never renamed.
 * (The warnings a trader may confirm are BID_WARNING_CODES in shared/api/bids.ts.)
 */
export const BID_ERROR_CODES = [
  'NOT_A_NUMBER',
  'AUCTION_NOT_ALLOWED',
  'AUCTION_REQUIRED',
  'AUCTION_NOT_IN_ZONE',
  'ASSET_OR_PORTFOLIO',
  'ASSET_NOT_FOUND',
  'ASSET_ZONE_MISMATCH',
  'ASSET_NOT_ACTIVE',
  'ASSET_SIDE_MISMATCH',
  'DELIVERY_DATE_INVALID',
  'GATE_CLOSED',
  'PERIOD_NOT_ON_DAY',
  'PERIOD_OUTSIDE_AUCTION',
  'PERIOD_DUPLICATE',
  'PRICE_BELOW_FLOOR',
  'PRICE_ABOVE_CAP',
  'PRICE_OFF_TICK',
  'VOLUME_OFF_LOT',
  'VOLUME_WRONG_SIGN',
  'VOLUME_ABOVE_CAPACITY',
  'CURVE_TOO_FEW_POINTS',
  'CURVE_TOO_MANY_POINTS',
  'CURVE_PRICES_NOT_ASCENDING',
  'CURVE_PRICES_REPEATED',
  'CURVE_VOLUME_RISING',
  'CURVE_NOT_MONOTONIC',
  'CURVE_NOT_FULL_RANGE',
  'BLOCK_SIDE_BOTH',
  'BLOCK_PERIODS_NOT_CONSECUTIVE',
  'BLOCK_VOLUME_ZERO',
  'BLOCK_MAR_INVALID',
  'BLOCK_PARENT_UNKNOWN',
  'BLOCK_LINK_CYCLE',
  'BLOCK_EXCLUSIVE_LINKED',
  'BLOCK_ID_DUPLICATE',
  'BLOCK_NAME_DUPLICATE',
] as const;
export type BidErrorCode = (typeof BID_ERROR_CODES)[number];

export const bidError = (code: BidErrorCode, field: string, message: string): BidIssue => ({ code, field, message, severity: 'error' });

const AMOUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 9 });

/** A number as a trader reads it: 4,000.5 (grouped, no float tail). */
export const formatAmount = (value: number): string => AMOUNT.format(value);
export const formatPrice = (value: number, currency: string): string => `${formatAmount(value)} ${currency}/MWh`;
export const formatMw = (value: number): string => `${formatAmount(value)} MW`;

/** Field paths into a draft, one spelling for the rules, the form and the tests. */
export const pointField = (period: number, point: number, key: 'price' | 'volume'): string => `curve[${period}].points[${point}].${key}`;
export const blockField = (block: number, key: string): string => `blocks[${block}].${key}`;
export const blockPeriodField = (block: number, index: number, key: 'period' | 'volume'): string => `blocks[${block}].periods[${index}].${key}`;
