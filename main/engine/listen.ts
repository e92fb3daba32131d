import type { EngineConfig } from './config/load.js';
import { createEngine, type Engine, type EngineOptions } from './engine.js';
import { StartupError } from './startup-error.js';

/** The engine's API is for this machine only: it never listens beyond loopback. */
export const LISTEN_HOST = '127.0.0.1';

/** Creates the engine and serves it on loopback; resolves with the engine and its URL. */
export async function listen(config: EngineConfig, options: EngineOptions = {}): Promise<{ engine: Engine; url: string }> {
  const engine = await createEngine(config, options);
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
