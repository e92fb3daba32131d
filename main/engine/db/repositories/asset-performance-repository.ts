import type { SqlExecutor } from '../sql/executor.js';

export type BidSide = 'buy' | 'sell' | 'both';

/** A bid of an asset that went to the market, with what it offered summed over its periods. */
export interface OfferedBid {
  id: string;
  deliveryDate: string;
  zoneId: string;
  side: BidSide;
  curveKind: 'step' | 'linear' | null;
  /** Sum over periods of the offered |volume| in kW: a curve's largest per period, every block's. */
  offeredKwPeriods: number;
}

export interface PeriodResult {
  bidId: string;
  period: number;
  clearedKw: number;
  priceMinor: number;
}

export interface CurvePoint {
  bidId: string;
  period: number;
  priceMinor: number;
  volumeKw: number;
}

/** The asset's bids over a span of delivery days that reached the market: submitted, or decided since. */
const ASSET_BID_FILTER = `b.asset_id = ? AND b.delivery_date BETWEEN ? AND ? AND b.status IN ('submitted', 'accepted', 'partially_accepted', 'rejected')`;

// A curve offers at most its largest |volume| in a period (its points are alternatives along
// one curve); each block offers its own volume in each of its periods.
const OFFERED = `SELECT b.id, b.delivery_date, b.zone_id, b.side, b.curve_kind,
    coalesce((SELECT sum(m.kw) FROM (SELECT max(abs(p.volume_kw)) AS kw FROM bid_curve_points p WHERE p.bid_id = b.id GROUP BY p.period) m), 0)
    + coalesce((SELECT sum(abs(v.volume_kw)) FROM bid_block_periods v JOIN bid_blocks k ON k.id = v.block_id WHERE k.bid_id = b.id), 0) AS kw
  FROM bids b WHERE ${ASSET_BID_FILTER} ORDER BY b.delivery_date, b.id`;

const RESULTS = `SELECT r.bid_id, r.period, r.cleared_volume_kw, r.clearing_price_minor
  FROM bid_period_results r JOIN bids b ON b.id = r.bid_id WHERE ${ASSET_BID_FILTER} ORDER BY r.bid_id, r.period`;

const BOTH_SIDED_CURVES = `SELECT p.bid_id, p.period, p.price_minor, p.volume_kw
  FROM bid_curve_points p JOIN bids b ON b.id = p.bid_id WHERE ${ASSET_BID_FILTER} AND b.side = 'both' ORDER BY p.bid_id, p.period, p.price_minor, p.seq`;

/** What an asset's performance is computed from, read with the sums SQL does simply. */
export class AssetPerformanceRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async offeredBids(assetId: string, from: string, to: string): Promise<OfferedBid[]> {
    const rows = await this.sql.all<{ id: string; delivery_date: string; zone_id: string; side: BidSide; curve_kind: OfferedBid['curveKind']; kw: number | string }>(OFFERED, [assetId, from, to]);
    // sum(bigint) is numeric in PostgreSQL and arrives as text; offered kW sums stay far below 2^53.
    return rows.map((row) => ({ id: row.id, deliveryDate: row.delivery_date, zoneId: row.zone_id, side: row.side, curveKind: row.curve_kind, offeredKwPeriods: Number(row.kw) }));
  }

  async results(assetId: string, from: string, to: string): Promise<PeriodResult[]> {
    const rows = await this.sql.all<{ bid_id: string; period: number; cleared_volume_kw: number; clearing_price_minor: number }>(RESULTS, [assetId, from, to]);
    return rows.map((row) => ({ bidId: row.bid_id, period: row.period, clearedKw: row.cleared_volume_kw, priceMinor: row.clearing_price_minor }));
  }

  /** The points of the asset's two-sided curves ('both'), by bid, period and price. */
  async bothSidedCurves(assetId: string, from: string, to: string): Promise<CurvePoint[]> {
    const rows = await this.sql.all<{ bid_id: string; period: number; price_minor: number; volume_kw: number }>(BOTH_SIDED_CURVES, [assetId, from, to]);
    return rows.map((row) => ({ bidId: row.bid_id, period: row.period, priceMinor: row.price_minor, volumeKw: row.volume_kw }));
  }
}
