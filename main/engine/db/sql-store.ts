import type { MigrationState } from '../../../shared/api/health.js';
import { repositoriesOn, type Repositories } from './repositories/index.js';
import type { AlertRuleRepository } from './repositories/alert-rule-repository.js';
import type { AnalyticsCacheRepository } from './repositories/analytics-cache-repository.js';
import type { BidRepository } from './repositories/bid-repository.js';
import type { ApiKeyRepository } from './repositories/api-key-repository.js';
import type { AssetPerformanceRepository } from './repositories/asset-performance-repository.js';
import type { AssetRepository } from './repositories/asset-repository.js';
import type { MarketDataRepository } from './repositories/market-data-repository.js';
import type { MlModelRepository } from './repositories/ml-model-repository.js';
import type { PredictionRepository } from './repositories/prediction-repository.js';
import type { TrainingDataRepository } from './repositories/training-data-repository.js';
import type { AuditRepository } from './repositories/audit-repository.js';
import type { FeatureFlagRepository } from './repositories/feature-flag-repository.js';
import type { HourlyPriceRepository } from './repositories/hourly-price-repository.js';
import type { NotificationRepository } from './repositories/notification-repository.js';
import type { OrganizationRepository } from './repositories/organization-repository.js';
import type { PasswordResetRepository } from './repositories/password-reset-repository.js';
import type { PriceHistoryRepository } from './repositories/price-history-repository.js';
import type { SessionRepository } from './repositories/session-repository.js';
import type { SigningKeyRepository } from './repositories/signing-key-repository.js';
import type { SiteRepository } from './repositories/site-repository.js';
import type { TradingKpiRepository } from './repositories/trading-kpi-repository.js';
import type { UserRepository } from './repositories/user-repository.js';
import type { SchemaDescription } from './schema-description.js';
import type { SqlExecutor } from './sql/executor.js';
import type { Dialect, Store, ZoneRepository } from './store.js';

/**
 * What both stores share: the repositories, written once over the dialect's SqlExecutor, and
 * transactions handing out repositories bound to the transaction. Subclasses add only what
 * differs by dialect: migrations, the schema reader, connection handling.
 */
export abstract class SqlStore implements Store {
  abstract readonly dialect: Dialect;
  abstract readonly target: string;
  readonly zones: ZoneRepository;
  readonly signingKeys: SigningKeyRepository;
  readonly audit: AuditRepository;
  readonly users: UserRepository;
  readonly organizations: OrganizationRepository;
  readonly sessions: SessionRepository;
  readonly passwordResets: PasswordResetRepository;
  readonly notifications: NotificationRepository;
  readonly featureFlags: FeatureFlagRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly marketData: MarketDataRepository;
  readonly priceHistory: PriceHistoryRepository;
  readonly alertRules: AlertRuleRepository;
  readonly sites: SiteRepository;
  readonly assets: AssetRepository;
  readonly assetPerformance: AssetPerformanceRepository;
  readonly bids: BidRepository;
  readonly mlModels: MlModelRepository;
  readonly predictions: PredictionRepository;
  readonly trainingData: TrainingDataRepository;
  readonly analyticsCache: AnalyticsCacheRepository;
  readonly hourlyPrices: HourlyPriceRepository;
  readonly tradingKpis: TradingKpiRepository;

  protected constructor(readonly sql: SqlExecutor) {
    const repositories = repositoriesOn(sql);
    this.zones = repositories.zones;
    this.signingKeys = repositories.signingKeys;
    this.audit = repositories.audit;
    this.users = repositories.users;
    this.organizations = repositories.organizations;
    this.sessions = repositories.sessions;
    this.passwordResets = repositories.passwordResets;
    this.notifications = repositories.notifications;
    this.featureFlags = repositories.featureFlags;
    this.apiKeys = repositories.apiKeys;
    this.marketData = repositories.marketData;
    this.priceHistory = repositories.priceHistory;
    this.alertRules = repositories.alertRules;
    this.sites = repositories.sites;
    this.assets = repositories.assets;
    this.assetPerformance = repositories.assetPerformance;
    this.bids = repositories.bids;
    this.mlModels = repositories.mlModels;
    this.predictions = repositories.predictions;
    this.trainingData = repositories.trainingData;
    this.analyticsCache = repositories.analyticsCache;
    this.hourlyPrices = repositories.hourlyPrices;
    this.tradingKpis = repositories.tradingKpis;
  }

  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.sql.transaction((tx) => work(repositoriesOn(tx)));
  }

  abstract migrate(): Promise<MigrationState>;
  abstract migrationState(): Promise<MigrationState>;
  abstract ping(): Promise<void>;
  abstract describeSchema(): Promise<SchemaDescription>;
  abstract isConnectionError(error: unknown): boolean;
  abstract isBusyError(error: unknown): boolean;
  /** The database software and version, e.g. "PostgreSQL 15.19". */
  abstract serverVersion(): Promise<string>;
  abstract close(): Promise<void>;
}
