import type { AssetPerformance, AssetPerformanceDay } from '../../../shared/api/assets.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { DELIVERY_YEARS, isDeliveryDate } from '../../../shared/bids/bid-market.js';
import { mtuMinutesOn } from '../../../shared/market/market-time-unit.js';
import { DAY_MS, nextDay } from '../../../shared/market/time-zone.js';
import type { AssetPerformanceRepository, CurvePoint, OfferedBid, PeriodResult } from '../db/repositories/asset-performance-repository.js';
import type { AssetRecord } from '../db/repositories/asset-repository.js';
import { invalidField } from './asset-errors.js';

/** The longest span one request reads: a (leap) year of delivery days. */
export const MAX_PERFORMANCE_DAYS = 366;

/** kW x minutes per MWh: energies are summed exactly as integer kW-minutes and divided once. */
const KW_MINUTES_PER_MWH = 60 * 1000;

export interface DayRange {
  from: string;
  to: string;
}

/** The days asked for, checked: real calendar days, in order, at most a year. */
export function performanceRange(from: string, to: string): DayRange {
  for (const [field, day] of [['query.from', from], ['query.to', to]] as const) {
    if (!isDeliveryDate(day)) throw invalidField('INVALID_DATE', field, `${day} is not a calendar day from ${String(DELIVERY_YEARS.first)} to ${String(DELIVERY_YEARS.last)}`, day);
  }
  if (from > to) throw invalidField('INVALID_RANGE', 'query.to', `The range ends (${to}) before it starts (${from})`, to);
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days > MAX_PERFORMANCE_DAYS) throw invalidField('RANGE_TOO_LONG', 'query.to', `${String(days)} days asked for; at most ${String(MAX_PERFORMANCE_DAYS)} at a time`, to);
  return { from, to };
}

/**
 * Which way a two-sided curve ('both') traded in a period: the sign of its volume at the
 * clearing price (positive buys, negative sells), read the way the exchange reads the curve.
 * A step curve holds a point's volume from its price up to the next point's; a linear one
 * interpolates between points; beyond the ends the end volumes hold.
 */
export function curveVolumeSign(points: readonly Pick<CurvePoint, 'priceMinor' | 'volumeKw'>[], priceMinor: number, kind: 'step' | 'linear'): number {
  const first = points[0];
  if (!first) return 0;
  const after = points.findIndex((point) => point.priceMinor > priceMinor);
  if (after === -1) return Math.sign(points[points.length - 1]?.volumeKw ?? 0);
  if (after === 0) return Math.sign(first.volumeKw);
  const low = points[after - 1] ?? first;
  const high = points[after] ?? first;
  if (kind === 'step') return Math.sign(low.volumeKw);
  // Both terms scale by the same positive price span, so the sign needs no division.
  return Math.sign(low.volumeKw * (high.priceMinor - priceMinor) + high.volumeKw * (priceMinor - low.priceMinor));
}

/** +1 when the period's cleared volume was sold (market value counts sales positive), -1 when bought. */
function saleSign(bid: OfferedBid, result: PeriodResult, curves: ReadonlyMap<string, CurvePoint[]>): bigint {
  if (bid.side === 'sell') return 1n;
  if (bid.side === 'buy') return -1n;
  const points = (curves.get(bid.id) ?? []).filter((point) => point.period === result.period);
  return BigInt(-curveVolumeSign(points, result.priceMinor, bid.curveKind ?? 'step'));
}

/** Minor units of value to the cent, half away from zero, from kW x minutes x minor units per MWh. */
function valueInMinor(kwMinutesMinor: bigint): bigint {
  const divisor = BigInt(KW_MINUTES_PER_MWH);
  const magnitude = kwMinutesMinor < 0n ? -kwMinutesMinor : kwMinutesMinor;
  const rounded = (magnitude * 2n + divisor) / (divisor * 2n);
  return kwMinutesMinor < 0n ? -rounded : rounded;
}

/** Rows grouped by their bid (Map.groupBy is not in Node 20). */
function byBid<T extends { bidId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.bidId);
    if (group) group.push(row);
    else groups.set(row.bidId, [row]);
  }
  return groups;
}

interface DayTotals {
  bids: number;
  offeredKwMinutes: number;
  /** Null until a result of one of the day's bids is known. */
  clearedKwMinutes: number | null;
  valueKwMinutesMinor: bigint | null;
}

const emptyDay = (): DayTotals => ({ bids: 0, offeredKwMinutes: 0, clearedKwMinutes: null, valueKwMinutesMinor: null });

function toApiDay(totals: DayTotals): Omit<AssetPerformanceDay, 'deliveryDate'> {
  return {
    bids: totals.bids,
    bidVolumeMwh: totals.offeredKwMinutes / KW_MINUTES_PER_MWH,
    clearedVolumeMwh: totals.clearedKwMinutes === null ? null : totals.clearedKwMinutes / KW_MINUTES_PER_MWH,
    marketValue: totals.valueKwMinutesMinor === null ? null : Number(valueInMinor(totals.valueKwMinutesMinor)) / 100,
  };
}

function add(into: DayTotals, day: DayTotals): void {
  into.bids += day.bids;
  into.offeredKwMinutes += day.offeredKwMinutes;
  if (day.clearedKwMinutes !== null) into.clearedKwMinutes = (into.clearedKwMinutes ?? 0) + day.clearedKwMinutes;
  if (day.valueKwMinutesMinor !== null) into.valueKwMinutesMinor = (into.valueKwMinutesMinor ?? 0n) + day.valueKwMinutesMinor;
}

/**
 * An asset's bids per delivery day: how many reached the market, the energy they offered, and
 * (once results are in) the energy cleared and what it was worth at the clearing prices.
 * Energies are integer kW-minutes until the answer, values exact integers (bigint) rounded to
 * the cent once, so a year of quarter hours adds up without drift.
 */
export async function assetPerformance(
  repository: AssetPerformanceRepository,
  asset: AssetRecord,
  zone: MarketZone,
  zones: ReadonlyMap<string, MarketZone>,
  { from, to }: DayRange,
): Promise<AssetPerformance> {
  const [offered, results, bothSided] = await Promise.all([repository.offeredBids(asset.id, from, to), repository.results(asset.id, from, to), repository.bothSidedCurves(asset.id, from, to)]);
  const curves = byBid(bothSided);
  const resultsOf = byBid(results);
  const days = new Map<string, DayTotals>();
  for (let day = from; day <= to; day = nextDay(day)) days.set(day, emptyDay());

  for (const bid of offered) {
    const totals = days.get(bid.deliveryDate) ?? emptyDay();
    // A bid's periods are its zone's market time unit on its delivery day (60 or 15 minutes).
    const minutes = mtuMinutesOn((zones.get(bid.zoneId) ?? zone).mtu, bid.deliveryDate);
    totals.bids += 1;
    totals.offeredKwMinutes += bid.offeredKwPeriods * minutes;
    for (const result of resultsOf.get(bid.id) ?? []) {
      totals.clearedKwMinutes = (totals.clearedKwMinutes ?? 0) + result.clearedKw * minutes;
      totals.valueKwMinutesMinor = (totals.valueKwMinutesMinor ?? 0n) + saleSign(bid, result, curves) * BigInt(result.clearedKw) * BigInt(minutes) * BigInt(result.priceMinor);
    }
  }

  const total = emptyDay();
  for (const day of days.values()) add(total, day);
  return {
    assetId: asset.id,
    currency: zone.currency,
    from,
    to,
    days: [...days].map(([deliveryDate, totals]) => ({ deliveryDate, ...toApiDay(totals) })),
    totals: toApiDay(total),
  };
}
