import type { BidAssetFacts } from './bid-context.js';

/** Which way a volume goes: positive buys (a storage charges), negative sells (it discharges). */
export type Direction = 'buy' | 'sell';
export const directionOf = (volume: number): Direction => (volume > 0 ? 'buy' : 'sell');

export interface DirectionLimit {
  mw: number;
  /** What the limit is, for the message: "capacity", "maximum charge". */
  what: string;
}

/**
 * How much an asset can buy or sell in a period; null when it cannot go that way at all: solar
 * and wind only sell, a flexible load only buys, a storage does both within its charge and
 * discharge ratings (its rated capacity when those are missing, which the asset rules forbid).
 */
export function directionLimit(asset: BidAssetFacts, direction: Direction): DirectionLimit | null {
  const rated = { mw: asset.capacityMw, what: 'capacity' };
  switch (asset.kind) {
    case 'solar':
    case 'wind':
      return direction === 'sell' ? rated : null;
    case 'flexible_load':
      return direction === 'buy' ? rated : null;
    case 'storage':
      if (!asset.storage) return rated;
      return direction === 'buy' ? { mw: asset.storage.maxChargeMw, what: 'maximum charge' } : { mw: asset.storage.maxDischargeMw, what: 'maximum discharge' };
  }
}
