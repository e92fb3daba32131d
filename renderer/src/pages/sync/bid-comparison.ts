import type { Bid, BlockOrder, CurvePoint } from '../../../../shared/api/bids.js';
import { formatDateTime, formatDeliveryDay, formatPriceAmount, formatVolume, NO_VALUE } from '../../format.js';
import { shortId } from './queue-words.js';

/** One fact of a bid in both versions: this terminal's ("mine") and the shared database's ("theirs"). */
export interface FieldRow {
  label: string;
  mine: string;
  theirs: string;
  differs: boolean;
}

interface Field {
  label: string;
  /** What is compared: the stored value, so two values that print alike still count as different; null for a fact shown but never a difference. */
  raw: ((bid: Bid) => unknown) | null;
  text: (bid: Bid) => string;
}

const field = (label: string, raw: (bid: Bid) => unknown, text: (bid: Bid) => string): Field => ({ label, raw, text });
/** A fact shown as it is stored. */
const plain = (label: string, value: (bid: Bid) => string | number | null): Field => field(label, value, (bid) => String(value(bid) ?? NO_VALUE));

const FIELDS: readonly Field[] = [
  plain('Version', (bid) => bid.version),
  plain('Status', (bid) => bid.status),
  plain('Zone', (bid) => bid.zoneId),
  field('Market', (bid) => [bid.market, bid.auction], (bid) => (bid.market === 'day_ahead' ? 'day-ahead' : `intraday auction ${bid.auction ?? ''}`)),
  field('Delivery day', (bid) => bid.deliveryDate, (bid) => `${formatDeliveryDay(bid.deliveryDate)} (${bid.deliveryDate})`),
  field('For', (bid) => [bid.assetId, bid.portfolio], (bid) => (bid.assetId ? `asset ${shortId(bid.assetId)}` : `portfolio ${bid.portfolio ?? NO_VALUE}`)),
  plain('Side', (bid) => bid.side),
  plain('Order type', (bid) => bid.orderType),
  plain('Notes', (bid) => bid.notes),
  // Two edits always differ in when they were made: shown to tell the versions apart, not marked.
  { label: 'Last changed', raw: null, text: (bid) => formatDateTime(bid.updatedAt, true) },
];

/** The target and state of both versions, field by field. */
export const fieldRows = (mine: Bid, theirs: Bid): FieldRow[] =>
  FIELDS.map(({ label, raw, text }) => ({ label, mine: text(mine), theirs: text(theirs), differs: raw !== null && JSON.stringify(raw(mine)) !== JSON.stringify(raw(theirs)) }));

/** One point of the curve (the `point`-th of its period) in both versions; null where that version has no such point. */
export interface CurveRow {
  period: number;
  point: number;
  mine: CurvePoint | null;
  theirs: CurvePoint | null;
  priceDiffers: boolean;
  volumeDiffers: boolean;
}

const pointsOf = (bid: Bid): Map<string, CurvePoint> =>
  new Map(bid.orderType === 'curve' ? bid.curve.flatMap(({ period, points }) => points.map((point, index) => [`${String(period)}:${String(index)}`, point] as const)) : []);

const byPeriodAndPoint = (a: { period: number; point: number }, b: { period: number; point: number }): number => a.period - b.period || a.point - b.point;

/** Both curves aligned point by point (period, then the point's place in it), so a changed price or volume shows in its row. */
export function curveRows(mine: Bid, theirs: Bid): CurveRow[] {
  const [minePoints, theirPoints] = [pointsOf(mine), pointsOf(theirs)];
  const keys = new Set([...minePoints.keys(), ...theirPoints.keys()]);
  return [...keys]
    .map((key) => {
      const [period = 0, point = 0] = key.split(':').map(Number);
      const [a, b] = [minePoints.get(key) ?? null, theirPoints.get(key) ?? null];
      return { period, point, mine: a, theirs: b, priceDiffers: a?.price !== b?.price, volumeDiffers: a?.volume !== b?.volume };
    })
    .sort(byPeriodAndPoint);
}

