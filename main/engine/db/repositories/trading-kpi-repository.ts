import { placeholdersFor, type SqlExecutor } from '../sql/executor.js';

/** How many of the organisation's bids reached each step within a span of time. */
export interface BidStepCounts {
  drafted: number;
  submitted: number;
  accepted: number;
  partiallyAccepted: number;
  rejected: number;
}

/** A bid with the sum over its periods of a volume in kW (offered or cleared). */
export interface BidVolume {
  id: string;
  zoneId: string;
  deliveryDate: string;
  curveKind: 'step' | 'linear' | null;
  kwPeriods: number;
}

export interface KpiCurvePoint {
  bidId: string;
  period: number;
  priceMinor: number;
  volumeKw: number;
}

export interface KpiBlockPeriod {
  bidId: string;
  period: number;
  priceMinor: number;
  volumeKw: number;
  /** Null until the bid is decided. */
  acceptedRatioBp: number | null;
}

export interface KpiPeriodResult {
  bidId: string;
  period: number;
  clearedKw: number;
  clearingPriceMinor: number;
}

const DECIDED_IN_MONEY = "('accepted', 'partially_accepted')";

// A curve offers at most its largest |volume| in a period (its points are alternatives along
// one curve); each block offers its own volume in each of its periods (as asset performance counts).
const OFFERED_KW = `coalesce((SELECT sum(m.kw) FROM (SELECT max(abs(p.volume_kw)) AS kw FROM bid_curve_points p WHERE p.bid_id = b.id GROUP BY p.period) m), 0)
    + coalesce((SELECT sum(abs(v.volume_kw)) FROM bid_block_periods v JOIN bid_blocks k ON k.id = v.block_id WHERE k.bid_id = b.id), 0)`;
const CLEARED_KW = 'coalesce((SELECT sum(r.cleared_volume_kw) FROM bid_period_results r WHERE r.bid_id = b.id), 0)';

interface VolumeRow {
  id: string;
  zone_id: string;
  delivery_date: string;
  curve_kind: 'step' | 'linear' | null;
  /** sum() of bigint is numeric in PostgreSQL, which arrives as text; these sums stay far below 2^53. */
  kw: number | string;
}

const toVolume = (row: VolumeRow): BidVolume => ({ id: row.id, zoneId: row.zone_id, deliveryDate: row.delivery_date, curveKind: row.curve_kind, kwPeriods: Number(row.kw) });

const within = (column: string): string => `${column} >= ? AND ${column} < ?`;
/**
 * Bids created, submitted and decided by outcome, each within its own [from, to) pair of
 * parameters. A bid submitted and then cancelled (withdrawn before the gate) is not in the market:
 * it counts as drafted only.
 */
const STEP_COUNTS = `SELECT sum(CASE WHEN ${within('created_at')} THEN 1 ELSE 0 END) AS drafted,
       sum(CASE WHEN ${within('submitted_at')} AND status <> 'cancelled' THEN 1 ELSE 0 END) AS submitted,
       sum(CASE WHEN ${within('decided_at')} AND status = 'accepted' THEN 1 ELSE 0 END) AS accepted,
       sum(CASE WHEN ${within('decided_at')} AND status = 'partially_accepted' THEN 1 ELSE 0 END) AS partially,
       sum(CASE WHEN ${within('decided_at')} AND status = 'rejected' THEN 1 ELSE 0 END) AS rejected
  FROM bids WHERE organization_id = ? AND (${within('created_at')} OR ${within('submitted_at')} OR ${within('decided_at')})`;

