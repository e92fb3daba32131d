import type { AssetKind } from '../../../../shared/api/assets.js';
import type { BidStatus } from '../../../../shared/api/bid-events.js';
import type { AuctionId, BidMarket, BidSide } from '../../../../shared/api/bids.js';
import { asDate, asDateOrNull, asJson, placeholdersFor, valuesStatement, type SqlExecutor, type SqlParam } from '../sql/executor.js';

/** One period of a curve order: its points in the trader's order, prices in minor units, volumes in signed kW. */
export interface CurvePeriodRecord {
  period: number;
  points: { priceMinor: number; volumeKw: number }[];
}

export interface BlockRecord {
  id: string;
  name: string;
  priceMinor: number;
  minAcceptanceRatioBp: number;
  parentBlockId: string | null;
  exclusiveGroup: string | null;
  periods: { period: number; volumeKw: number }[];
}

/** What a trader drafts, in storage units: the target and either a curve (periods ascending) or blocks (by name). */
export interface BidContent {
  zoneId: string;
  market: BidMarket;
  auction: AuctionId | null;
  deliveryDate: string;
  assetId: string | null;
  portfolio: string | null;
  side: BidSide;
  notes: string | null;
  orderType: 'curve' | 'block';
  curve: CurvePeriodRecord[];
  blocks: BlockRecord[];
}

export interface BidResultRecord {
  period: number;
  clearedVolumeKw: number;
  clearingPriceMinor: number;
}

export interface BidRecord extends BidContent {
  id: string;
  organizationId: string;
  createdBy: string | null;
  status: BidStatus;
  version: number;
  curveKind: 'step' | 'linear' | null;
  gateClosureAt: Date;
  submissionId: string | null;
  submittedAt: Date | null;
  decidedAt: Date | null;
  cancelledAt: Date | null;
  reason: string | null;
  confirmedWarnings: string[];
  copiedFromBidId: string | null;
  createdAt: Date;
  updatedAt: Date;
  results: BidResultRecord[];
}

/** A bid's row without its curve, blocks and results: enough to judge most changes. */
export type BidState = Omit<BidRecord, 'curve' | 'blocks' | 'results'>;

/** How the market decided a submitted bid, in storage units. */
export interface BidDecision {
  status: 'accepted' | 'partially_accepted' | 'rejected';
  reason: string | null;
  results: BidResultRecord[];
  acceptedBlockRatiosBp: Record<string, number>;
}

/** What a new draft's row needs besides its content. */
export type NewBid = Omit<BidRecord, 'status' | 'version' | 'submissionId' | 'submittedAt' | 'decidedAt' | 'cancelledAt' | 'reason' | 'confirmedWarnings' | 'results' | 'updatedAt'>;

export interface BidFilter {
  organizationId: string;
  id?: string;
  statuses?: readonly BidStatus[];
  zoneId?: string;
  assetId?: string;
  from?: string;
  to?: string;
  limit: number;
}

/** A draft whose gate has closed, to be expired. */
export interface DueDraft {
  id: string;
  organizationId: string;
  version: number;
  gateClosureAt: Date;
}

/** The facts of an asset the bid rules read, in storage units; storage limits only for storage (the table's CHECKs). */
export interface BidAssetRow {
  id: string;
  kind: AssetKind;
  zoneId: string;
  capacityKw: number;
  status: 'active' | 'inactive' | 'retired';
  storage: { energyCapacityKwh: number; roundTripEfficiencyBp: number; socMinBp: number | null; socMaxBp: number | null; maxChargeKw: number | null; maxDischargeKw: number | null } | null;
}

interface AssetRow {
  id: string;
  kind: AssetKind;
  zone_id: string;
  capacity_kw: number;
  status: BidAssetRow['status'];
  energy_capacity_kwh: number | null;
  round_trip_efficiency_bp: number | null;
  soc_min_bp: number | null;
  soc_max_bp: number | null;
  max_charge_kw: number | null;
  max_discharge_kw: number | null;
}

const ASSET_COLUMNS = 'id, kind, zone_id, capacity_kw, status, energy_capacity_kwh, round_trip_efficiency_bp, soc_min_bp, soc_max_bp, max_charge_kw, max_discharge_kw';

