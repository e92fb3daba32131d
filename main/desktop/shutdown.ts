import type { Logger } from 'pino';

export type CloseOutcome = 'closed' | 'timed-out' | 'failed';

/** How long quitting waits for the engine before the app exits anyway. */
export const SHUTDOWN_TIMEOUT_MS = 5000;

/**
 * Closes the engine, but waits no longer than timeoutMs: a stuck database connection must not
 * keep a trader's terminal from quitting. Nothing is lost by giving up: writes not yet sent sit
 * in the local outbox (SQLite, synchronous=FULL) and are replayed at the next start.
 */
export async function closeWithin(close: () => Promise<void>, timeoutMs: number, logger: Logger): Promise<CloseOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CloseOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  const closed = Promise.resolve()
    .then(close)
    .then(
      (): CloseOutcome => 'closed',
      (error: unknown): CloseOutcome => {
        logger.error({ err: error }, 'The engine failed to close cleanly; exiting anyway');
        return 'failed';
      },
    );
  const outcome = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timed-out') logger.warn({ timeoutMs }, 'The engine did not close in time; exiting anyway (queued writes stay in the outbox for the next start)');
  else if (outcome === 'closed') logger.info('The engine closed');
  return outcome;
}