/** What the organisation's trading KPIs are computed from: counts and sums in SQL, orders as rows. */
export class TradingKpiRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /** Bids created, submitted and decided (by outcome) in [from, to). */
  async stepCounts(organizationId: string, from: Date, to: Date): Promise<BidStepCounts> {
    const row = await this.sql.one<Record<'drafted' | 'submitted' | 'accepted' | 'partially' | 'rejected', number | null>>(
      STEP_COUNTS,
      [...Array.from({ length: 5 }, () => [from, to]).flat(), organizationId, from, to, from, to, from, to],
    );
    // sum() over no rows is NULL.
    return {
      drafted: row?.drafted ?? 0,
      submitted: row?.submitted ?? 0,
      accepted: row?.accepted ?? 0,
      partiallyAccepted: row?.partially ?? 0,
      rejected: row?.rejected ?? 0,
    };
  }

  /** Bids submitted in [from, to) and not withdrawn since, each with the kW it offered summed over its periods. */
  async submitted(organizationId: string, from: Date, to: Date): Promise<BidVolume[]> {
    const rows = await this.sql.all<VolumeRow>(
      `SELECT b.id, b.zone_id, b.delivery_date, b.curve_kind, ${OFFERED_KW} AS kw FROM bids b
       WHERE b.organization_id = ? AND b.submitted_at >= ? AND b.submitted_at < ? AND b.status <> 'cancelled' ORDER BY b.id`,
      [organizationId, from, to],
    );
    return rows.map(toVolume);
  }

  /** Bids decided in [from, to) as accepted or partially accepted, each with the kW it cleared summed over its periods. */
  async accepted(organizationId: string, from: Date, to: Date): Promise<BidVolume[]> {
    const rows = await this.sql.all<VolumeRow>(
      `SELECT b.id, b.zone_id, b.delivery_date, b.curve_kind, ${CLEARED_KW} AS kw FROM bids b
       WHERE b.organization_id = ? AND b.decided_at >= ? AND b.decided_at < ? AND b.status IN ${DECIDED_IN_MONEY} ORDER BY b.id`,
      [organizationId, from, to],
    );
    return rows.map(toVolume);
  }

  /** The curve points of these bids, by bid, period and position on the curve. */
  async curvePoints(bidIds: readonly string[]): Promise<KpiCurvePoint[]> {
    if (bidIds.length === 0) return [];
    const placeholders = placeholdersFor(bidIds);
    const rows = await this.sql.all<{ bid_id: string; period: number; price_minor: number; volume_kw: number }>(
      `SELECT bid_id, period, price_minor, volume_kw FROM bid_curve_points WHERE bid_id IN (${placeholders}) ORDER BY bid_id, period, seq`,
      [...bidIds],
    );
    return rows.map((row) => ({ bidId: row.bid_id, period: row.period, priceMinor: row.price_minor, volumeKw: row.volume_kw }));
  }

  /** The block periods of these bids, with each block's price and accepted ratio. */
  async blockPeriods(bidIds: readonly string[]): Promise<KpiBlockPeriod[]> {
    if (bidIds.length === 0) return [];
    const placeholders = placeholdersFor(bidIds);
    const rows = await this.sql.all<{ bid_id: string; period: number; price_minor: number; volume_kw: number; accepted_ratio_bp: number | null }>(
      `SELECT k.bid_id, v.period, k.price_minor, v.volume_kw, k.accepted_ratio_bp FROM bid_blocks k JOIN bid_block_periods v ON v.block_id = k.id
       WHERE k.bid_id IN (${placeholders}) ORDER BY k.bid_id, k.id, v.period`,
      [...bidIds],
    );
    return rows.map((row) => ({ bidId: row.bid_id, period: row.period, priceMinor: row.price_minor, volumeKw: row.volume_kw, acceptedRatioBp: row.accepted_ratio_bp }));
  }

  /** The per-period results of these bids. */
  async results(bidIds: readonly string[]): Promise<KpiPeriodResult[]> {
    if (bidIds.length === 0) return [];
    const placeholders = placeholdersFor(bidIds);
    const rows = await this.sql.all<{ bid_id: string; period: number; cleared_volume_kw: number; clearing_price_minor: number }>(
      `SELECT bid_id, period, cleared_volume_kw, clearing_price_minor FROM bid_period_results WHERE bid_id IN (${placeholders}) ORDER BY bid_id, period`,
      [...bidIds],
    );
    return rows.map((row) => ({ bidId: row.bid_id, period: row.period, clearedKw: row.cleared_volume_kw, clearingPriceMinor: row.clearing_price_minor }));
  }
}
