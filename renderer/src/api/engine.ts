import type { AnomalyQuery, AnomalyReport, CrossMarketAnalysis, CrossMarketQuery, MarketAnalytics, MarketAnalyticsQuery, TradingDaySettings, TradingKpis } from '../../../shared/api/analytics.js';
import type { AlertRule, AlertRuleBody, AlertRuleList, RecentAlerts } from '../../../shared/api/alert-rules.js';
import type { Asset, AssetBody, AssetList, AssetPerformance, AssetUpdateBody } from '../../../shared/api/assets.js';
import type { ApiKeyList, CreateApiKeyBody, CreatedApiKey } from '../../../shared/api/api-keys.js';
import type { AccessTokenGrant, AuthTokens, ChangePasswordBody, LoginBody, RegisterBody, SessionList, UserProfile } from '../../../shared/api/auth.js';
import type { BidStatus } from '../../../shared/api/bid-events.js';
import type { Bid, BidList, BidWarningThresholds, CopyDayBody, CopyDayResult, CreateBidBody, SubmitBidBody, UpdateBidBody } from '../../../shared/api/bids.js';
import type { HealthReport } from '../../../shared/api/health.js';
import type { CandleQuery, CandleSeries, DayAheadProfile, DayAheadQuery } from '../../../shared/api/market-data.js';
import type { Comparison, CompareBody, ModelArchitecture, ModelInfo, ModelList, PredictBody, Prediction, RecalibrateBody, TrainAccepted, TrainBody, TrainingJobList, TrainingJobStatus } from '../../../shared/api/ml.js';
import type { NotificationPreferences } from '../../../shared/api/notifications.js';
import type { CreateOrganizationBody, Organization } from '../../../shared/api/organizations.js';
import type { Site, SiteBody, SiteList, SiteUpdateBody } from '../../../shared/api/sites.js';
import type { ResolveConflictBody, SyncConflict, SyncConflictList, SyncQueue } from '../../../shared/api/sync.js';
import type { ConnectionSettings, ConnectionTestResult } from '../../../shared/api/terminal.js';
import type { ZoneList } from '../../../shared/api/zones.js';
import { transport } from '../transport/index.js';

/** The query's string and number values as URL parameters; what is left out (undefined) is not sent. */
const queryString = (query: object): string =>
  new URLSearchParams(
    Object.entries(query).flatMap(([name, value]): [string, string][] => (typeof value === 'string' ? [[name, value]] : typeof value === 'number' ? [[name, String(value)]] : [])),
  ).toString();

/** Waits for answers that are computed, not looked up: a forecast of a day, and a comparison over up to two years of days. */
const FORECAST_TIMEOUT_MS = 60_000;
const COMPARE_TIMEOUT_MS = 300_000;

/** Bid filters: `status` repeats, one parameter per status, as the engine's query schema reads arrays. */
export interface BidFilters {
  status: readonly BidStatus[];
  zoneId?: string;
  from?: string;
  to?: string;
}

const bidQueryString = ({ status, ...rest }: BidFilters): string => {
  const params = new URLSearchParams(queryString(rest));
  for (const value of status) params.append('status', value);
  return params.toString();
};

