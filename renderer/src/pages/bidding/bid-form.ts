import type { Asset } from '../../../../shared/api/assets.js';
import type { AuctionId, Bid, BidDraft, BidIssue, BidMarket, BidSide, BlockOrder, CurvePeriod } from '../../../../shared/api/bids.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import type { BidAssetFacts } from '../../../../shared/bids/bid-context.js';
import { parseDecimal } from '../../../../shared/bids/curve-paste.js';
import { gateRule } from '../../../../shared/bids/bid-market.js';
import { nextGateClosure } from '../../../../shared/market/gate-closure.js';

/** One row of a period's curve as typed: text until the rules read it, so a half-typed "-1" is kept. */
export interface CurveRowText {
  price: string;
  volume: string;
}

/** A block as typed: one range of periods, and one volume for all of them or one per period ("10 12 14"). */
export interface BlockText {
  id: string;
  name: string;
  price: string;
  from: string;
  to: string;
  volume: string;
  minAcceptanceRatio: string;
  parentBlockId: string;
  exclusiveGroup: string;
}

export interface BidForm {
  id: string;
  /** The stored version this form was made from; null until the draft is first saved. */
  version: number | null;
  zoneId: string;
  market: BidMarket;
  auction: AuctionId | null;
  deliveryDate: string;
  holder: 'asset' | 'portfolio';
  assetId: string;
  portfolio: string;
  side: BidSide;
  orderType: 'curve' | 'block';
  notes: string;
  /** Rows by period number; a period without rows (or with blank rows only) is not bid. */
  curve: Readonly<Record<number, readonly CurveRowText[]>>;
  blocks: readonly BlockText[];
}

export const EMPTY_ROW: CurveRowText = { price: '', volume: '' };
const isBlank = (row: CurveRowText): boolean => row.price.trim() === '' && row.volume.trim() === '';

/** The first delivery day whose gate (the market's or its auction's) is still open at `now`: what a trader bids for next. */
export function nextOpenDay(zone: MarketZone, market: BidMarket, auction: AuctionId | null, now: number): string {
  return nextGateClosure(gateRule(zone, market, auction) ?? zone.gateClosure, now).deliveryDay;
}

export const newBlock = (index: number, periods: { first: number; last: number }): BlockText => ({
  id: crypto.randomUUID(),
  name: `Block ${String(index + 1)}`,
  price: '',
  from: String(periods.first),
  to: String(periods.last),
  volume: '',
  minAcceptanceRatio: '1',
  parentBlockId: '',
  exclusiveGroup: '',
});

export function newForm(id: string, zone: MarketZone, now: number): BidForm {
  return {
    id,
    version: null,
    zoneId: zone.id,
    market: 'day_ahead',
    auction: null,
    deliveryDate: nextOpenDay(zone, 'day_ahead', null, now),
    holder: 'portfolio',
    assetId: '',
    portfolio: '',
    side: 'sell',
    orderType: 'curve',
    notes: '',
    curve: {},
    blocks: [],
  };
}

const text = (value: number): string => String(value);

function blockText(block: BlockOrder): BlockText {
  const periods = block.periods.map((entry) => entry.period);
  const volumes = block.periods.map((entry) => entry.volume);
  return {
    id: block.id,
    name: block.name,
    price: text(block.price),
    from: text(Math.min(...periods)),
    to: text(Math.max(...periods)),
    volume: volumes.every((volume) => volume === volumes[0]) ? text(volumes[0] ?? 0) : [...block.periods].sort((a, b) => a.period - b.period).map((entry) => text(entry.volume)).join(' '),
    minAcceptanceRatio: text(block.minAcceptanceRatio),
    parentBlockId: block.parentBlockId ?? '',
    exclusiveGroup: block.exclusiveGroup ?? '',
  };
}

