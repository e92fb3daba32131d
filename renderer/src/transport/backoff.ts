/**
 * Reconnection schedule of the event stream: exponential backoff with full jitter (AWS
 * architecture blog). The first wait is spread over 2 s so that a floor of 500 terminals losing
 * the engine together puts about 5% of its attempts in any 100 ms (RELIABILITY 12 allows 10%;
 * with 500 ms it was 25%: e2e/reconnect-storm.test.ts); five attempts cover up to 30 s of outage,
 * after which the terminal says the engine is gone and offers Retry.
 */
export const RECONNECT = { baseMs: 2000, capMs: 8000, maxAttempts: 5 } as const;

/**
 * The wait before reconnection attempt `attempt` (1-based): uniformly random between 0 and
 * min(cap, base * 2^(attempt-1)), so a floor of terminals that lost the engine together does
 * not come back in lockstep.
 */
export function reconnectDelay(attempt: number, random: () => number, { baseMs, capMs } = RECONNECT): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
