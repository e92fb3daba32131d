import type { AlertRule, AlertRuleBody, AlertRuleList, RecentAlerts } from '../../../shared/api/alert-rules.js';
import type { ApiKeyList, CreateApiKeyBody, CreatedApiKey } from '../../../shared/api/api-keys.js';
import type { AccessTokenGrant, AuthTokens, ChangePasswordBody, LoginBody, RegisterBody, SessionList, UserProfile } from '../../../shared/api/auth.js';
import type { HealthReport } from '../../../shared/api/health.js';
import type { CandleQuery, CandleSeries, DayAheadProfile, DayAheadQuery } from '../../../shared/api/market-data.js';
import type { NotificationPreferences } from '../../../shared/api/notifications.js';
import type { CreateOrganizationBody, Organization } from '../../../shared/api/organizations.js';
import type { ResolveConflictBody, SyncConflict, SyncConflictList, SyncQueue } from '../../../shared/api/sync.js';
import type { ConnectionSettings, ConnectionTestResult } from '../../../shared/api/terminal.js';
import type { ZoneList } from '../../../shared/api/zones.js';
import { transport } from '../transport/index.js';

const queryString = (query: object): string => new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string')).toString();

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

  connection: () => transport.request<ConnectionSettings>('GET', '/api/terminal/connection'),
  testConnection: (databaseUrl: string) => transport.request<ConnectionTestResult>('POST', '/api/terminal/connection/test', { databaseUrl }),
  saveConnection: (databaseUrl: string | null) => transport.request<ConnectionSettings>('PUT', '/api/terminal/connection', { databaseUrl }),

  syncQueue: () => transport.request<SyncQueue>('GET', '/api/sync/queue'),
  syncConflicts: () => transport.request<SyncConflictList>('GET', '/api/sync/conflicts'),
  resolveConflict: (id: string, body: ResolveConflictBody) => transport.request<SyncConflict>('POST', `/api/sync/conflicts/${encodeURIComponent(id)}/resolve`, body),
};
