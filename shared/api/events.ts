import { Type, type Static } from '@sinclair/typebox';
import type { TradingKpis } from './analytics.js';
import type { BidUpdate } from './bid-events.js';
import { SyncStatus } from './health.js';
import type { DayAheadResultEvent, MarketAlert, PriceUpdate } from './market-data.js';
import type { TrainingJobStatus } from './ml.js';
import type { OrganizationSettingChange } from './organizations.js';

/**
 * Engine events: what the event hub carries to WebSocket clients and IPC subscribers. Each
 * topic has one payload schema, and every transport picks it up from this map.
 */

export const DatabaseMode = Type.Union([Type.Literal('online'), Type.Literal('offline')], {
  description: 'online: the source of truth answers; offline: it does not (with DATABASE_URL, reads come from the local cache and writes queue)',
});
export type DatabaseMode = Static<typeof DatabaseMode>;

export const TerminalStatus = Type.Object(
  {
    database: Type.Object({
      mode: DatabaseMode,
      dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
    }),
    sync: Type.Union([SyncStatus, Type.Null()], { description: 'As in /health: connectivity, queued writes and the last sync; null without DATABASE_URL' }),
    feed: Type.Object({
      state: Type.Union([Type.Literal('none'), Type.Literal('live'), Type.Literal('stale')], { description: 'none: no price feed is configured yet' }),
      source: Type.Union([Type.String(), Type.Null()]),
    }),
    health: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('unavailable')]),
    time: Type.String({ format: 'date-time' }),
  },
  { title: 'TerminalStatus' },
);
export type TerminalStatus = Static<typeof TerminalStatus>;

/** Payload of each topic. */
export interface EngineEventMap {
  'terminal-status': TerminalStatus;
  'price-update': PriceUpdate;
  'market-alert': MarketAlert;
  'day-ahead-result': DayAheadResultEvent;
  'bid-update': BidUpdate;
  /** A training job of the organisation on this terminal moved: queued, each step, its end. */
  'ml-training': TrainingJobStatus;
  /** The organisation's trading KPIs, again after its bids changed (GET /api/analytics/real-time-kpis). */
  kpis: TradingKpis;
  /** An owner or admin changed a setting of the organisation (its fat-finger thresholds, its trading day). */
  'organization-setting': OrganizationSettingChange;
}
export type EventTopic = keyof EngineEventMap;

export const EVENT_TOPICS = ['terminal-status', 'price-update', 'market-alert', 'day-ahead-result', 'bid-update', 'ml-training', 'kpis', 'organization-setting'] as const satisfies readonly EventTopic[];
export const EventTopicSchema = Type.Union(EVENT_TOPICS.map((topic) => Type.Literal(topic)));
