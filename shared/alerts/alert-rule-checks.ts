import type { AlertRuleKind } from '../api/alert-rules.js';
import type { MarketZone } from '../api/zones.js';
import { priceToMinor } from '../units.js';

/**
 * The checks of an alert rule that need the zone catalogue, as pure rules so the rule form and
 * the engine give the same answers as the trader types.
 */

export interface ThresholdRange {
  min: number;
  max: number;
  /** What bounds it, for the message: "DE_LU's price limits". */
  what: string;
  currency: string;
}

/** The thresholds a rule of this kind can meet on its zones; null for a kind without one (a data gap). */
export function thresholdRange(kind: AlertRuleKind, zone: MarketZone, other: MarketZone | null): ThresholdRange | null {
  const { floor, cap } = zone.priceLimits;
  const currency = zone.currency;
  switch (kind) {
    case 'price_above':
    case 'price_below':
      return { min: floor, max: cap, what: `${zone.id}'s price limits`, currency };
    case 'change_over_window':
      return { min: 0.01, max: cap - floor, what: `the moves ${zone.id}'s price limits allow`, currency };
    case 'spread':
      // Zone minus other zone runs from this floor against that cap to this cap against that floor.
      return other ? { min: floor - other.priceLimits.cap, max: cap - other.priceLimits.floor, what: `the spreads ${zone.id} and ${other.id}'s price limits allow`, currency } : null;
    case 'data_gap':
      return null;
  }
}

/** What is wrong with a threshold, as a sentence; null when it is fine. Without a range (a zone not chosen yet), only its form is checked. */
export function thresholdProblem(value: number, range: ThresholdRange | null): string | null {
  if (!Number.isFinite(value)) return 'must be a number';
  if (range && (value < range.min || value > range.max)) return `${String(value)} is outside ${range.what} (${String(range.min)} to ${String(range.max)} ${range.currency}/MWh)`;
  try {
    priceToMinor(value);
  } catch {
    return `${String(value)} is not a whole number of cents`;
  }
  return null;
}

/** Why two zones cannot make a spread (the same zone, or two currencies); null when they can. */
export function spreadZonesProblem(zone: MarketZone, other: MarketZone): { code: 'SPREAD_NEEDS_TWO_ZONES' | 'CURRENCY_MISMATCH'; message: string } | null {
  if (zone.id === other.id) return { code: 'SPREAD_NEEDS_TWO_ZONES', message: 'A spread is between two different zones' };
  if (zone.currency !== other.currency) return { code: 'CURRENCY_MISMATCH', message: `${zone.id} trades in ${zone.currency} and ${other.id} in ${other.currency}: a spread needs one currency` };
  return null;
}