/** A block order as one line of text per column. */
export interface BlockText {
  name: string;
  price: string;
  acceptance: string;
  periods: string;
  link: string;
}

/** "P3–P6: +5, +5, +5, +5": the periods and each one's volume (MW, + buy / − sell). */
const periodsText = (block: BlockOrder): string => {
  const periods = block.periods.map((p) => p.period);
  const range = periods.length === 1 ? `P${String(periods[0])}` : `P${String(Math.min(...periods))}–P${String(Math.max(...periods))}`;
  return `${range}: ${block.periods.map((p) => formatVolume(p.volume)).join(', ')}`;
};

/** The block it depends on (by name, within the same version) and its exclusive group. */
const linkText = (block: BlockOrder, blocks: ReadonlyMap<string, BlockOrder>): string => {
  const parent = block.parentBlockId === null ? null : `after “${blocks.get(block.parentBlockId)?.name ?? shortId(block.parentBlockId)}”`;
  const group = block.exclusiveGroup === null ? null : `group ${block.exclusiveGroup}`;
  return [parent, group].filter((part) => part !== null).join(', ') || NO_VALUE;
};

const blockText = (block: BlockOrder, blocks: ReadonlyMap<string, BlockOrder>): BlockText => ({
  name: block.name,
  price: formatPriceAmount(block.price),
  acceptance: block.minAcceptanceRatio === 1 ? 'all or nothing' : `≥ ${String(Math.round(block.minAcceptanceRatio * 1000) / 10)} %`,
  periods: periodsText(block),
  link: linkText(block, blocks),
});

/** What each column compares: stored values, so two that print alike (a ratio rounded for display) still count as different. */
const BLOCK_COLUMNS: Record<keyof BlockText, (block: BlockOrder) => unknown> = {
  name: (block) => block.name,
  price: (block) => block.price,
  acceptance: (block) => block.minAcceptanceRatio,
  periods: (block) => block.periods,
  link: (block) => [block.parentBlockId, block.exclusiveGroup],
};
const COLUMNS = Object.keys(BLOCK_COLUMNS) as (keyof BlockText)[];

/** One block (by its id) in both versions; null where that version lacks it. `differs` names the columns that differ. */
export interface BlockRow {
  id: string;
  mine: BlockText | null;
  theirs: BlockText | null;
  differs: ReadonlySet<keyof BlockText>;
}

const blocksOf = (bid: Bid): Map<string, BlockOrder> => new Map(bid.orderType === 'block' ? bid.blocks.map((block) => [block.id, block] as const) : []);

/** Both versions' blocks aligned by id, in this terminal's order, then the ones only the shared database has. */
export function blockRows(mine: Bid, theirs: Bid): BlockRow[] {
  const [mineBlocks, theirBlocks] = [blocksOf(mine), blocksOf(theirs)];
  return [...new Set([...mineBlocks.keys(), ...theirBlocks.keys()])].map((id) => {
    const [a, b] = [mineBlocks.get(id), theirBlocks.get(id)];
    const value = (block: BlockOrder | undefined, column: keyof BlockText): string => (block ? JSON.stringify(BLOCK_COLUMNS[column](block)) : '');
    return {
      id,
      mine: a ? blockText(a, mineBlocks) : null,
      theirs: b ? blockText(b, theirBlocks) : null,
      differs: new Set(COLUMNS.filter((column) => value(a, column) !== value(b, column))),
    };
  });
}

/** How many rows of both tables differ: the count beside the conflict's heading. */
export const differenceCount = (mine: Bid, theirs: Bid): number =>
  fieldRows(mine, theirs).filter((row) => row.differs).length +
  curveRows(mine, theirs).filter((row) => row.priceDiffers || row.volumeDiffers).length +
  blockRows(mine, theirs).filter((row) => row.differs.size > 0).length;