const decodeAsset = (row: AssetRow): BidAssetRow => ({
  id: row.id,
  kind: row.kind,
  zoneId: row.zone_id,
  capacityKw: row.capacity_kw,
  status: row.status,
  storage:
    row.energy_capacity_kwh === null || row.round_trip_efficiency_bp === null
      ? null
      : {
          energyCapacityKwh: row.energy_capacity_kwh,
          roundTripEfficiencyBp: row.round_trip_efficiency_bp,
          socMinBp: row.soc_min_bp,
          socMaxBp: row.soc_max_bp,
          maxChargeKw: row.max_charge_kw,
          maxDischargeKw: row.max_discharge_kw,
        },
});

interface BidRow {
  id: string;
  organization_id: string;
  created_by: string | null;
  asset_id: string | null;
  portfolio: string | null;
  zone_id: string;
  market: BidMarket;
  auction: AuctionId | null;
  delivery_date: string;
  side: BidSide;
  order_type: 'curve' | 'block';
  curve_kind: 'step' | 'linear' | null;
  status: BidStatus;
  version: number;
  submission_id: string | null;
  gate_closure_at: unknown;
  submitted_at: unknown;
  decided_at: unknown;
  cancelled_at: unknown;
  rejection_reason: string | null;
  confirmed_warnings: unknown;
  copied_from_bid_id: string | null;
  notes: string | null;
  created_at: unknown;
  updated_at: unknown;
}

const BID_COLUMNS =
  'id, organization_id, created_by, asset_id, portfolio, zone_id, market, auction, delivery_date, side, order_type, curve_kind, status, version, submission_id, gate_closure_at, submitted_at, decided_at, cancelled_at, rejection_reason, confirmed_warnings, copied_from_bid_id, notes, created_at, updated_at';
const INSERT_BIDS = 'INSERT INTO bids (id, organization_id, created_by, asset_id, portfolio, zone_id, market, auction, delivery_date, side, order_type, curve_kind, gate_closure_at, copied_from_bid_id, notes, created_at, updated_at) VALUES ';
const targetValues = (c: BidContent): SqlParam[] => [c.assetId, c.portfolio, c.zoneId, c.market, c.auction, c.deliveryDate, c.side, c.orderType];
/** The values of a new draft's row, in INSERT_BIDS's order. */
const newBidValues = (bid: NewBid): SqlParam[] => [
  bid.id,
  bid.organizationId,
  bid.createdBy,
  ...targetValues(bid),
  bid.curveKind,
  bid.gateClosureAt,
  bid.copiedFromBidId,
  bid.notes,
  bid.createdAt,
  bid.createdAt,
];
const NEW_BID_WIDTH = 17;
const INSERT_BID = `${INSERT_BIDS}(${Array.from({ length: NEW_BID_WIDTH }, () => '?').join(', ')}) ON CONFLICT (id) DO NOTHING RETURNING ${BID_COLUMNS}`;
const INSERT_MANY_BIDS_RETURNING = ` RETURNING ${BID_COLUMNS}`;
/** The order bid pages are read in, newest first (OfflineBids merges pages in the same order). */
const ORDER = 'ORDER BY b.created_at DESC, b.id DESC';
const ROWS_PER_STATEMENT = 500;
const INSERT_POINTS = 'INSERT INTO bid_curve_points (bid_id, period, seq, price_minor, volume_kw) VALUES ';
const INSERT_BLOCK_PERIODS = 'INSERT INTO bid_block_periods (block_id, period, volume_kw) VALUES ';
const INSERT_RESULTS = 'INSERT INTO bid_period_results (bid_id, period, cleared_volume_kw, clearing_price_minor) VALUES ';
const PUT_COPY = `INSERT INTO bids (id, organization_id, created_by, asset_id, portfolio, zone_id, market, auction, delivery_date, side, order_type, curve_kind, status, version, submission_id,
    gate_closure_at, submitted_at, decided_at, cancelled_at, rejection_reason, confirmed_warnings, copied_from_bid_id, notes, created_at, updated_at)
  VALUES (?, ?, (SELECT u.id FROM users u WHERE u.id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT c.id FROM bids c WHERE c.id = ?), ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET created_by = excluded.created_by, asset_id = excluded.asset_id, portfolio = excluded.portfolio, zone_id = excluded.zone_id, market = excluded.market,
    auction = excluded.auction, delivery_date = excluded.delivery_date, side = excluded.side, order_type = excluded.order_type, curve_kind = excluded.curve_kind, status = excluded.status,
    version = excluded.version, submission_id = excluded.submission_id, gate_closure_at = excluded.gate_closure_at, submitted_at = excluded.submitted_at, decided_at = excluded.decided_at,
    cancelled_at = excluded.cancelled_at, rejection_reason = excluded.rejection_reason, confirmed_warnings = excluded.confirmed_warnings, copied_from_bid_id = excluded.copied_from_bid_id,
    notes = excluded.notes, created_at = excluded.created_at, updated_at = excluded.updated_at
  WHERE bids.version <> excluded.version OR bids.status <> excluded.status OR bids.updated_at <> excluded.updated_at`;
