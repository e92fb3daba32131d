/**
 * How long each kind of analytics answer is served from analytics_cache before it is computed
 * again. Recomputing costs tens of milliseconds; the cache is for the dashboards that ask again
 * on every refresh, and for the terminals of a floor sharing one PostgreSQL (one computes, the
 * others read).
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * A period that ended more than an hour ago (the grace for the last intervals' late
 * publications): its prices change only by an import (which forgets the cached answers at once,
 * storePriceFile) or a correction by other means, so six hours — such a correction shows within
 * a morning, while a day's dashboard refreshes are all served from the cache.
 */
export const CLOSED_PERIOD_TTL_MS = 6 * HOUR_MS;
const CLOSED_GRACE_MS = HOUR_MS;
/** A period reaching into the last hour or the future: prices arrive every market time unit (15 minutes at the finest), so five minutes. */
export const OPEN_PERIOD_TTL_MS = 5 * MINUTE_MS;
/**
 * KPIs: seconds. A bid of the organisation changing on this engine (or relayed to it) makes its
 * cached KPIs unservable at once and recomputes them (KpiPublisher), so the expiry only bounds
 * what no event announces here: another terminal's change without Redis, a day-ahead price
 * arriving for a submitted bid's periods.
 */
export const KPI_TTL_MS = 10_000;

/** The expiry of an answer about prices over [from, to) computed at `now`. */
export const periodTtlMs = (to: number, now: number): number => (to + CLOSED_GRACE_MS <= now ? CLOSED_PERIOD_TTL_MS : OPEN_PERIOD_TTL_MS);
