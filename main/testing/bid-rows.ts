import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../engine/db/sql/executor.js';

/** A bid row as a test needs it, in stored units (kW, minor units); the bids service writes real ones. */
export interface BidRows {
  organizationId: string;
  assetId: string;
  zoneId: string;
  deliveryDate: string;
  side: 'buy' | 'sell' | 'both';
  status: 'draft' | 'submitted' | 'accepted' | 'partially_accepted' | 'rejected' | 'cancelled' | 'expired';
  curve?: { kind: 'step' | 'linear'; periods: { period: number; points: { priceMinor: number; volumeKw: number }[] }[] };
  blocks?: { priceMinor: number; periods: { period: number; volumeKw: number }[] }[];
  results?: { period: number; clearedKw: number; priceMinor: number }[];
}

const SUBMITTED = new Set(['submitted', 'accepted', 'partially_accepted', 'rejected']);
const DECIDED = new Set(['accepted', 'partially_accepted', 'rejected']);

/**
 * Writes a bid with its curve or blocks and results through plain SQL on either dialect (a test
 * fixture: no code writes bids yet). Returns the bid's id.
 */
export async function insertBidRows(sql: SqlExecutor, bid: BidRows): Promise<string> {
  const id = randomUUID();
  const at = new Date('2026-01-01T11:00:00Z');
  await sql.run(
    `INSERT INTO bids (id, organization_id, asset_id, zone_id, market, delivery_date, side, order_type, curve_kind, status, submission_id, gate_closure_at, submitted_at, decided_at, cancelled_at)
     VALUES (?, ?, ?, ?, 'day_ahead', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      bid.organizationId,
      bid.assetId,
      bid.zoneId,
      bid.deliveryDate,
      bid.side,
      bid.curve ? 'curve' : 'block',
      bid.curve?.kind ?? null,
      bid.status,
      SUBMITTED.has(bid.status) ? randomUUID() : null,
      at,
      SUBMITTED.has(bid.status) ? at : null,
      DECIDED.has(bid.status) ? at : null,
      bid.status === 'cancelled' ? at : null,
    ],
  );
  for (const { period, points } of bid.curve?.periods ?? []) {
    for (const [seq, point] of points.entries()) {
      await sql.run('INSERT INTO bid_curve_points (bid_id, period, seq, price_minor, volume_kw) VALUES (?, ?, ?, ?, ?)', [id, period, seq, point.priceMinor, point.volumeKw]);
    }
  }
  for (const [i, block] of (bid.blocks ?? []).entries()) {
    const blockId = randomUUID();
    await sql.run('INSERT INTO bid_blocks (id, bid_id, name, price_minor) VALUES (?, ?, ?, ?)', [blockId, id, `block ${String(i + 1)}`, block.priceMinor]);
    for (const { period, volumeKw } of block.periods) await sql.run('INSERT INTO bid_block_periods (block_id, period, volume_kw) VALUES (?, ?, ?)', [blockId, period, volumeKw]);
  }
  for (const result of bid.results ?? []) {
    await sql.run('INSERT INTO bid_period_results (bid_id, period, cleared_volume_kw, clearing_price_minor) VALUES (?, ?, ?, ?)', [id, result.period, result.clearedKw, result.priceMinor]);
  }
  return id;
}