const DUE_DRAFTS = "SELECT id, organization_id, version, gate_closure_at FROM bids WHERE status = 'draft' AND gate_closure_at <= ? ORDER BY gate_closure_at, id";
const DUE_DRAFTS_OF_ORGANIZATION = "SELECT id, organization_id, version, gate_closure_at FROM bids WHERE status = 'draft' AND gate_closure_at <= ? AND organization_id = ? ORDER BY gate_closure_at, id";
const DELETABLE = "status IN ('draft', 'cancelled', 'expired') AND submission_id IS NULL";

/**
 * Bids with their curves, blocks and results, always read and written within one organisation.
 * Every change of state is a conditional statement (on the version, the status, the gate) so
 * two concurrent requests can never both win: the loser changes 0 rows and reads what won.
 */
export class BidRepository {
  constructor(private readonly sql: SqlExecutor) {}

  /**
   * Inserts a new draft with its curve or blocks and returns it as stored; null (and nothing
   * written) when the id exists. Each change below returns the bid as its statement left it (the
   * row from RETURNING, the children it wrote or left alone), saving a read after every write.
   */
  async insert(bid: NewBid): Promise<BidRecord | null> {
    const row = await this.sql.one<BidRow>(INSERT_BID, newBidValues(bid));
    if (!row) return null;
    await this.insertChildren([bid]);
    return asNewDraft(row, bid);
  }

  /**
   * Inserts new drafts together (a replayed batch) in as few statements as the parameter
   * limits allow, and returns them as stored, in order. An id that exists fails the statement,
   * and with it the caller's transaction: whoever batched them then goes one at a time.
   */
  async insertMany(bids: readonly NewBid[]): Promise<BidRecord[]> {
    const rows = new Map<string, BidRow>();
    for (let start = 0; start < bids.length; start += ROWS_PER_STATEMENT) {
      const chunk = bids.slice(start, start + ROWS_PER_STATEMENT);
      const inserted = await this.sql.all<BidRow>(valuesStatement(INSERT_BIDS, NEW_BID_WIDTH, chunk.length) + INSERT_MANY_BIDS_RETURNING, chunk.flatMap(newBidValues));
      for (const row of inserted) rows.set(row.id, row);
    }
    await this.insertChildren(bids);
    return bids.map((bid) => {
      const row = rows.get(bid.id);
      if (!row) throw new Error(`bid ${bid.id} was inserted but not returned`);
      return asNewDraft(row, bid);
    });
  }

  /** Replaces `draft`'s content (as read) if it is still that draft at that version, the version one up; null when it is not. */
  async replaceDraft(draft: Pick<BidRecord, 'id' | 'organizationId' | 'version' | 'orderType'>, content: BidContent, curveKind: BidRecord['curveKind'], gateClosureAt: Date, at: Date): Promise<BidRecord | null> {
    const row = await this.sql.one<BidRow>(
      `UPDATE bids SET asset_id = ?, portfolio = ?, zone_id = ?, market = ?, auction = ?, delivery_date = ?, side = ?, order_type = ?, curve_kind = ?, gate_closure_at = ?, notes = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND organization_id = ? AND version = ? AND status = 'draft' RETURNING ${BID_COLUMNS}`,
      [...targetValues(content), curveKind, gateClosureAt, content.notes, at, draft.id, draft.organizationId, draft.version],
    );
    if (!row) return null;
    // The draft at that version had only its own kind of children.
    await (draft.orderType === 'curve' ? this.deleteCurve(draft.id) : this.deleteBlocks(draft.id));
    await this.insertChildren([{ ...content, id: draft.id }]);
    // A draft has no results.
    return { ...decodeBid(row), curve: content.curve, blocks: content.blocks, results: [] };
  }

