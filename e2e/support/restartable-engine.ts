import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthTokens } from '../../shared/api/auth.js';
import { STREAM_PATH } from '../../shared/api/stream.js';
import type { Engine } from '../../main/engine/engine.js';
import { listen } from '../../main/engine/listen.js';
import { testConfig } from '../../main/testing/environment.js';

/**
 * An engine in this process that can be stopped and started again on the same port and data
 * directory, as a terminal's engine restarts under an open page; for the renderer's stream client
 * run in Node.
 */
export class RestartableEngine {
  engine!: Engine;
  private port = 0;

  private constructor(private readonly dataDir: string) {}

  static async open(): Promise<RestartableEngine> {
    const restartable = new RestartableEngine(await mkdtemp(join(tmpdir(), 'optibid-e2e-stream-')));
    await restartable.start();
    return restartable;
  }

  /** Starts the engine again, on the port it had. */
  async start(): Promise<void> {
    const started = await listen(testConfig(this.dataDir, { OPTIBID_PORT: String(this.port) }));
    this.engine = started.engine;
    this.port = Number(new URL(started.url).port);
  }

  get streamUrl(): string {
    return `ws://127.0.0.1:${String(this.port)}${STREAM_PATH}`;
  }

  async register(email: string, displayName: string): Promise<AuthTokens> {
    const response = await this.engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email, password: 'correct horse battery staple', displayName } });
    return response.json<AuthTokens>();
  }

  async remove(): Promise<void> {
    await this.engine.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Makes `socket` the page's WebSocket (ws implements the browser's EventTarget interface); returns how to put the old one back. */
export function usePageWebSocket(socket: unknown): () => void {
  const global = globalThis as { WebSocket?: unknown };
  const previous = global.WebSocket;
  global.WebSocket = socket;
  return () => {
    global.WebSocket = previous;
  };
}
