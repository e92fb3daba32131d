import type { BidDraft, BidPeriodResult } from '../api/bids.js';
import { KW_PER_MW, minorToPrice, mwToKw, priceToMinor } from '../units.js';
import { bidPeriods } from './clear-bid.js';
import { divideRoundingHalfAwayFromZero } from './exact-division.js';

/** An amount per period (ascending) and over the bid. */
export interface BidAmounts {
  periods: { period: number; amount: number }[];
  total: number;
}

// kW x minutes of a period -> MWh (and, times a price in minor units, -> minor units).
const KW_MINUTES_PER_MWH = 60n * BigInt(KW_PER_MW);

/**
 * Amounts from exact integers per period, converted once each; the total is converted from the
 * exact sum, never summed from converted (rounded or binary-float) period amounts.
 */
function tally(parts: readonly { period: number; exact: bigint }[], convert: (exact: bigint) => number): BidAmounts {
  return {
    periods: parts.map(({ period, exact }) => ({ period, amount: convert(exact) })),
    total: convert(parts.reduce((sum, { exact }) => sum + exact, 0n)),
  };
}

const toMwh = (kwMinutes: bigint): number => Number(kwMinutes) / Number(KW_MINUTES_PER_MWH);

/** The most a bid can trade in a period, in kW: a curve's largest |volume|, or its blocks' |volumes| added (exclusive alternatives too: each is on the book). */
function offeredKw(draft: BidDraft, period: number): number {
  if (draft.orderType === 'curve') return Math.max(0, ...draft.curve.filter((entry) => entry.period === period).flatMap(({ points }) => points.map(({ volume }) => Math.abs(mwToKw(volume)))));
  return draft.blocks.reduce((sum, block) => sum + block.periods.filter((entry) => entry.period === period).reduce((kw, { volume }) => kw + Math.abs(mwToKw(volume)), 0), 0);
}

/** The energy (MWh) a bid offers: |volume| x the period's length, per period and in total. `periodMinutes` is the delivery day's market time unit. */
export const offeredEnergy = (draft: BidDraft, periodMinutes: number): BidAmounts =>
  tally(
    bidPeriods(draft).map((period) => ({ period, exact: BigInt(offeredKw(draft, period)) * BigInt(periodMinutes) })),
    toMwh,
  );

/** The energy (MWh) cleared, signed like the bid (bought positive, sold negative), per period and in total. */
export const clearedEnergy = (results: readonly BidPeriodResult[], periodMinutes: number): BidAmounts =>
  tally(
    results.map(({ period, clearedVolume }) => ({ period, exact: BigInt(mwToKw(clearedVolume)) * BigInt(periodMinutes) })),
    toMwh,
  );

/**
 * The market value of the cleared volumes in the zone currency: sales positive, purchases
 * negative (value = -clearedVolume x hours x price, the exchanges' volumes being positive for
 * buys). Each amount is rounded once to the minor unit, half away from zero; the total is the
 * exact sum rounded, so it may differ by a cent from the rounded periods added up.
 */
export const marketValue = (results: readonly BidPeriodResult[], periodMinutes: number): BidAmounts =>
  tally(
    results.map(({ period, clearedVolume, clearingPrice }) => ({ period, exact: -BigInt(mwToKw(clearedVolume)) * BigInt(periodMinutes) * BigInt(priceToMinor(clearingPrice)) })),
    (exact) => minorToPrice(Number(divideRoundingHalfAwayFromZero(exact, KW_MINUTES_PER_MWH))),
  );