  /** `draft` (as read) -> submitted, if it is still that draft at that version; null when it is not. */
  async markSubmitted(draft: BidRecord, submissionId: string, confirmedWarnings: readonly string[], at: Date): Promise<BidRecord | null> {
    const row = await this.sql.one<BidRow>(
      `UPDATE bids SET status = 'submitted', submission_id = ?, submitted_at = ?, confirmed_warnings = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND organization_id = ? AND version = ? AND status = 'draft' RETURNING ${BID_COLUMNS}`,
      [submissionId, at, [...confirmedWarnings], at, draft.id, draft.organizationId, draft.version],
    );
    return row && { ...draft, ...decodeBid(row) };
  }

  /** `bid` (as read; a draft, or a submitted bid whose gate is still open) -> cancelled, if still at that version; null when not. */
  async markCancelled(bid: BidRecord, at: Date): Promise<BidRecord | null> {
    const row = await this.sql.one<BidRow>(
      `UPDATE bids SET status = 'cancelled', cancelled_at = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND organization_id = ? AND version = ? AND (status = 'draft' OR (status = 'submitted' AND gate_closure_at > ?)) RETURNING ${BID_COLUMNS}`,
      [at, at, bid.id, bid.organizationId, bid.version, at],
    );
    return row && { ...bid, ...decodeBid(row) };
  }