/** A stored bid as the form shows it. */
export function formOf(bid: Bid): BidForm {
  const common = {
    id: bid.id,
    version: bid.version,
    zoneId: bid.zoneId,
    market: bid.market,
    auction: bid.auction,
    deliveryDate: bid.deliveryDate,
    holder: bid.assetId === null ? ('portfolio' as const) : ('asset' as const),
    assetId: bid.assetId ?? '',
    portfolio: bid.portfolio ?? '',
    side: bid.side,
    notes: bid.notes ?? '',
  };
  if (bid.orderType === 'block') return { ...common, orderType: 'block', curve: {}, blocks: bid.blocks.map(blockText) };
  const curve = Object.fromEntries(bid.curve.map((entry) => [entry.period, entry.points.map((point) => ({ price: text(point.price), volume: text(point.volume) }))]));
  return { ...common, orderType: 'curve', curve, blocks: [] };
}

/** Where a finding shows in the form: a target field, a cell ("cell:33:2:price"), a period ("period:33") or a block's field ("block:1:price"). */
export type IssueKey = string;
export const cellKey = (period: number, row: number, column: 'price' | 'volume'): IssueKey => `cell:${String(period)}:${String(row)}:${column}`;
export const periodKey = (period: number): IssueKey => `period:${String(period)}`;
export const blockKey = (block: number, field: keyof BlockText | 'periods'): IssueKey => `block:${String(block)}:${field}`;
/** The holder is one control (an asset or a portfolio name), whichever of the two the rules name. */
const TARGET_KEYS: Readonly<Record<string, IssueKey>> = { assetId: 'holder', portfolio: 'holder' };

export interface FormDraft {
  draft: BidDraft;
  /** Problems of the form itself, before the rules can read it (nothing to bid, a volume list of the wrong length). */
  problems: BidIssue[];
  /** The form's place for a rule's field path (e.g. curve[2].points[0].price). */
  keyOf: (field: string) => IssueKey;
}

const problem = (field: string, message: string): BidIssue => ({ code: 'FORM', field, message, severity: 'error' });

interface CurveIndex {
  period: number;
  rows: number[];
}

function curveOf(form: BidForm): { curve: CurvePeriod[]; index: CurveIndex[] } {
  const periods = Object.keys(form.curve)
    .map(Number)
    .sort((a, b) => a - b);
  const index: CurveIndex[] = [];
  const curve: CurvePeriod[] = [];
  for (const period of periods) {
    const rows = (form.curve[period] ?? []).map((row, at) => ({ row, at })).filter(({ row }) => !isBlank(row));
    if (rows.length === 0) continue;
    index.push({ period, rows: rows.map(({ at }) => at) });
    curve.push({ period, points: rows.map(({ row }) => ({ price: parseDecimal(row.price), volume: parseDecimal(row.volume) })) });
  }
  return { curve, index };
}

/** The block's periods and volumes, or why they cannot be read. */
function blockPeriods(block: BlockText, at: number): { periods: BlockOrder['periods']; problems: BidIssue[] } {
  const [from, to] = [Number(block.from), Number(block.to)];
  if (!Number.isInteger(from) || !Number.isInteger(to) || block.from.trim() === '' || block.to.trim() === '' || from < 1 || to < from) {
    return { periods: [], problems: [problem(`blocks[${String(at)}].periods`, 'Give the first and last period, e.g. 33 to 48')] };
  }
  const periods = Array.from({ length: to - from + 1 }, (_, k) => from + k);
  const volumes = block.volume.trim().split(/[\s;]+/).map(parseDecimal);
  if (volumes.length !== 1 && volumes.length !== periods.length) {
    return { periods: [], problems: [problem(`blocks[${String(at)}].volume`, `Give one volume for all ${String(periods.length)} periods, or one for each (${String(volumes.length)} given)`)] };
  }
  return { periods: periods.map((period, k) => ({ period, volume: volumes.length === 1 ? (volumes[0] ?? Number.NaN) : (volumes[k] ?? Number.NaN) })), problems: [] };
}

