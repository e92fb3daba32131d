import type { BidWarningThresholds } from '../api/bids.js';
import type { AssetKind, StorageParameters } from '../api/assets.js';
import type { MarketZone } from '../api/zones.js';

/** What the rules need to know of the asset a bid is for (the engine reads it from the assets table, the form from its store). */
export interface BidAssetFacts {
  id: string;
  kind: AssetKind;
  zoneId: string;
  capacityMw: number;
  status: 'active' | 'inactive' | 'retired';
  storage: StorageParameters | null;
}

/** Everything outside the draft that decides whether it is valid. */
export interface BidRuleContext {
  /** The zone the draft targets (the caller checks it exists). */
  zone: MarketZone;
  /** The asset when draft.assetId is set (null for a portfolio bid). */
  asset: BidAssetFacts | null;
  /** Epoch ms, for the gate closure. */
  now: number;
  /** The zone's recent market price (currency/MWh), null if unknown. */
  recentPrice: number | null;
  /** The organisation's fat-finger thresholds. */
  thresholds: BidWarningThresholds;
}
