import type { TradingKpis } from '../../../shared/api/analytics.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { deliveryDay, periodStart } from '../../../shared/market/delivery-day.js';
import { mtuMinutesOn } from '../../../shared/market/market-time-unit.js';
import type { Databases } from '../db/databases.js';
import { groupBy } from '../db/repositories/bid-repository.js';
import type { IntervalPrice } from '../db/repositories/price-history-repository.js';
import type { BidVolume, KpiBlockPeriod, KpiCurvePoint, KpiPeriodResult } from '../db/repositories/trading-kpi-repository.js';
import type { Store } from '../db/store.js';
import { CurrencyTotals, kwPeriodsToMwh, ordersByPeriod, type BidRows } from './bid-economics.js';
import type { TradingDay } from './trading-day.js';

export type TradingKpiFigures = Omit<TradingKpis, 'computedAt' | 'expiresAt'>;

/** Bids whose rows are read per query: an IN list well inside both databases' parameter limits. */
const BIDS_PER_PAGE = 100;

/** The curve points, blocks and results of these bids, read a page of bids at a time. */
async function rowsOf(store: Store, bids: readonly BidVolume[]): Promise<BidRows> {
  const points: KpiCurvePoint[] = [];
  const blocks: KpiBlockPeriod[] = [];
  const results: KpiPeriodResult[] = [];
  for (let start = 0; start < bids.length; start += BIDS_PER_PAGE) {
    const ids = bids.slice(start, start + BIDS_PER_PAGE).map((bid) => bid.id);
    points.push(...(await store.tradingKpis.curvePoints(ids)));
    blocks.push(...(await store.tradingKpis.blockPeriods(ids)));
    results.push(...(await store.tradingKpis.results(ids)));
  }
  return { points: groupBy(points, (row) => row.bidId), blocks: groupBy(blocks, (row) => row.bidId), results: groupBy(results, (row) => row.bidId) };
}

/** The day-ahead price (minor units) of each period start of a zone's delivery day, at the finest resolution stored. */
function periodPrices(stored: readonly IntervalPrice[]): (at: number) => number | undefined {
  // Rows come by resolution, finest first: the first price found for an instant is the finest.
  const byResolution = groupBy(stored, (price) => price.resolutionMinutes);
  const lookups = [...byResolution].map(([minutes, prices]) => ({ widthMs: minutes * 60_000, at: new Map(prices.map((price) => [price.intervalStart.getTime(), price.priceMinor])) }));
  return (at) => {
    for (const { widthMs, at: priceAt } of lookups) {
      const price = priceAt.get(at - (at % widthMs));
      if (price !== undefined) return price;
    }
    return undefined;
  };
}

/** Energy-weighted bid and market prices of the bids submitted in [start, end), per currency, and the energy they offered. */
async function addSubmitted(store: Store, zones: ReadonlyMap<string, MarketZone>, bids: readonly BidVolume[], totalsOf: (zone: MarketZone) => CurrencyTotals): Promise<number> {
  const rows = await rowsOf(store, bids);
  let mwh = 0;
  // One read of day-ahead prices per zone and delivery day.
  for (const sameDay of groupBy(bids, (bid) => `${bid.zoneId} ${bid.deliveryDate}`).values()) {
    const [first] = sameDay;
    const zone = first ? zones.get(first.zoneId) : undefined;
    if (!first || !zone) continue;
    const delivery = deliveryDay(zone, first.deliveryDate);
    const priceAt = periodPrices(await store.priceHistory.intervals(zone.id, 'day_ahead', new Date(delivery.start), new Date(delivery.end)));
    for (const bid of sameDay) {
      mwh += kwPeriodsToMwh(bid.kwPeriods, delivery.periodMinutes);
      for (const [period, orders] of ordersByPeriod(bid, zone, rows, false)) {
        const market = priceAt(periodStart(delivery, period));
        if (market !== undefined) totalsOf(zone).addOffered(orders, delivery.periodMinutes, market);
      }
    }
  }
  return mwh;
}

/** The surplus over the clearing prices of the bids accepted in [start, end), per currency, and the energy they cleared. */
async function addAccepted(store: Store, zones: ReadonlyMap<string, MarketZone>, bids: readonly BidVolume[], totalsOf: (zone: MarketZone) => CurrencyTotals): Promise<number> {
  const rows = await rowsOf(store, bids);
  let mwh = 0;
  for (const bid of bids) {
    const zone = zones.get(bid.zoneId);
    if (!zone) continue;
    const minutes = mtuMinutesOn(zone.mtu, bid.deliveryDate);
    mwh += kwPeriodsToMwh(bid.kwPeriods, minutes);
    const orders = ordersByPeriod(bid, zone, rows, true);
    for (const result of rows.results.get(bid.id) ?? []) {
      const periodOrders = orders.get(result.period) ?? [];
      if (bid.curveKind === null) totalsOf(zone).addBlockSurplus(periodOrders, minutes, result.clearingPriceMinor);
      else totalsOf(zone).addCurveSurplus(periodOrders, minutes, result.clearingPriceMinor);
    }
  }
  return mwh;
}

/** The organisation's trading KPIs for one trading day, read through the databases' read path (the local cache while offline). */
export async function tradingKpis(databases: Databases, zones: ReadonlyMap<string, MarketZone>, organizationId: string, { day, timeZone, start, end }: TradingDay): Promise<TradingKpiFigures> {
  // Everything is summed inside the read: when PostgreSQL drops midway, the read starts again on the cache from zero.
  const figures = await databases.read(async (store) => {
    const totals = new Map<string, CurrencyTotals>();
    const totalsOf = (zone: MarketZone): CurrencyTotals => {
      const found = totals.get(zone.currency) ?? new CurrencyTotals(zone.currency);
      totals.set(zone.currency, found);
      return found;
    };
    const counts = await store.tradingKpis.stepCounts(organizationId, start, end);
    const submittedMwh = await addSubmitted(store, zones, await store.tradingKpis.submitted(organizationId, start, end), totalsOf);
    const clearedMwh = await addAccepted(store, zones, await store.tradingKpis.accepted(organizationId, start, end), totalsOf);
    return { counts, submittedMwh, clearedMwh, byCurrency: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)).map((currency) => currency.toApi()) };
  });
  const { counts } = figures;
  const decided = counts.accepted + counts.partiallyAccepted + counts.rejected;
  return {
    organizationId,
    day,
    timeZone,
    dayStart: start.toISOString(),
    dayEnd: end.toISOString(),
    bids: counts,
    acceptanceRate: decided === 0 ? null : (counts.accepted + counts.partiallyAccepted) / decided,
    volume: { submittedMwh: figures.submittedMwh, clearedMwh: figures.clearedMwh },
    byCurrency: figures.byCurrency,
    queuedOffline: await databases.local.outbox.pendingCountOf(organizationId),
  };
}