function blocksOf(form: BidForm): { blocks: BlockOrder[]; problems: BidIssue[] } {
  const read = form.blocks.map((block, at) => {
    const { periods, problems } = blockPeriods(block, at);
    const named = block.name.trim() === '' ? [problem(`blocks[${String(at)}].name`, 'Name the block')] : [];
    const order: BlockOrder = {
      id: block.id,
      name: block.name,
      price: parseDecimal(block.price),
      minAcceptanceRatio: parseDecimal(block.minAcceptanceRatio),
      parentBlockId: block.parentBlockId === '' ? null : block.parentBlockId,
      exclusiveGroup: block.exclusiveGroup.trim() === '' ? null : block.exclusiveGroup.trim(),
      periods,
    };
    return { order, problems: [...named, ...problems] };
  });
  return { blocks: read.map(({ order }) => order), problems: read.flatMap(({ problems }) => problems) };
}

const CURVE_CELL = /^curve\[(\d+)\]\.points\[(\d+)\]\.(price|volume)$/;
const CURVE_PERIOD = /^curve\[(\d+)\]/;
const BLOCK_PERIOD = /^blocks\[(\d+)\]\.periods\[\d+\]\.(period|volume)$/;
const BLOCK_FIELD = /^blocks\[(\d+)\]\.(\w+)$/;

/** The draft the rules and the engine read, with the way back from their field paths to the form. */
export function draftOf(form: BidForm): FormDraft {
  const target = {
    zoneId: form.zoneId,
    market: form.market,
    auction: form.market === 'day_ahead' ? null : form.auction,
    deliveryDate: form.deliveryDate,
    assetId: form.holder === 'asset' && form.assetId !== '' ? form.assetId : null,
    portfolio: form.holder === 'portfolio' && form.portfolio.trim() !== '' ? form.portfolio.trim() : null,
    side: form.side,
    notes: form.notes.trim() === '' ? null : form.notes,
  };
  const { curve, index } = curveOf(form);
  const blocks = blocksOf(form);
  const draft: BidDraft = form.orderType === 'curve' ? { ...target, orderType: 'curve', curve } : { ...target, orderType: 'block', blocks: blocks.blocks };
  const problems =
    form.orderType === 'curve'
      ? curve.length === 0
        ? [problem('curve', 'Enter the curve: at least one period with prices and volumes')]
        : []
      : form.blocks.length === 0
        ? [problem('blocks', 'Add a block')]
        : blocks.problems;

  const keyOf = (field: string): IssueKey => {
    const cell = CURVE_CELL.exec(field);
    if (cell) {
      const entry = index[Number(cell[1])];
      const row = entry?.rows[Number(cell[2])];
      return entry && row !== undefined ? cellKey(entry.period, row, cell[3] === 'price' ? 'price' : 'volume') : 'curve';
    }
    const period = CURVE_PERIOD.exec(field);
    if (period) {
      const entry = index[Number(period[1])];
      return entry ? periodKey(entry.period) : 'curve';
    }
    const blockPeriod = BLOCK_PERIOD.exec(field);
    if (blockPeriod) return blockKey(Number(blockPeriod[1]), blockPeriod[2] === 'volume' ? 'volume' : 'periods');
    const block = BLOCK_FIELD.exec(field);
    if (block) return blockKey(Number(block[1]), block[2] === 'id' ? 'name' : (block[2] as keyof BlockText));
    return TARGET_KEYS[field] ?? field;
  };
  return { draft, problems, keyOf };
}

/** Findings by where they show in the form. */
export function issuesByKey(issues: readonly BidIssue[], keyOf: (field: string) => IssueKey): ReadonlyMap<IssueKey, BidIssue[]> {
  const byKey = new Map<IssueKey, BidIssue[]>();
  for (const issue of issues) {
    const key = keyOf(issue.field);
    byKey.set(key, [...(byKey.get(key) ?? []), issue]);
  }
  return byKey;
}

/** What the rules need to know of an asset, from the organisation's asset list. */
export const assetFactsOf = (asset: Asset): BidAssetFacts => ({ id: asset.id, kind: asset.kind, zoneId: asset.zoneId, capacityMw: asset.capacityMw, status: asset.status, storage: asset.storage });
