import { Type, type Static } from '@sinclair/typebox';
import type { ErrorEnvelope } from './errors.js';
import { EventTopicSchema, type EngineEventMap, type EventTopic } from './events.js';

/**
 * The stream protocol, spoken over the WebSocket (`/api/ws/events`) and over IPC alike: the
 * client authenticates with a message (a browser cannot set headers on a WebSocket, and a
 * token refresh must not drop the connection), subscribes to topics and receives a snapshot
 * of each topic's current state followed by its events.
 */
/**
 * Zones of a zone-keyed topic (price-update, market-alert): subscribing with zones adds them to
 * the connection's selection, unsubscribing with zones removes them; without zones, all zones.
 */
const ZoneList = Type.Array(Type.String({ pattern: '^[A-Z0-9_]{1,32}$' }), { minItems: 1, maxItems: 100, uniqueItems: true });

export const StreamClientMessage = Type.Union(
  [
    Type.Object({ type: Type.Literal('auth'), accessToken: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false }),
    // The page signed out: the stream forgets who it was and drops every topic that needs a caller.
    Type.Object({ type: Type.Literal('sign-out') }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('subscribe'), topic: EventTopicSchema, zones: Type.Optional(ZoneList) }, { additionalProperties: false }),
    Type.Object({ type: Type.Literal('unsubscribe'), topic: EventTopicSchema, zones: Type.Optional(ZoneList) }, { additionalProperties: false }),
  ],
  { title: 'StreamClientMessage' },
);
export type StreamClientMessage = Static<typeof StreamClientMessage>;

/** One event, or the topic's snapshot sent right after subscribing. */
export type StreamEvent<T extends EventTopic = EventTopic> = {
  [K in T]: { type: 'event'; topic: K; snapshot: boolean; data: EngineEventMap[K] };
}[T];

export type StreamServerMessage =
  | { type: 'hello'; serverTime: string; protocol: 1 }
  | { type: 'authenticated'; userId: string; organizationId: string | null }
  | { type: 'signed-out' }
  | { type: 'subscribed'; topic: EventTopic; zones?: string[] }
  | { type: 'unsubscribed'; topic: EventTopic; zones?: string[] }
  | StreamEvent
  | ({ type: 'error' } & ErrorEnvelope);

/** Close codes the server uses (4000-4999 are the application's own range). */
export const StreamCloseCodes = { tooSlow: 4008 } as const;

/** What a plain GET of the stream's address answers: how to use it. */
export const StreamInfo = Type.Object(
  {
    protocol: Type.Literal(1),
    topics: Type.Array(EventTopicSchema),
    description: Type.String(),
  },
  { title: 'StreamInfo' },
);
export type StreamInfo = Static<typeof StreamInfo>;

/** GET /api/ws/stats: what the event stream is doing now. */
export const StreamStatistics = Type.Object(
  {
    connections: Type.Integer({ description: 'Open WebSocket connections' }),
    subscriptions: Type.Record(Type.String(), Type.Integer(), { description: 'Subscribers per topic, WebSocket and desktop windows alike' }),
    messagesPerSecond: Type.Number({ description: 'Messages sent over WebSockets, averaged over the last 10 s' }),
    coalescedPerSecond: Type.Number({ description: 'Price points merged away for slow readers, averaged over the last 10 s' }),
    closedTooSlow: Type.Integer({ description: 'Connections closed since start because they fell behind' }),
  },
  { title: 'StreamStatistics' },
);
export type StreamStatistics = Static<typeof StreamStatistics>;

/** The WebSocket address of the event stream, relative to the engine. */
export const STREAM_PATH = '/api/ws/events';

/**
 * Price streams for tools and other programs, authenticated on the upgrade itself — with
 * `Authorization: Bearer <token>` or `X-API-Key`, or where headers cannot be set (a browser)
 * with the subprotocols [STREAM_SUBPROTOCOL, `${BEARER_SUBPROTOCOL_PREFIX}<token>`] — so a
 * connection without a credential is refused before it exists. Same messages as STREAM_PATH.
 */
export const PRICES_STREAM_PATH = '/api/ws/prices';
/** One zone's prices and alerts, subscribed on connect. */
export const zoneStreamPath = (zoneId: string): string => `/api/ws/market/${zoneId}`;
export const STREAM_SUBPROTOCOL = 'optibid.v1';
export const BEARER_SUBPROTOCOL_PREFIX = 'optibid.bearer.';
