import { randomUUID } from 'node:crypto';
import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { EngineEventMap, EventTopic } from '../../../shared/api/events.js';
import { BidUpdate } from '../../../shared/api/bid-events.js';
import { DayAheadResultEvent, MarketAlert, PriceUpdate } from '../../../shared/api/market-data.js';
import { OrganizationSettingChange } from '../../../shared/api/organizations.js';
import type { Audience, EventHub } from './event-hub.js';
import '../schema-formats.js';

/** The one channel every engine of the floor publishes its events on and listens to. */
const CHANNEL = 'optibid:events';

/** What crosses processes, each with the schema it is checked against on arrival: a terminal's status is its own. */
const RELAYED: { [T in EventTopic]?: TSchema } = {
  'price-update': PriceUpdate,
  'market-alert': MarketAlert,
  'day-ahead-result': DayAheadResultEvent,
  'bid-update': BidUpdate,
  'organization-setting': OrganizationSettingChange,
};

const RelayedEnvelope = Type.Object({
  origin: Type.String(),
  topic: Type.String(),
  audience: Type.Union([
    Type.Object({ kind: Type.Literal('everyone') }),
    Type.Object({ kind: Type.Literal('organization'), organizationId: Type.String() }),
    Type.Object({ kind: Type.Literal('user'), userId: Type.String() }),
  ]),
  data: Type.Unknown(),
});

interface RelayedEvent {
  origin: string;
  topic: EventTopic;
  audience: Audience;
  data: unknown;
}

export interface RedisEventBridgeOptions {
  url: string;
  hub: EventHub;
  /** Prices from other processes go through the ingest (newest-only, kept in the local cache). */
  acceptPrices: (update: PriceUpdate) => void;
  connectTimeoutMs: number;
  logger: Logger;
}

/**
 * Fan-out across processes through Redis pub/sub, when REDIS_URL is set: each engine publishes
 * its events and delivers the others'. Redis is never in the way: publishing fails fast while
 * it is down (the event still reached this process's listeners), and the subscriber
 * reconnects and resubscribes on its own. Without Redis, events stay in memory.
 */
export class RedisEventBridge {
  /** Tells this engine's own messages apart when they come back on the channel. */
  private readonly origin = randomUUID();
  private failures = 0;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly options: RedisEventBridgeOptions,
  ) {}

  static async open(options: RedisEventBridgeOptions): Promise<RedisEventBridge> {
    const { Redis } = await import('ioredis');
    const common = { connectTimeout: options.connectTimeoutMs, lazyConnect: false };
    const publisher = new Redis(options.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'optibid-events-pub' });
    const subscriber = new Redis(options.url, { ...common, connectionName: 'optibid-events-sub' });
    const bridge = new RedisEventBridge(publisher, subscriber, options);
    for (const client of [publisher, subscriber]) client.on('error', (error) => options.logger.debug({ err: error, service: 'redis' }, 'Redis event bridge error'));
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === CHANNEL) bridge.receive(message);
    });
    subscriber.subscribe(CHANNEL).catch((error: unknown) => options.logger.debug({ err: error, service: 'redis' }, 'Redis subscribe failed; retried on reconnect'));
    options.hub.relayTo((topic, data, audience) => bridge.send(topic, data, audience));
    return bridge;
  }

  /** Whether the subscriber is connected (tests wait for it before publishing). */
  get subscribed(): boolean {
    return this.subscriber.status === 'ready';
  }

  close(): void {
    this.options.hub.relayTo(null);
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private send<T extends EventTopic>(topic: T, data: EngineEventMap[T], audience: Audience): void {
    if (!RELAYED[topic] || this.publisher.status !== 'ready') return;
    const event: RelayedEvent = { origin: this.origin, topic, audience, data };
    this.publisher.publish(CHANNEL, JSON.stringify(event)).catch((error: unknown) => {
      this.failures += 1;
      // One line per outage is enough; the health monitor reports Redis itself.
      if (this.failures === 1) this.options.logger.warn({ err: error, service: 'redis' }, 'Events could not be relayed to other processes; they still reach this one');
    });
  }

  private receive(message: string): void {
    let event: unknown;
    try {
      event = JSON.parse(message);
    } catch {
      event = undefined;
    }
    if (!Value.Check(RelayedEnvelope, event) || event.origin === this.origin) return;
    const schema = Object.hasOwn(RELAYED, event.topic) ? RELAYED[event.topic as EventTopic] : undefined;
    if (!schema || !Value.Check(schema, event.data)) {
      this.options.logger.warn({ topic: event.topic }, 'Ignored a relayed event that is not in the expected shape');
      return;
    }
    this.failures = 0;
    if (event.topic === 'price-update') this.options.acceptPrices(event.data as PriceUpdate);
    else this.options.hub.publishHere(event.topic as EventTopic, event.data as EngineEventMap[EventTopic], event.audience);
  }
}
