import { minorToPrice } from '../../../shared/units.js';
import type { AlertCondition } from '../db/repositories/alert-rule-repository.js';

/** What the evaluator knows of the market now: the latest price of each zone, and recent history. */
export interface MarketView {
  /** The newest price of the zone in minor units, if any arrived. */
  latest(zoneId: string): number | undefined;
  /** The zone's price as of `at` (epoch ms), if its history reaches back that far. */
  priceAt(zoneId: string, at: number): number | null;
  /** When the zone's last price arrived (epoch ms), or when watching began if none has. */
  lastPriceAt(zoneId: string): number;
  currency(zoneId: string): string;
}

/** The condition holds (with what to tell the trader), does not, or cannot be told yet (a price missing). */
export type Outcome = { holds: true; message: string } | { holds: false } | null;

const MINUTE_MS = 60_000;
const amount = (minor: number): string => minorToPrice(minor).toFixed(2);
const holds = (condition: boolean, message: () => string): Outcome => (condition ? { holds: true, message: message() } : { holds: false });

/**
 * Whether a rule's condition holds at `now`, on the evaluator's view of the market. Levels and
 * spreads compare strictly ("above", "below"); a move counts from its threshold on.
 */
export function evaluateCondition(condition: AlertCondition, market: MarketView, now: number): Outcome {
  const { zoneId } = condition;
  const unit = `${market.currency(zoneId)}/MWh`;
  switch (condition.kind) {
    case 'price_above':
    case 'price_below': {
      const price = market.latest(zoneId);
      if (price === undefined) return null;
      const above = condition.kind === 'price_above';
      return holds(above ? price > condition.thresholdMinor : price < condition.thresholdMinor, () => `${zoneId} at ${amount(price)} ${unit}, ${above ? 'above' : 'below'} ${amount(condition.thresholdMinor)}`);
    }
    case 'change_over_window': {
      const price = market.latest(zoneId);
      const before = market.priceAt(zoneId, now - condition.windowMinutes * MINUTE_MS);
      if (price === undefined || before === null) return null;
      const move = price - before;
      return holds(Math.abs(move) >= condition.thresholdMinor, () => `${zoneId} ${move > 0 ? 'rose' : 'fell'} ${amount(Math.abs(move))} ${unit} in ${condition.windowMinutes} min (${amount(before)} → ${amount(price)})`);
    }
    case 'spread': {
      const price = market.latest(zoneId);
      const other = market.latest(condition.otherZoneId);
      if (price === undefined || other === undefined) return null;
      const spread = price - other;
      return holds(
        spread > condition.thresholdMinor,
        () => `${zoneId} − ${condition.otherZoneId} spread ${amount(spread)} ${unit}, above ${amount(condition.thresholdMinor)} (${zoneId} ${amount(price)}, ${condition.otherZoneId} ${amount(other)})`,
      );
    }
    case 'data_gap': {
      const silentMs = now - market.lastPriceAt(zoneId);
      return holds(silentMs >= condition.windowMinutes * MINUTE_MS, () => `No ${zoneId} price for ${Math.floor(silentMs / MINUTE_MS)} min`);
    }
  }
}