/** The engine's routes the pages use, typed from the shared schemas; the transport decides how they travel. */
export const engine = {
  health: () => transport.request<HealthReport>('GET', '/health', undefined, { okStatuses: [200, 503] }),
  zones: () => transport.request<ZoneList>('GET', '/api/market-data/zones'),
  candles: (query: CandleQuery) => transport.request<CandleSeries>('GET', `/api/market-data?${queryString(query)}`),
  dayAhead: (query: DayAheadQuery) => transport.request<DayAheadProfile>('GET', `/api/market-data/day-ahead?${queryString(query)}`),

  register: (body: RegisterBody) => transport.request<AuthTokens>('POST', '/api/auth/register', body),
  login: (body: LoginBody) => transport.request<AuthTokens>('POST', '/api/auth/login', body),
  refresh: (refreshToken: string) => transport.request<AuthTokens>('POST', '/api/auth/refresh', { refreshToken }),
  logout: () => transport.request<null>('POST', '/api/auth/logout', {}),
  me: () => transport.request<UserProfile>('GET', '/api/auth/me'),
  rename: (displayName: string) => transport.request<UserProfile>('PUT', '/api/auth/me', { displayName }),
  changePassword: (body: ChangePasswordBody) => transport.request<null>('POST', '/api/auth/password', body),
  requestPasswordReset: (email: string) => transport.request<{ message: string }>('POST', '/api/auth/password-reset/request', { email }),
  confirmPasswordReset: (token: string, newPassword: string) => transport.request<null>('POST', '/api/auth/password-reset/confirm', { token, newPassword }),
  sessions: () => transport.request<SessionList>('GET', '/api/auth/sessions'),
  revokeSession: (id: string) => transport.request<null>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`),
  switchOrganization: (organizationId: string) => transport.request<AccessTokenGrant>('PUT', '/api/auth/current-organization', { organizationId }),
  createOrganization: (body: CreateOrganizationBody) => transport.request<Organization>('POST', '/api/organizations', body),

  notificationPreferences: () => transport.request<NotificationPreferences>('GET', '/api/auth/me/notification-preferences'),
  saveNotificationPreferences: (preferences: NotificationPreferences) => transport.request<NotificationPreferences>('PUT', '/api/auth/me/notification-preferences', preferences),

  apiKeys: () => transport.request<ApiKeyList>('GET', '/api/api-keys'),
  createApiKey: (body: CreateApiKeyBody) => transport.request<CreatedApiKey>('POST', '/api/api-keys', body),
  revokeApiKey: (id: string) => transport.request<null>('DELETE', `/api/api-keys/${encodeURIComponent(id)}`),

  alertRules: () => transport.request<AlertRuleList>('GET', '/api/alerts/rules'),
  createAlertRule: (body: AlertRuleBody) => transport.request<AlertRule>('POST', '/api/alerts/rules', body),
  replaceAlertRule: (id: string, body: AlertRuleBody) => transport.request<AlertRule>('PUT', `/api/alerts/rules/${encodeURIComponent(id)}`, body),
  deleteAlertRule: (id: string) => transport.request<null>('DELETE', `/api/alerts/rules/${encodeURIComponent(id)}`),
  recentAlerts: () => transport.request<RecentAlerts>('GET', '/api/alerts/recent?limit=20'),

  bids: (filters: BidFilters) => transport.request<BidList>('GET', `/api/bids?${bidQueryString(filters)}`),
  bid: (id: string) => transport.request<Bid>('GET', `/api/bids/${encodeURIComponent(id)}`),
  createBid: (body: CreateBidBody) => transport.request<Bid>('POST', '/api/bids', body),
  updateBid: (id: string, body: UpdateBidBody) => transport.request<Bid>('PUT', `/api/bids/${encodeURIComponent(id)}`, body),
  deleteBid: (id: string, version: number) => transport.request<null>('DELETE', `/api/bids/${encodeURIComponent(id)}?version=${String(version)}`),
  submitBid: (id: string, body: SubmitBidBody) => transport.request<Bid>('POST', `/api/bids/${encodeURIComponent(id)}/submit`, body),
  cancelBid: (id: string, version: number) => transport.request<Bid>('POST', `/api/bids/${encodeURIComponent(id)}/cancel`, { version }),
  copyBidDay: (body: CopyDayBody) => transport.request<CopyDayResult>('POST', '/api/bids/copy-day', body),
  bidWarningThresholds: () => transport.request<BidWarningThresholds>('GET', '/api/bid-warning-thresholds'),
  saveBidWarningThresholds: (body: BidWarningThresholds) => transport.request<BidWarningThresholds>('PUT', '/api/bid-warning-thresholds', body),
  tradingDay: () => transport.request<TradingDaySettings>('GET', '/api/trading-day'),
  saveTradingDay: (body: TradingDaySettings) => transport.request<TradingDaySettings>('PUT', '/api/trading-day', body),

  connection: () => transport.request<ConnectionSettings>('GET', '/api/terminal/connection'),
  testConnection: (databaseUrl: string) => transport.request<ConnectionTestResult>('POST', '/api/terminal/connection/test', { databaseUrl }),
  saveConnection: (databaseUrl: string | null) => transport.request<ConnectionSettings>('PUT', '/api/terminal/connection', { databaseUrl }),

  sites: () => transport.request<SiteList>('GET', '/api/sites'),
  siteById: (id: string) => transport.request<Site>('GET', `/api/sites/${encodeURIComponent(id)}`),
  createSite: (body: SiteBody) => transport.request<Site>('POST', '/api/sites', body),
  replaceSite: (id: string, body: SiteUpdateBody) => transport.request<Site>('PUT', `/api/sites/${encodeURIComponent(id)}`, body),
  deleteSite: (id: string) => transport.request<null>('DELETE', `/api/sites/${encodeURIComponent(id)}`),
  /** Filters as the page's URL keeps them: the engine checks their values. */
  assets: (query: Partial<Record<'kind' | 'zoneId' | 'siteId' | 'status', string>> = {}) => transport.request<AssetList>('GET', `/api/assets?${queryString(query)}`),
  asset: (id: string) => transport.request<Asset>('GET', `/api/assets/${encodeURIComponent(id)}`),
  createAsset: (body: AssetBody) => transport.request<Asset>('POST', '/api/assets', body),
  replaceAsset: (id: string, body: AssetUpdateBody) => transport.request<Asset>('PUT', `/api/assets/${encodeURIComponent(id)}`, body),
  deleteAsset: (id: string) => transport.request<null>('DELETE', `/api/assets/${encodeURIComponent(id)}`),
  assetPerformance: (id: string, from: string, to: string) => transport.request<AssetPerformance>('GET', `/api/assets/${encodeURIComponent(id)}/performance?${queryString({ from, to })}`),
  /** The asset's bids, newest first (the engine's order); the most the route gives at once. */
  bidsOfAsset: (assetId: string) => transport.request<BidList>('GET', `/api/bids?${queryString({ assetId, limit: '500' })}`),
  syncQueue: () => transport.request<SyncQueue>('GET', '/api/sync/queue'),
  syncConflicts: () => transport.request<SyncConflictList>('GET', '/api/sync/conflicts'),
  resolveConflict: (id: string, body: ResolveConflictBody) => transport.request<SyncConflict>('POST', `/api/sync/conflicts/${encodeURIComponent(id)}/resolve`, body),

  marketAnalytics: (query: MarketAnalyticsQuery) => transport.request<MarketAnalytics>('GET', `/api/analytics/market-analytics?${queryString(query)}`),
  anomalies: (query: AnomalyQuery) => transport.request<AnomalyReport>('GET', `/api/analytics/anomaly-detection?${queryString(query)}`),
  crossMarket: (query: CrossMarketQuery) => transport.request<CrossMarketAnalysis>('GET', `/api/analytics/cross-market-analysis?${queryString(query)}`),
  tradingKpis: () => transport.request<TradingKpis>('GET', '/api/analytics/real-time-kpis'),

  trainModel: (architecture: ModelArchitecture, body: TrainBody) => transport.request<TrainAccepted>('POST', `/api/ml/train/${architecture}`, body),
  trainingJobs: () => transport.request<TrainingJobList>('GET', '/api/ml/jobs'),
  cancelTraining: (jobId: string) => transport.request<TrainingJobStatus>('POST', `/api/ml/jobs/${encodeURIComponent(jobId)}/cancel`, {}),
  models: (zone: string) => transport.request<ModelList>('GET', `/api/ml/models?${queryString({ zone })}`),
  modelInfo: (id: string) => transport.request<ModelInfo>('GET', `/api/ml/models/${encodeURIComponent(id)}/info`),
  /** The model file, to import on another terminal. */
  exportModel: (id: string) => transport.download(`/api/ml/models/${encodeURIComponent(id)}/export`),
  deleteModel: (id: string) => transport.request<null>('DELETE', `/api/ml/models/${encodeURIComponent(id)}`),
  recalibrateModel: (id: string, body: RecalibrateBody) => transport.request<TrainAccepted>('POST', `/api/ml/models/${encodeURIComponent(id)}/recalibrate`, body),
  // A network forecasts in a worker thread, and a comparison forecasts every model on every day: longer than a lookup.
  predict: (architecture: ModelArchitecture, modelId: string, body: PredictBody) =>
    transport.request<Prediction>('POST', `/api/ml/predict/${architecture}/${encodeURIComponent(modelId)}`, body, { timeoutMs: FORECAST_TIMEOUT_MS }),
  compareModels: (body: CompareBody) => transport.request<Comparison>('POST', '/api/ml/compare', body, { timeoutMs: COMPARE_TIMEOUT_MS }),
};
