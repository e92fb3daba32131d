import type { EngineConfig } from '../engine/config/load.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { StartupError } from './startup-error.js';

export const LISTEN_HOST = '127.0.0.1';

/** Runs the engine on the loopback interface only; resolves with the engine and its URL. */
export async function listen(config: EngineConfig): Promise<{ engine: Engine; url: string }> {
  const engine = await createEngine(config);
  try {
    await engine.app.listen({ host: LISTEN_HOST, port: config.port });
  } catch (error) {
    await engine.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(`OPTIBID_PORT: port ${config.port} on ${LISTEN_HOST} is already in use; choose another port (0 picks a free one)`);
    }
    throw error;
  }
  const address = engine.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { engine, url: `http://${LISTEN_HOST}:${port}/` };
}

/** Closes the engine on SIGINT/SIGTERM so connections and the SQLite WAL are released cleanly. */
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
