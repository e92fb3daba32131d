import { createServer, get } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testConfig, type TempDir } from '../testing/environment.js';
import { createEngine } from './engine.js';

/** Sockets and servers alive in this process. */
const liveSockets = (): string[] => process.getActiveResourcesInfo().filter((kind) => kind.startsWith('TCP'));

async function settled<T>(read: () => T, expected: T, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  let value = read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = read();
  }
  return value;
}

describe('engine lifecycle', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('close() releases its sockets and server and stops every background probe', async () => {
    let probes = 0;
    const mlflow = createServer((_request, response) => {
      probes += 1;
      response.writeHead(503).end();
    });
    await new Promise<void>((resolve) => mlflow.listen(0, '127.0.0.1', resolve));
    const mlflowPort = (mlflow.address() as { port: number }).port;
    const before = liveSockets();

    const engine = await createEngine(testConfig(dir.path, { MLFLOW_TRACKING_URI: `http://127.0.0.1:${mlflowPort}`, OPTIBID_PROBE_MAX_BACKOFF_MS: '1000' }));
    await engine.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (engine.app.server.address() as { port: number }).port;
    await new Promise((resolve, reject) => get({ host: '127.0.0.1', port, path: '/health', agent: false }, (response) => response.resume().on('end', resolve)).on('error', reject));
    await settled(() => probes > 0, true, 2000);

    await engine.close();
    expect(await settled(liveSockets, before, 1000)).toEqual(before);
    const probesAtClose = probes;
    // The failing service would be probed again within the 1 s backoff if a timer survived.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(probes).toBe(probesAtClose);
    await new Promise<void>((resolve) => mlflow.close(() => resolve()));
  });

  it('close() may be called more than once', async () => {
    const engine = await createEngine(testConfig(dir.path));
    await Promise.all([engine.close(), engine.close()]);
    await engine.close();
  });
});
