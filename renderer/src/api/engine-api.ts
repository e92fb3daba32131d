import type { HealthReport } from '../../../shared/api/health.js';
import type { ApiRoot } from '../../../shared/api/meta.js';
import type { ZoneList } from '../../../shared/api/zones.js';
import { getJson } from './http.js';

/** The engine routes the status page reads; an interface so the store can be given a fake. */
export interface EngineApi {
  root(signal?: AbortSignal): Promise<ApiRoot>;
  health(signal?: AbortSignal): Promise<HealthReport>;
  zones(signal?: AbortSignal): Promise<ZoneList>;
}

// In browser mode the engine serves this page, so its routes are on the page's own origin.
export const engineApi: EngineApi = {
  root: (signal) => getJson<ApiRoot>('/', { signal }),
  // 503 still carries the whole report: it is how the engine says the database is down.
  health: (signal) => getJson<HealthReport>('/health', { signal, okStatuses: [200, 503] }),
  zones: (signal) => getJson<ZoneList>('/api/market-data/zones', { signal }),
};