  /** A draft whose gate has closed by `at` -> expired, with the reason. */
  async markExpired(id: string, expectedVersion: number, reason: string, at: Date): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE bids SET status = 'expired', rejection_reason = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND version = ? AND status = 'draft' AND gate_closure_at <= ?`,
      [reason, at, id, expectedVersion, at],
    );
    return changed === 1;
  }

  /** Deletes a bid that never left the desk (a draft, or one cancelled or expired before submission) at `expectedVersion`. */
  async delete(organizationId: string, id: string, expectedVersion: number): Promise<boolean> {
    return (await this.sql.run(`DELETE FROM bids WHERE id = ? AND organization_id = ? AND version = ? AND ${DELETABLE}`, [id, organizationId, expectedVersion])) === 1;
  }

  /** Drafts whose gate closed by `at` (of one organisation, or all). */
  async dueDrafts(at: Date, organizationId: string | null): Promise<DueDraft[]> {
    const rows = await this.sql.all<{ id: string; organization_id: string; version: number; gate_closure_at: unknown }>(
      organizationId === null ? DUE_DRAFTS : DUE_DRAFTS_OF_ORGANIZATION,
      organizationId === null ? [at] : [at, organizationId],
    );
    return rows.map((row) => ({ id: row.id, organizationId: row.organization_id, version: row.version, gateClosureAt: asDate(row.gate_closure_at) }));
  }

  /** The bid carrying this submission id, whichever organisation's. */
  async bySubmission(submissionId: string): Promise<{ id: string; organizationId: string } | null> {
    const row = await this.sql.one<{ id: string; organization_id: string }>('SELECT id, organization_id FROM bids WHERE submission_id = ?', [submissionId]);
    return row ? { id: row.id, organizationId: row.organization_id } : null;
  }

  /** Whether a bid of this id exists in any organisation (ids are the clients'). */
  async exists(id: string): Promise<boolean> {
    return (await this.sql.one('SELECT 1 AS found FROM bids WHERE id = ?', [id])) !== null;
  }

  /** The bid's row alone: one statement instead of one per child table. */
  async state(organizationId: string, id: string): Promise<BidState | null> {
    const row = await this.sql.one<BidRow>(`SELECT ${BID_COLUMNS} FROM bids WHERE id = ? AND organization_id = ?`, [id, organizationId]);
    return row && decodeBid(row);
  }

  async get(organizationId: string, id: string): Promise<BidRecord | null> {
    return (await this.list({ organizationId, id, limit: 1 }))[0] ?? null;
  }

  /** The organisation's bids matching the filter, newest first, with their curves, blocks and results. */
  async list(filter: BidFilter): Promise<BidRecord[]> {
    const conditions = [
      'b.organization_id = ?',
      ...(filter.id === undefined ? [] : ['b.id = ?']),
      ...(filter.statuses && filter.statuses.length > 0 ? [`b.status IN (${placeholdersFor(filter.statuses)})`] : []),
      ...(filter.zoneId === undefined ? [] : ['b.zone_id = ?']),
      ...(filter.assetId === undefined ? [] : ['b.asset_id = ?']),
      ...(filter.from === undefined ? [] : ['b.delivery_date >= ?']),
      ...(filter.to === undefined ? [] : ['b.delivery_date <= ?']),
    ].join(' AND ');
    const params: SqlParam[] = [filter.organizationId, filter.id, ...(filter.statuses ?? []), filter.zoneId, filter.assetId, filter.from, filter.to].filter((value): value is string => value !== undefined);
    params.push(filter.limit);
    const rows = await this.sql.all<BidRow>(`SELECT ${BID_COLUMNS} FROM bids b WHERE ${conditions} ${ORDER} LIMIT ?`, params);
    // Each child table is asked only about the rows that can have children there: a curve order
    // has no blocks, a block order no points, and only a decided bid has results. One after
    // another: inside a transaction they share one PostgreSQL connection.
    const curves = rows.filter((row) => row.order_type === 'curve').map((row) => row.id);
    const blockOrders = rows.filter((row) => row.order_type === 'block').map((row) => row.id);
    const decided = rows.filter((row) => row.decided_at !== null).map((row) => row.id);
    const points = await this.childrenOf<{ bid_id: string; period: number; price_minor: number; volume_kw: number }>(
      curves,
      (placeholders) => `SELECT bid_id, period, price_minor, volume_kw FROM bid_curve_points WHERE bid_id IN (${placeholders}) ORDER BY bid_id, period, seq`,
    );
    const blocks = await this.childrenOf<{ id: string; bid_id: string; name: string; price_minor: number; min_acceptance_ratio_bp: number; parent_block_id: string | null; exclusive_group: string | null }>(
      blockOrders,
      (placeholders) => `SELECT id, bid_id, name, price_minor, min_acceptance_ratio_bp, parent_block_id, exclusive_group FROM bid_blocks WHERE bid_id IN (${placeholders}) ORDER BY bid_id, name`,
    );
    const blockPeriods = await this.childrenOf<{ block_id: string; period: number; volume_kw: number }>(
      blockOrders,
      (placeholders) => `SELECT p.block_id, p.period, p.volume_kw FROM bid_block_periods p JOIN bid_blocks k ON k.id = p.block_id WHERE k.bid_id IN (${placeholders}) ORDER BY p.block_id, p.period`,
    );
    const results = await this.childrenOf<{ bid_id: string; period: number; cleared_volume_kw: number; clearing_price_minor: number }>(
      decided,
      (placeholders) => `SELECT bid_id, period, cleared_volume_kw, clearing_price_minor FROM bid_period_results WHERE bid_id IN (${placeholders}) ORDER BY bid_id, period`,
    );
    const periodsOf = groupBy(blockPeriods, (p) => p.block_id);
    const curveOf = groupBy(points, (p) => p.bid_id);
    const blocksOf = groupBy(blocks, (b) => b.bid_id);
    const resultsOf = groupBy(results, (r) => r.bid_id);
    return rows.map((row) => ({
      ...decodeBid(row),
      curve: [...groupBy(curveOf.get(row.id) ?? [], (p) => p.period)].map(([period, pts]) => ({ period, points: pts.map((p) => ({ priceMinor: p.price_minor, volumeKw: p.volume_kw })) })),
      blocks: (blocksOf.get(row.id) ?? []).map((b) => ({
        id: b.id,
        name: b.name,
        priceMinor: b.price_minor,
        minAcceptanceRatioBp: b.min_acceptance_ratio_bp,
        parentBlockId: b.parent_block_id,
        exclusiveGroup: b.exclusive_group,
        periods: (periodsOf.get(b.id) ?? []).map((p) => ({ period: p.period, volumeKw: p.volume_kw })),
      })),
      results: (resultsOf.get(row.id) ?? []).map((r) => ({ period: r.period, clearedVolumeKw: r.cleared_volume_kw, clearingPriceMinor: r.clearing_price_minor })),
    }));
  }

  /**
   * Puts another database's bid into this one as it is there (the local cache taking the shared
   * database's copy): the row with its state and version, its curve or blocks, its results.
   * References this cache may not hold (a user or a source bid it never saw) become null.
   * A copy already here at that version, status and update time is left as it is: every change
   * of a bid's content or results moves its version on.
   */
  async putCopy(bid: BidRecord): Promise<void> {
    const changed = await this.sql.run(PUT_COPY, [
      bid.id,
      bid.organizationId,
      bid.createdBy,
      ...targetValues(bid),
      bid.curveKind,
      bid.status,
      bid.version,
      bid.submissionId,
      bid.gateClosureAt,
      bid.submittedAt,
      bid.decidedAt,
      bid.cancelledAt,
      bid.reason,
      bid.confirmedWarnings,
      bid.copiedFromBidId,
      bid.notes,
      bid.createdAt,
      bid.updatedAt,
    ]);
    if (changed === 0) return;
    await this.deleteChildren(bid.id);
    await this.sql.run('DELETE FROM bid_period_results WHERE bid_id = ?', [bid.id]);
    await this.insertChildren([bid]);
    await this.insertRows(INSERT_RESULTS, 4, bid.results.map((r): SqlParam[] => [bid.id, r.period, r.clearedVolumeKw, r.clearingPriceMinor]));
  }

  /** Submitted day-ahead bids of a zone's delivery day, every organisation's: what its published results decide. */
  async submittedDayAhead(zoneId: string, deliveryDate: string): Promise<{ id: string; organizationId: string }[]> {
    const rows = await this.sql.all<{ id: string; organization_id: string }>(
      "SELECT id, organization_id FROM bids WHERE zone_id = ? AND delivery_date = ? AND market = 'day_ahead' AND status = 'submitted' ORDER BY submitted_at, id",
      [zoneId, deliveryDate],
    );
    return rows.map((row) => ({ id: row.id, organizationId: row.organization_id }));
  }

  /**
   * Submitted -> accepted, partially accepted or rejected at `expectedVersion`, with the results
   * per period (cleared volume unsigned, in kW) and each block's accepted ratio; false when the
   * bid is no longer that submitted bid (another terminal decided it first).
   */
  async markDecided(id: string, expectedVersion: number, decision: BidDecision, at: Date): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE bids SET status = ?, rejection_reason = ?, decided_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND status = 'submitted'`,
      [decision.status, decision.reason, at, at, id, expectedVersion],
    );
    if (changed !== 1) return false;
    await this.insertRows(INSERT_RESULTS, 4, decision.results.map((r): SqlParam[] => [id, r.period, Math.abs(r.clearedVolumeKw), r.clearingPriceMinor]));
    for (const [blockId, ratioBp] of Object.entries(decision.acceptedBlockRatiosBp)) {
      await this.sql.run('UPDATE bid_blocks SET accepted_ratio_bp = ? WHERE id = ? AND bid_id = ?', [ratioBp, blockId, id]);
    }
    return true;
  }

  /** Removes the cache's copy of a bid deleted in the shared database, whatever state the copy is in. */
  async removeCopy(id: string): Promise<void> {
    await this.sql.run('DELETE FROM bids WHERE id = ?', [id]);
  }

  /**
   * A submission queued offline reached the shared database after the gate had closed: the draft
   * (or the draft the sweeper already expired) becomes expired with the reason the trader reads.
   */
  async expireLateSubmission(id: string, reason: string, at: Date): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE bids SET status = 'expired', rejection_reason = ?, version = CASE WHEN status = 'draft' THEN version + 1 ELSE version END, updated_at = ?
       WHERE id = ? AND status IN ('draft', 'expired') AND submission_id IS NULL AND gate_closure_at <= ?`,
      [reason, at, id, at],
    );
    return changed === 1;
  }

  /** An asset of the organisation, as the bid rules need it; null when the organisation has no such asset. */
  async assetOf(organizationId: string, assetId: string): Promise<BidAssetRow | null> {
    const row = await this.sql.one<AssetRow>(`SELECT ${ASSET_COLUMNS} FROM assets WHERE id = ? AND organization_id = ?`, [assetId, organizationId]);
    return row ? decodeAsset(row) : null;
  }

  /** The rows `statement(placeholders)` selects for these bids; none asked when there are none. */
  private async childrenOf<Row>(bidIds: readonly string[], statement: (placeholders: string) => string): Promise<Row[]> {
    if (bidIds.length === 0) return [];
    return this.sql.all<Row>(statement(placeholdersFor(bidIds)), bidIds);
  }

  private async deleteChildren(bidId: string): Promise<void> {
    await this.deleteCurve(bidId);
    await this.deleteBlocks(bidId);
  }

  private async deleteCurve(bidId: string): Promise<void> {
    await this.sql.run('DELETE FROM bid_curve_points WHERE bid_id = ?', [bidId]);
  }

  private async deleteBlocks(bidId: string): Promise<void> {
    // Children first: a linked block references its parent.
    await this.sql.run('DELETE FROM bid_blocks WHERE bid_id = ? AND parent_block_id IS NOT NULL', [bidId]);
    await this.sql.run('DELETE FROM bid_blocks WHERE bid_id = ?', [bidId]);
  }

  /** The curves or blocks of these bids, each table's rows across all of them in as few statements as it takes. */
  private async insertChildren(bids: readonly (BidContent & { id: string })[]): Promise<void> {
    const points = bids.flatMap((bid) => bid.curve.flatMap((p) => p.points.map((point, seq): SqlParam[] => [bid.id, p.period, seq, point.priceMinor, point.volumeKw])));
    await this.insertRows(INSERT_POINTS, 5, points);
    for (const bid of bids) {
      // Parents before the blocks linked to them (the foreign key is checked per statement).
      for (const block of parentsFirst(bid.blocks)) {
        await this.sql.run('INSERT INTO bid_blocks (id, bid_id, name, price_minor, min_acceptance_ratio_bp, parent_block_id, exclusive_group) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          block.id,
          bid.id,
          block.name,
          block.priceMinor,
          block.minAcceptanceRatioBp,
          block.parentBlockId,
          block.exclusiveGroup,
        ]);
      }
    }
    const periods = bids.flatMap((bid) => bid.blocks.flatMap((b) => b.periods.map((p): SqlParam[] => [b.id, p.period, p.volumeKw])));
    await this.insertRows(INSERT_BLOCK_PERIODS, 3, periods);
  }

  /** Multi-row INSERTs of at most ROWS_PER_STATEMENT rows: well inside both databases' parameter limits. */
  private async insertRows(insert: string, width: number, rows: readonly SqlParam[][]): Promise<void> {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      await this.sql.run(valuesStatement(insert, width, chunk.length), chunk.flat());
    }
  }
}


/** Blocks ordered so every parent comes before its children (the content was checked to have no cycle). */
export function parentsFirst(blocks: readonly BlockRecord[]): BlockRecord[] {
  const ordered: BlockRecord[] = [];
  const placed = new Set<string>();
  let pending = [...blocks];
  while (pending.length > 0) {
    const ready = pending.filter((b) => b.parentBlockId === null || placed.has(b.parentBlockId));
    if (ready.length === 0) throw new Error('bid blocks link in a cycle or to a block outside the bid');
    for (const block of ready) placed.add(block.id);
    ordered.push(...ready);
    pending = pending.filter((b) => !placed.has(b.id));
  }
  return ordered;
}

/** Items grouped by a key, in their order (Map.groupBy is not in Node 20). */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** A draft just inserted: its row as stored, its children as written; none of its results yet. */
const asNewDraft = (row: BidRow, bid: NewBid): BidRecord => ({ ...decodeBid(row), curve: bid.curve, blocks: bid.blocks, results: [] });

const decodeBid = (row: BidRow): BidState => ({
  id: row.id,
  organizationId: row.organization_id,
  createdBy: row.created_by,
  assetId: row.asset_id,
  portfolio: row.portfolio,
  zoneId: row.zone_id,
  market: row.market,
  auction: row.auction,
  deliveryDate: row.delivery_date,
  side: row.side,
  orderType: row.order_type,
  curveKind: row.curve_kind,
  status: row.status,
  version: row.version,
  submissionId: row.submission_id,
  gateClosureAt: asDate(row.gate_closure_at),
  submittedAt: asDateOrNull(row.submitted_at),
  decidedAt: asDateOrNull(row.decided_at),
  cancelledAt: asDateOrNull(row.cancelled_at),
  reason: row.rejection_reason,
  confirmedWarnings: asJson(row.confirmed_warnings) as string[],
  copiedFromBidId: row.copied_from_bid_id,
  notes: row.notes,
  createdAt: asDate(row.created_at),
  updatedAt: asDate(row.updated_at),
});
