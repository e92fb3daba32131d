import type { Engine } from '../engine/engine.js';

/** Headless runs: close the engine on SIGINT/SIGTERM so connections and the SQLite WAL are released. */
export function closeOnSignals(engine: Engine): void {
  const shutdown = (signal: NodeJS.Signals): void => {
    engine.logger.info({ signal }, 'shutting down');
    engine.close().then(
      () => process.exit(0),
      (error: unknown) => {
        engine.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
