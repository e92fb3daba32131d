import { mkdirSync } from 'node:fs';
import type { Logger } from 'pino';
import type { HealthReport, ServiceHealth } from '../../shared/api/health.js';
import { AdminService } from './admin/admin-service.js';
import { AnalyticsCache } from './analytics/analytics-cache.js';
import { AnalyticsService } from './analytics/analytics-service.js';
import { KpiPublisher } from './analytics/kpi-publisher.js';
import { TRADING_DAY } from './analytics/trading-day.js';
import { ApiKeyService } from './api-keys/api-key-service.js';
import { AlertRuleEvaluator } from './alerts/alert-rule-evaluator.js';
import { AlertRuleService } from './alerts/alert-rule-service.js';
import { AssetService } from './assets/asset-service.js';
import { SiteService } from './assets/site-service.js';
import { FeatureFlags } from './admin/feature-flags.js';
import { AuthService } from './auth/auth-service.js';
import { IdentityCache } from './auth/identity-cache.js';
import { BidExpiry } from './bids/bid-expiry.js';
import { ReferenceData } from './assets/reference-data.js';
import { BidRules } from './bids/bid-rules.js';
import { BidSettlement } from './bids/bid-settlement.js';
import { BidService } from './bids/bid-service.js';
import { BID_WARNING_THRESHOLDS } from './bids/bid-warning-thresholds.js';
import { openLoginThrottle } from './auth/open-login-throttle.js';
import { PasswordService } from './auth/password-service.js';
import type { TokenService } from './auth/tokens.js';
import { systemClock, type Clock } from './clock.js';
import type { EngineConfig } from './config/load.js';
import { Databases } from './db/databases.js';
import type { Store } from './db/store.js';
import { buildApp, type App } from './http/app.js';
import type { RouteSummary } from './http/route-table.js';
import { createLogger } from './logging/logger.js';
import { ServiceRegistry } from './services/registry.js';
import { OrganizationService } from './organizations/organization-service.js';
import { OrganizationSettingService } from './organizations/organization-setting.js';
import { UserService } from './users/user-service.js';
import { callerOfCredential, type CredentialDependencies } from './auth/credentials.js';
import { EventHub } from './stream/event-hub.js';
import { StreamStats } from './stream/stream-stats.js';
import { MarketIngest } from './market/market-ingest.js';
import { RedisEventBridge } from './stream/redis-event-bridge.js';
import { PriceHistory } from './market/price-history.js';
import { openFeeds } from './market/open-feeds.js';
import { ConnectionSettingsService } from './terminal/connection-settings.js';
import { StreamSession, type SendToClient, type StreamSessionOptions } from './stream/stream-session.js';
import { readTerminalStatus, TerminalStatusPublisher } from './stream/terminal-status.js';
import { Connectivity } from './sync/connectivity.js';
import { SyncStatusBoard } from './sync/sync-status.js';
import { pushOfflineSessions, sessionOfToken } from './auth/offline-sessions.js';
import { bidReplayer } from './sync/bid-replay.js';
import { copyReferenceData, refreshCache } from './sync/cache-refresh.js';
import { OfflineBids } from './sync/offline-bids.js';
import { OutboxReplay } from './sync/outbox-replay.js';
import { SyncLoop } from './sync/sync-loop.js';
import { SyncService } from './sync/sync-service.js';
import { packageInfo } from './version.js';
import { forecasterKinds } from './ml/forecaster-kinds.js';
import { openMlServices } from './ml/ml-services.js';

export interface Engine {
  app: App;
  /** The source of truth: PostgreSQL with DATABASE_URL, the SQLite file without. */
  store: Store;
  databases: Databases;
  services: ServiceRegistry;
  /** Feature flags, read at runtime (set by platform administrators). */
  flags: FeatureFlags;
  routes: RouteSummary[];
  /** The shared database as the sync layer sees it (online/offline, change observers); null without DATABASE_URL. */
  connectivity: Connectivity | null;
  /** The `sync` section of /health and the terminal status; the outbox replay reports its progress here. Null without DATABASE_URL. */
  sync: SyncStatusBoard | null;
  /** Typed publish/subscribe of engine events: status, prices, alerts, day-ahead results, bids. */
  events: EventHub;
  /** Opens a client of the event stream (a WebSocket connection, an Electron window). */
  openStream(send: SendToClient, options?: StreamSessionOptions): StreamSession;
  config: EngineConfig;
  logger: Logger;
  /** Releases every connection, timer and socket; the process can then exit on its own. */
  close(): Promise<void>;
}

