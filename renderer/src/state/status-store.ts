import { create } from 'zustand';
import type { HealthReport } from '../../../shared/api/health.js';
import type { ApiRoot } from '../../../shared/api/meta.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { engineApi, type EngineApi } from '../api/engine-api.js';

export type StatusSource = 'meta' | 'health' | 'zones';

export interface StatusState {
  meta: ApiRoot | null;
  health: HealthReport | null;
  /** When the current health report arrived, in browser milliseconds. */
  healthReceivedAt: number | null;
  zones: MarketZone[] | null;
  /** The last failure of each source, cleared by its next success. */
  errors: Record<StatusSource, string | null>;
  /** One polling round: health every time, name/version and zones until received once. */
  poll: (signal: AbortSignal) => Promise<void>;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createStatusStore(api: EngineApi) {
  return create<StatusState>()((set, get) => {
    const load = async <T>(source: StatusSource, request: () => Promise<T>, apply: (data: T) => Partial<StatusState>, signal: AbortSignal): Promise<void> => {
      try {
        const data = await request();
        if (signal.aborted) return;
        set({ ...apply(data), errors: { ...get().errors, [source]: null } });
      } catch (error) {
        // A cancelled request is the page going away, not a failure to show.
        if (signal.aborted) return;
        set({ errors: { ...get().errors, [source]: messageOf(error) } });
      }
    };

    return {
      meta: null,
      health: null,
      healthReceivedAt: null,
      zones: null,
      errors: { meta: null, health: null, zones: null },
      poll: async (signal) => {
        const { meta, zones } = get();
        // Name, version and the zone catalogue do not change while the engine runs.
        await Promise.all([
          load('health', () => api.health(signal), (health) => ({ health, healthReceivedAt: Date.now() }), signal),
          meta ? undefined : load('meta', () => api.root(signal), (root) => ({ meta: root }), signal),
          zones ? undefined : load('zones', () => api.zones(signal), (list) => ({ zones: list.zones }), signal),
        ]);
      },
    };
  });
}

export const useStatusStore = createStatusStore(engineApi);
