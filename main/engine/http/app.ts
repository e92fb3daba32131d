import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { TradingDaySettings } from '../../../shared/api/analytics.js';
import type { BidWarningThresholds } from '../../../shared/api/bids.js';
import type { HealthReport } from '../../../shared/api/health.js';
import type { Databases } from '../db/databases.js';
import { packageInfo } from '../version.js';
import type { AdminService } from '../admin/admin-service.js';
import type { ApiKeyService } from '../api-keys/api-key-service.js';
import type { AlertRuleService } from '../alerts/alert-rule-service.js';
import type { AnalyticsService } from '../analytics/analytics-service.js';
import type { AssetService } from '../assets/asset-service.js';
import type { SiteService } from '../assets/site-service.js';
import type { AuthService } from '../auth/auth-service.js';
import type { BidService } from '../bids/bid-service.js';
import type { SyncService } from '../sync/sync-service.js';
import type { PasswordService } from '../auth/password-service.js';
import type { OrganizationService } from '../organizations/organization-service.js';
import type { OrganizationSettingService } from '../organizations/organization-setting.js';
import type { UserService } from '../users/user-service.js';
import type { TokenService } from '../auth/tokens.js';
import type { CredentialDependencies } from '../auth/credentials.js';
import type { SendToClient, StreamSession } from '../stream/stream-session.js';
import { streamRoutes } from './routes/stream.js';
import { marketDataRoutes } from './routes/market-data.js';
import { broadcastRoutes } from './routes/broadcast.js';
import { terminalRoutes } from './routes/terminal.js';
import type { ConnectionSettingsService } from '../terminal/connection-settings.js';
import type { MarketIngest } from '../market/market-ingest.js';
import type { PriceHistory } from '../market/price-history.js';
import type { EventHub } from '../stream/event-hub.js';
import type { MlServices } from '../ml/ml-services.js';
import type { Clock } from '../clock.js';
import type { StreamStats } from '../stream/stream-stats.js';
import { installAuthentication } from './authenticate.js';
import { installErrorHandling } from './error-handler.js';
import { installLoopbackGuard } from './loopback-guard.js';
import { closeRefusedUpgrades } from './refused-upgrades.js';
import { collectRoutes, type RouteSummary } from './route-table.js';
import { lazySerializerFactory, lazyValidatorFactory } from './schema-compilers.js';
import { adminRoutes } from './routes/admin.js';
import { alertRuleRoutes } from './routes/alert-rules.js';
import { analyticsRoutes } from './routes/analytics.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { assetRoutes } from './routes/assets.js';
import { authRoutes } from './routes/auth.js';
import { bidRoutes } from './routes/bids.js';
import { syncRoutes } from './routes/sync.js';
import { docsRoutes } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { mlRoutes } from './routes/ml.js';
import { organizationRoutes } from './routes/organizations.js';
import { rendererRoutes } from './routes/renderer.js';
import { rootRoutes } from './routes/root.js';
import { siteRoutes } from './routes/sites.js';
import { userRoutes } from './routes/users.js';
import { zoneRoutes } from './routes/zones.js';