export interface EngineOptions {
  logger?: Logger;
  clock?: Clock;
}

/** Unavailable only when no database can serve; degraded when anything configured is not ok. */
function overallStatus(canServe: boolean, services: ServiceHealth[]): HealthReport['status'] {
  if (!canServe) return 'unavailable';
  if (services.some((s) => s.status !== 'ok' && s.status !== 'not_configured')) return 'degraded';
  return 'ok';
}

/**
 * Builds the engine: databases (migrated and seeded), the optional-service registry (probed
 * in the background, never awaited) and the Fastify app. Plain Node: no Electron here.
 */
export async function createEngine(config: EngineConfig, options: EngineOptions = {}): Promise<Engine> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  mkdirSync(config.dataDir, { recursive: true });

  const databases = await Databases.open(config, logger, clock);
  const services = new ServiceRegistry(config, logger, clock);
  services.start();

  // With a shared database, the local cache and outbox sync against it; without, there is nothing to sync.
  const connectivity = config.databaseUrl ? new Connectivity(databases, clock, logger) : null;
  const sync = connectivity ? new SyncStatusBoard(connectivity, () => databases.local.outbox.pendingCount()) : null;
  const health = async (): Promise<HealthReport> => {
    const all = [...databases.health(), ...services.snapshot()];
    const syncStatus = sync ? await sync.read() : null;
    const now = clock.now();
    return {
      status: overallStatus(databases.canServe, all),
      version: packageInfo.version,
      uptimeSeconds: Math.round((now.getTime() - startedAt.getTime()) / 100) / 10,
      time: now.toISOString(),
      services: all,
      sync: syncStatus,
    };
  };

  const identityCache = new IdentityCache(databases, clock, logger);
  // Opened on first use: PostgreSQL may be down at start-up, and the key lives there.
  let tokenService: Promise<TokenService> | null = null;
  const tokens = (): Promise<TokenService> => {
    // jose is imported with it, on first use: start-up does not pay for loading it.
    tokenService ??= import('./auth/open-token-service.js').then(({ openTokenService }) => openTokenService(databases, identityCache, clock)).catch((error: unknown) => {
      tokenService = null;
      throw error;
    });
    return tokenService;
  };
  const loginThrottle = await openLoginThrottle(config, services, logger, clock);
  const auth = new AuthService(databases, tokens, clock, loginThrottle.throttle, identityCache);
  const apiKeys = new ApiKeyService(databases.primary, clock);
  const credentials: CredentialDependencies = { tokens, session: (id) => sessionOfToken(databases, id), apiKeys };

  const events = new EventHub(logger);
  const openStream = (send: SendToClient, streamOptions?: StreamSessionOptions): StreamSession =>
    new StreamSession(events, (credential) => callerOfCredential(credential, credentials), send, logger, clock, { knownZones: databases.zoneIds, ...streamOptions });
  const feeds = openFeeds(config.feeds, { zones: databases.catalogue.zones, clock, logger, databases });
  const market = new MarketIngest(feeds, databases.catalogue.zones, databases, events, logger, clock, config.feeds.tickRetentionDays);
  // Prices other terminals of the floor write to the shared database reach this one too (pg is loaded only with DATABASE_URL).
  const sharedPrices = config.databaseUrl
    ? new (await import('./market/shared-price-listener.js')).SharedPriceListener({ url: config.databaseUrl, connectTimeoutMs: config.db.connectTimeoutMs, primary: databases.primary, mayConnect: () => databases.primaryPrepared, market, logger })
    : null;
  // With Redis, events reach the other processes of the floor too; without it they stay in memory.
  const redisBridge = config.services.redisUrl
    ? await RedisEventBridge.open({ url: config.services.redisUrl, hub: events, acceptPrices: (update) => market.acceptRelayed(update), connectTimeoutMs: config.probe.timeoutMs, logger })
    : null;
  const alertEvaluator = new AlertRuleEvaluator(databases, events, databases.catalogue.zones, logger, clock);
  const bidExpiry = new BidExpiry(databases.primary, events, clock, logger, () => databases.primaryOnline);
  const bidRules = new BidRules(databases.catalogue.zones);
  const zonesById = new Map(databases.catalogue.zones.map((zone) => [zone.id, zone]));
  // With a shared database: bids are copied into the local cache, written there with an outbox entry while it is out of reach, and replayed when it returns.
  const offlineBids = sync ? new OfflineBids(databases.local, logger) : null;
  // Sites and assets are written online only; the cache takes each change at once, for reading offline.
  const copyReferenceToCache = offlineBids
    ? async (organizationId: string): Promise<void> => {
        await copyReferenceData(databases, organizationId).catch((error: unknown) => logger.warn({ err: error, organizationId }, 'Sites and assets could not be copied into the local cache; the next refresh retries'));
      }
    : null;
  const referenceData = new ReferenceData(databases, copyReferenceToCache);
  const settlement = new BidSettlement(
    zonesById,
    databases.primary,
    offlineBids,
    events,
    clock,
    logger,
    sync ? { unreachable: (error) => databases.failureOf(error) !== null, onReturn: (listener) => databases.watchPrimary((online) => { if (online) listener(); }) } : null,
  );
  const syncLoop =
    connectivity && sync && offlineBids
      ? new SyncLoop(
          connectivity,
          sync,
          new OutboxReplay(databases.local.outbox, bidReplayer({ primary: databases.primary, local: databases.local, offline: offlineBids, rules: bidRules, events, clock }), (error) => databases.failureOf(error) !== null, clock, logger),
          {
            pushSessions: () => pushOfflineSessions(databases, clock, logger),
            refreshCache: async () => {
              await identityCache.refreshAll();
              await refreshCache(databases, offlineBids, clock, logger);
            },
            queued: () => databases.local.outbox.pendingCount(),
          },
          clock,
          logger,
        )
      : null;
  const ml = await openMlServices({ config, databases, zones: zonesById, kinds: forecasterKinds, events, clock, logger });
  const analytics = new AnalyticsService(databases, databases.catalogue.zones, new AnalyticsCache(databases, clock, logger), clock);
  const kpiPublisher = new KpiPublisher(events, analytics, logger);
  const statusPublisher = new TerminalStatusPublisher(events, () => readTerminalStatus(databases, health, () => market.feedStatus(), clock), logger);


  let built: Awaited<ReturnType<typeof buildApp>>;
  try {
    built = await buildApp({
      logger,
      databases,
      health,
      rendererDir: config.rendererDir,
      tokens,
      auth,
      passwords: new PasswordService(databases.primary, clock, identityCache),
      organizations: new OrganizationService(databases.primary, clock),
      admin: new AdminService(databases, health, clock),
      users: new UserService(databases, clock, logger),
      apiKeys,
      alertRules: new AlertRuleService(databases, databases.catalogue.zones, clock, () => alertEvaluator.reload(), logger),
      sites: new SiteService(referenceData, zonesById, clock),
      assets: new AssetService(referenceData, zonesById, clock),
      bids: new BidService(databases, offlineBids, bidRules, bidExpiry, events, clock),
      syncService: new SyncService(databases, sync, offlineBids, bidRules, events, clock),
      bidWarningThresholds: new OrganizationSettingService(databases, clock, logger, BID_WARNING_THRESHOLDS, events),
      tradingDay: new OrganizationSettingService(databases, clock, logger, TRADING_DAY, events),
      credentials,
      openStream,
      connection: new ConnectionSettingsService(config, databases, clock),
      market,
      history: new PriceHistory(databases, databases.catalogue.zones),
      analytics,
      streamHeartbeatMs: config.streamHeartbeatMs,
      streamStats: new StreamStats(clock),
      events,
      ml,
      clock,
    });
  } catch (error) {
    await ml.close();
    redisBridge?.close();
    loginThrottle.close();
    connectivity?.close();
    await Promise.all([services.stop(), databases.close()]);
    throw error;
  }

  statusPublisher.start();
  kpiPublisher.start();
  // Before the feeds: the rules see the first price.
  alertEvaluator.start();
  // Before the feeds too: the first beat publishes today's results.
  settlement.start();
  market.start();
  sharedPrices?.start();
  bidExpiry.start();
  syncLoop?.start();
  let closing: Promise<void> | null = null;
  return {
    app: built.app,
    routes: built.routes,
    store: databases.primary,
    databases,
    services,
    flags: new FeatureFlags(() => databases.primary.featureFlags),
    connectivity,
    sync,
    events,
    openStream,
    config,
    logger,
    close: () => {
      closing ??= (async () => {
        statusPublisher.stop();
        // The server's close waits for the requests under way; stopping the forecasts alongside
        // answers theirs at once instead of after a comparison's minutes.
        await Promise.all([built.app.close(), ml.close()]);
        await bidExpiry.close();
        await syncLoop?.close();
        await sharedPrices?.stop();
        redisBridge?.close();
        await market.close();
        await settlement.close();
        await kpiPublisher.close();
        await alertEvaluator.close();
        loginThrottle.close();
        await services.stop();
        connectivity?.close();
        await databases.close();
      })();
      return closing;
    },
  };
}
