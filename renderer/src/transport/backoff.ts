/** Reconnection schedule of the event stream: exponential backoff with full jitter (AWS architecture blog). */
export const RECONNECT = { baseMs: 500, capMs: 10_000, maxAttempts: 5 } as const;

/**
 * The wait before reconnection attempt `attempt` (1-based): uniformly random between 0 and
 * min(cap, base * 2^(attempt-1)), so a floor of terminals that lost the engine together does
 * not come back in lockstep.
 */
export function reconnectDelay(attempt: number, random: () => number, { baseMs, capMs } = RECONNECT): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