export interface AppDependencies {
  logger: Logger;
  databases: Databases;
  health: () => Promise<HealthReport>;
  rendererDir: string | null;
  auth: AuthService;
  passwords: PasswordService;
  organizations: OrganizationService;
  admin: AdminService;
  users: UserService;
  apiKeys: ApiKeyService;
  alertRules: AlertRuleService;
  sites: SiteService;
  assets: AssetService;
  bids: BidService;
  syncService: SyncService;
  bidWarningThresholds: OrganizationSettingService<typeof BidWarningThresholds>;
  tradingDay: OrganizationSettingService<typeof TradingDaySettings>;
  tokens: () => Promise<TokenService>;
  credentials: CredentialDependencies;
  openStream: (send: SendToClient) => StreamSession;
  connection: ConnectionSettingsService;
  market: MarketIngest;
  history: PriceHistory;
  analytics: AnalyticsService;
  streamHeartbeatMs: number;
  streamStats: StreamStats;
  events: EventHub;
  ml: MlServices;
  clock: Clock;
}

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the Fastify app: the one route table served over HTTP and, via inject, over IPC. */
export async function buildApp(deps: AppDependencies): Promise<{ app: App; routes: RouteSummary[] }> {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app: App = Fastify({
    loggerInstance,
    // A caller's own request id is kept (so a trace spans the renderer and the engine).
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // discriminator: a body that is one of several kinds (an alert rule) is checked against the kind it names only.
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true, discriminator: true } },
    schemaController: { compilersFactory: { buildValidator: lazyValidatorFactory(), buildSerializer: lazySerializerFactory() } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const routes = collectRoutes(app);
  // A database that cannot be reached, or has no capacity free, is a 503 the caller may retry, not an internal error.
  installErrorHandling(app, (error) => deps.databases.failureOf(error));
  installLoopbackGuard(app);
  closeRefusedUpgrades(app);
  installAuthentication(app, deps.credentials);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: `${packageInfo.productName} API`,
        version: packageInfo.version,
        description: 'The local API of an OptiBid Terminal. Errors always answer `{ error: { code, message, type, details } }`.',
      },
      tags: [
        { name: 'meta', description: 'Service information and health' },
        { name: 'auth', description: 'Accounts, sign-in and sessions' },
        { name: 'organizations', description: 'Organisations, members and roles' },
        { name: 'users', description: 'Users of your organisation' },
        { name: 'api-keys', description: 'API keys for scripts and tools' },
        { name: 'admin', description: 'Platform administration (platform administrators only)' },
        { name: 'market-data', description: 'Market zones and prices' },
        { name: 'analytics', description: 'Statistics, anomalies and cross-market analysis of stored prices; your organisation’s trading KPIs' },
        { name: 'alerts', description: 'Your alert rules on live prices, and the alerts they fired' },
        { name: 'sites', description: 'Your organisation’s sites (grid connection points)' },
        { name: 'assets', description: 'Your organisation’s assets and their performance' },
        { name: 'bids', description: 'Your organisation’s bids: drafts, submissions, cancellations, copies of a day' },
        { name: 'sync', description: 'This terminal’s offline queue and the conflicts its replay found' },
        { name: 'ml', description: 'Price forecasting: training jobs, the model registry, predictions, comparisons' },
        { name: 'stream', description: 'Live events over WebSocket' },
        { name: 'terminal', description: 'This terminal’s own settings' },
      ],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT or API key' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
  });

  await app.register(rootRoutes, { rendererDir: deps.rendererDir });
  await app.register(healthRoutes, { health: deps.health });
  await app.register(zoneRoutes, { databases: deps.databases });
  await app.register(marketDataRoutes, { market: deps.market, history: deps.history });
  await app.register(analyticsRoutes, { analytics: deps.analytics, tradingDay: deps.tradingDay });
  await app.register(broadcastRoutes, { market: deps.market, hub: deps.events, admin: deps.admin, zoneIds: deps.databases.zoneIds, clock: deps.clock });
  await app.register(authRoutes, { auth: deps.auth, passwords: deps.passwords });
  await app.register(organizationRoutes, { organizations: deps.organizations });
  await app.register(userRoutes, { users: deps.users, auth: deps.auth });
  await app.register(apiKeyRoutes, { apiKeys: deps.apiKeys });
  await app.register(alertRuleRoutes, { alertRules: deps.alertRules });
  await app.register(siteRoutes, { sites: deps.sites });
  await app.register(assetRoutes, { assets: deps.assets });
  await app.register(bidRoutes, { bids: deps.bids, thresholds: deps.bidWarningThresholds });
  await app.register(syncRoutes, { sync: deps.syncService });
  await app.register(mlRoutes, { ml: deps.ml });
  await app.register(adminRoutes, { admin: deps.admin, users: deps.users });
  await app.register(streamRoutes, { openStream: deps.openStream, heartbeatMs: deps.streamHeartbeatMs, stats: deps.streamStats, hub: deps.events, zoneIds: deps.databases.zoneIds });
  await app.register(terminalRoutes, { connection: deps.connection, admin: deps.admin });
  await app.register(docsRoutes);
  if (deps.rendererDir) await app.register(rendererRoutes, { rendererDir: deps.rendererDir });

  await app.ready();
  return { app, routes };
}
