import type { SqlExecutor } from '../sql/executor.js';
import { AlertRuleRepository } from './alert-rule-repository.js';
import { AnalyticsCacheRepository } from './analytics-cache-repository.js';
import { AssetPerformanceRepository } from './asset-performance-repository.js';
import { AssetRepository } from './asset-repository.js';
import { ApiKeyRepository } from './api-key-repository.js';
import { AuditRepository } from './audit-repository.js';
import { BidRepository } from './bid-repository.js';
import { FeatureFlagRepository } from './feature-flag-repository.js';
import { HourlyPriceRepository } from './hourly-price-repository.js';
import { MarketDataRepository } from './market-data-repository.js';
import { MlModelRepository } from './ml-model-repository.js';
import { NotificationRepository } from './notification-repository.js';
import { OrganizationRepository } from './organization-repository.js';
import { PasswordResetRepository } from './password-reset-repository.js';
import { PredictionRepository } from './prediction-repository.js';
import { PriceHistoryRepository } from './price-history-repository.js';
import { SessionRepository } from './session-repository.js';
import { SigningKeyRepository } from './signing-key-repository.js';
import { SiteRepository } from './site-repository.js';
import { TrainingDataRepository } from './training-data-repository.js';
import { TradingKpiRepository } from './trading-kpi-repository.js';
import { UserRepository } from './user-repository.js';
import type { ZoneRepository } from '../store.js';
import { SqlZoneRepository } from './zone-repository.js';

/** Every repository, written once over portable SQL, bound to one executor (or transaction). */
export interface Repositories {
  zones: ZoneRepository;
  signingKeys: SigningKeyRepository;
  audit: AuditRepository;
  users: UserRepository;
  organizations: OrganizationRepository;
  sessions: SessionRepository;
  passwordResets: PasswordResetRepository;
  notifications: NotificationRepository;
  featureFlags: FeatureFlagRepository;
  apiKeys: ApiKeyRepository;
  marketData: MarketDataRepository;
  priceHistory: PriceHistoryRepository;
  alertRules: AlertRuleRepository;
  sites: SiteRepository;
  assets: AssetRepository;
  assetPerformance: AssetPerformanceRepository;
  bids: BidRepository;
  mlModels: MlModelRepository;
  predictions: PredictionRepository;
  trainingData: TrainingDataRepository;
  analyticsCache: AnalyticsCacheRepository;
  hourlyPrices: HourlyPriceRepository;
  tradingKpis: TradingKpiRepository;
}

export function repositoriesOn(sql: SqlExecutor): Repositories {
  return {
    zones: new SqlZoneRepository(sql),
    signingKeys: new SigningKeyRepository(sql),
    audit: new AuditRepository(sql),
    users: new UserRepository(sql),
    organizations: new OrganizationRepository(sql),
    sessions: new SessionRepository(sql),
    passwordResets: new PasswordResetRepository(sql),
    notifications: new NotificationRepository(sql),
    featureFlags: new FeatureFlagRepository(sql),
    apiKeys: new ApiKeyRepository(sql),
    marketData: new MarketDataRepository(sql),
    priceHistory: new PriceHistoryRepository(sql),
    alertRules: new AlertRuleRepository(sql),
    sites: new SiteRepository(sql),
    assets: new AssetRepository(sql),
    assetPerformance: new AssetPerformanceRepository(sql),
    bids: new BidRepository(sql),
    mlModels: new MlModelRepository(sql),
    predictions: new PredictionRepository(sql),
    trainingData: new TrainingDataRepository(sql),
    analyticsCache: new AnalyticsCacheRepository(sql),
    hourlyPrices: new HourlyPriceRepository(sql),
    tradingKpis: new TradingKpiRepository(sql),
  };
}
