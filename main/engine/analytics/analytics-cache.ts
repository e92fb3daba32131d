import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import type { AnalyticsKind } from '../db/repositories/analytics-cache-repository.js';
// Value.Check knows only the string formats registered with TypeBox: the answers' date-time and uuid.
import '../schema-formats.js';

/** What an answer is cached under: its kind, the request's normalised parameters and, for an organisation's own data, the organisation. */
export interface CacheSpec<S extends TSchema> {
  kind: AnalyticsKind;
  /** Normalised: built in a fixed key order from checked values, so equal requests give equal keys. */
  params: Record<string, unknown>;
  organizationId: string | null;
  ttlMs: number;
  /** The answer's schema: a cached payload that no longer fits it (another build wrote it) is computed again. */
  schema: S;
}

/** When an answer was computed and until when it is served. */
export interface Freshness {
  computedAt: string;
  expiresAt: string;
}

export const cacheKey = (kind: AnalyticsKind, params: Record<string, unknown>, organizationId: string | null): string => `${kind}:${organizationId ?? '*'}:${JSON.stringify(params)}`;

/**
 * Read-through cache of analytics answers in analytics_cache: an unexpired entry is served, else
 * the answer is computed, returned, and stored on the way (failing to store never fails the
 * request: offline, the entry goes to the local cache; if even that fails, the answer is just
 * not kept). Expired entries are swept with each store, by the expiry index.
 */
export class AnalyticsCache {
  constructor(
    private readonly databases: Databases,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async through<S extends TSchema>(spec: CacheSpec<S>, compute: () => Promise<Omit<Static<S>, keyof Freshness>>): Promise<Static<S>> {
    const key = cacheKey(spec.kind, spec.params, spec.organizationId);
    const now = this.clock.now();
    const cached = await this.databases.read((store) => store.analyticsCache.get(key, now));
    if (cached && Value.Check(spec.schema, cached.payload)) return cached.payload;
    return this.store(spec, key, now, await compute());
  }

  /** Computes again whatever is cached, and stores it (an event said the data changed). */
  async refresh<S extends TSchema>(spec: CacheSpec<S>, compute: () => Promise<Omit<Static<S>, keyof Freshness>>): Promise<Static<S>> {
    const now = this.clock.now();
    return this.store(spec, cacheKey(spec.kind, spec.params, spec.organizationId), now, await compute());
  }

  private async store<S extends TSchema>(spec: CacheSpec<S>, key: string, now: Date, figures: Omit<Static<S>, keyof Freshness>): Promise<Static<S>> {
    const expiresAt = new Date(now.getTime() + spec.ttlMs);
    const payload: Record<string, unknown> = { ...figures, computedAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
    try {
      await this.databases.writeFacts(async (store) => {
        await store.analyticsCache.sweep(now);
        await store.analyticsCache.put({ key, kind: spec.kind, organizationId: spec.organizationId, params: spec.params, payload, computedAt: now, expiresAt });
      });
    } catch (error) {
      this.logger.warn({ err: error, kind: spec.kind }, 'An analytics answer could not be cached; it is answered all the same and computed again next time');
    }
    return payload;
  }
}
