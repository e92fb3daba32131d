import type { Logger } from 'pino';
import type { EngineConfig } from '../engine/config/load.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { LISTEN_HOST } from '../engine/listen.js';
import { StartupError } from '../engine/startup-error.js';

/**
 * The engine inside the desktop app: as `listen` starts it for `optibid serve`, but with the
 * app's logger (the log file), which `listen` has no way to take. It still serves its API on
 * 127.0.0.1 at OPTIBID_PORT for other tools on this machine; the app's own page reaches it
 * over IPC.
 */
export async function serveEngine(config: EngineConfig, logger: Logger): Promise<{ engine: Engine; url: string }> {
  const engine = await createEngine(config, { logger });
  try {
    await engine.app.listen({ host: LISTEN_HOST, port: config.port });
  } catch (error) {
    await engine.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(`OPTIBID_PORT: port ${config.port} on ${LISTEN_HOST} is already in use (another OptiBid engine, or another program); choose another port (0 picks a free one)`);
    }
    throw error;
  }
  const address = engine.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { engine, url: `http://${LISTEN_HOST}:${port}/` };
}
