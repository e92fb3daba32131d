import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileFunction } from 'node:vm';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import { IpcChannels, type MenuCommand, type OptibidBridge, type UpdateStatus } from '../../../shared/api/ipc.js';
import type { StreamEvent, StreamServerMessage } from '../../../shared/api/stream.js';
import type preloadModule from '../../../preload/index.cjs';
import { appRoot } from '../../engine/app-paths.js';
import { createEngine, type Engine } from '../../engine/engine.js';
import { capturingLogger, tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { registerDesktopIpc, type IpcEventLike, type IpcMainLike } from './register-ipc.js';
import { StreamBridge, type StreamPeer } from './stream-bridge.js';
import { eventually } from '../../testing/eventually.js';

type PreloadIpc = Parameters<(typeof preloadModule)['createOptibidBridge']>[0];
type Handler = (event: IpcEventLike, ...args: unknown[]) => unknown;

/**
 * Electron's IPC cannot run here, so this stands in for the wire alone: messages cross it
 * structured-cloned and asynchronously, as they do between processes. On either end is the
 * real code: the preload's bridge, the main process's handlers, the stream bridge, the engine.
 */
class Wire {
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Handler>();
  private nextPeer = 1;
  readonly ipcMain: IpcMainLike = {
    handle: (channel, handler) => void this.handlers.set(channel, handler),
    on: (channel, listener) => this.listeners.set(channel, listener),
  };

  /** A page (WebContents) showing frameUrl, and its preload's view of IPC. */
  page(frameUrl: string): { peer: StreamPeer & { push(channel: string, payload: unknown): void }; ipc: PreloadIpc } {
    const rendererListeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
    const deliver = (channel: string, payload: unknown): void => {
      const copy = structuredClone(payload);
      setImmediate(() => {
        for (const listener of rendererListeners.get(channel) ?? []) listener({ note: 'an IpcRendererEvent' }, copy);
      });
    };
    const peer = { id: this.nextPeer++, send: deliver, push: deliver, isDestroyed: () => false, once: () => undefined };
    const event: IpcEventLike = { sender: peer, senderFrame: { url: frameUrl } };
    const ipc: PreloadIpc = {
      invoke: async (channel, ...args) => {
        const handler = this.handlers.get(channel);
        if (!handler) throw new Error(`No handler for ${channel}`);
        await new Promise((resolve) => setImmediate(resolve));
        return structuredClone(await handler(event, ...structuredClone(args)));
      },
      send: (channel, ...args) => {
        const copy = structuredClone(args);
        setImmediate(() => this.listeners.get(channel)?.(event, ...copy));
      },
      on: (channel, listener) => rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]),
    };
    return { peer, ipc };
  }
}

const VERSIONS = { electron: '41.10.0', chrome: '146.0.0.0' };

/** The preload's source compiled as `tsc` compiles it (CommonJS), once. */
const PRELOAD_JS = ts.transpileModule(readFileSync(join(appRoot, 'preload', 'index.cts'), 'utf8'), {
  fileName: 'index.cts',
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023 },
}).outputText;

/**
 * Runs the preload the way Electron runs a sandboxed one: compiled as a function of require,
 * process, exports and module, where require knows 'electron' and nothing else (Electron's
 * sandbox answers "module not found" for a sibling file, so a preload that needed one would
 * fail here too). Returns what it exposed with contextBridge and what it required.
 */
function runPreload(processType: string | undefined, ipc: PreloadIpc | null): { exposed: Map<string, unknown>; required: string[]; exports: unknown } {
  const exposed = new Map<string, unknown>();
  const required: string[] = [];
  const electronInSandbox = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer: ipc };
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (name === 'electron') return electronInSandbox;
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} as unknown };
  const run = compileFunction(PRELOAD_JS, ['require', 'process', 'exports', 'module']) as (...args: unknown[]) => void;
  run(sandboxRequire, { type: processType, versions: VERSIONS }, module.exports, module);
  return { exposed, required, exports: module.exports };
}

describe('the preload’s window.optibid against the main process and a real engine', () => {
  let dir: TempDir;
  let engine: Engine;
  let stream: StreamBridge;
  const wire = new Wire();
  const updateStatus: UpdateStatus = { state: 'idle', checkedAt: null };
  let installs = 0;
  const log = capturingLogger();
  /** A window showing frameUrl, with the preload run in it (again on each call: a reload). */
  const open = (frameUrl = 'app://optibid/'): { bridge: OptibidBridge; peer: ReturnType<Wire['page']>['peer'] } => {
    const { peer, ipc } = wire.page(frameUrl);
    return { bridge: runPreload('renderer', ipc).exposed.get('optibid') as OptibidBridge, peer };
  };
  const statusListeners = (): number => engine.events.listenerCount('terminal-status');

  beforeAll(async () => {
    dir = await tempDir();
    engine = await createEngine(testConfig(dir.path));
    stream = new StreamBridge((send) => engine.openStream(send), log.logger);
    registerDesktopIpc(wire.ipcMain, {
      engineApp: engine.app,
      stream,
      appVersion: () => '0.1.0',
      updates: { check: async () => updateStatus, install: () => void (installs += 1) },
      openLogs: async () => undefined,
      logger: log.logger,
    });
  });
  afterAll(async () => {
    stream.closeAll();
    await engine.close();
    await dir.remove();
  });

  it('runs as a sandboxed preload: requires electron only, exposes window.optibid alone; under plain Node it requires nothing', () => {
    const { ipc } = wire.page('app://optibid/');
    const inElectron = runPreload('renderer', ipc);
    expect(inElectron.required).toEqual(['electron']);
    expect([...inElectron.exposed.keys()]).toEqual(['optibid']);
    const underNode = runPreload(undefined, null);
    expect(underNode.required).toEqual([]);
    expect(underNode.exposed.size).toBe(0);
    expect(Object.keys(underNode.exports as object)).toEqual(['createOptibidBridge']);
  });

  it('exposes exactly the contract: named functions, no ipcRenderer, no channel names', () => {
    const { bridge } = open();
    expect(Object.keys(bridge).sort()).toEqual(['app', 'authenticate', 'request', 'shell', 'subscribe', 'versions']);
    expect(Object.keys(bridge.app).sort()).toEqual(['checkForUpdates', 'installUpdate', 'onMenuCommand', 'onUpdateStatus', 'openLogs', 'version']);
    expect(bridge.shell).toBe('electron');
    expect(bridge.versions).toEqual(VERSIONS);
    expect(JSON.stringify(bridge)).not.toMatch(/optibid:/);
  });

  it('sends requests through the engine’s routes, with the access token given to authenticate', async () => {
    const { bridge } = open();
    expect(await bridge.request('GET', '/health')).toMatchObject({ status: 200, body: { status: expect.any(String) as unknown } });
    const registered = await bridge.request('POST', '/api/auth/register', { email: 'preload@desk.example', password: 'correct horse battery staple', displayName: 'Preload' });
    expect(registered.status).toBe(201);
    expect(await bridge.request('GET', '/api/auth/me')).toMatchObject({ status: 401 });
    bridge.authenticate((registered.body as AuthTokens).accessToken);
    expect(await bridge.request('GET', '/api/auth/me')).toMatchObject({ status: 200, body: { email: 'preload@desk.example' } });
    bridge.authenticate(null);
    expect(await bridge.request('GET', '/api/auth/me')).toMatchObject({ status: 401 });
    expect(await bridge.request('GET', '/etc/passwd')).toMatchObject({ status: 400, body: { error: { code: 'INVALID_IPC_REQUEST' } } });
  });

  it('subscribes once per topic, gives every listener the current state, and unsubscribes after the last one leaves', async () => {
    const { bridge, peer } = open();
    const first: StreamEvent<'terminal-status'>[] = [];
    const second: StreamEvent<'terminal-status'>[] = [];
    const stopFirst = bridge.subscribe('terminal-status', (event) => first.push(event));
    // Counts use >=: the engine's own status publisher may add an event at any time.
    await eventually(() => first.length >= 1, 'the first listener’s snapshot');
    expect(first[0]).toMatchObject({ type: 'event', topic: 'terminal-status', snapshot: true, data: { database: { dialect: 'sqlite' } } });
    expect(statusListeners()).toBe(1);

    const stopSecond = bridge.subscribe('terminal-status', (event) => second.push(event));
    await eventually(() => second.length >= 1, 'the second listener’s snapshot');
    expect(second[0]).toMatchObject({ snapshot: true });
    expect(statusListeners()).toBe(1);

    engine.events.publish('terminal-status', { ...first[0]!.data, health: 'degraded' });
    const degraded = (events: StreamEvent<'terminal-status'>[]): boolean => events.some((event) => !event.snapshot && event.data.health === 'degraded');
    await eventually(() => degraded(first) && degraded(second), 'the live event for both listeners');
    // The first listener also had the snapshot the second subscribe brought: "replace state".
    expect(first.filter((event) => event.snapshot)).toHaveLength(2);

    stopFirst();
    stopFirst();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(statusListeners()).toBe(1);
    stopSecond();
    await eventually(() => statusListeners() === 0, 'the engine-side unsubscribe');
    stream.reset(peer.id);
  });

  it('re-authenticates a refreshed token without dropping subscriptions', async () => {
    const { bridge, peer } = open();
    const registered = await bridge.request('POST', '/api/auth/register', { email: 'refresh@desk.example', password: 'correct horse battery staple', displayName: 'Refresh' });
    const tokens = registered.body as AuthTokens;
    bridge.authenticate(tokens.accessToken);
    const events: StreamEvent<'terminal-status'>[] = [];
    bridge.subscribe('terminal-status', (event) => events.push(event));
    await eventually(() => events.length >= 1, 'the snapshot');

    const refreshed = await bridge.request('POST', '/api/auth/refresh', { refreshToken: tokens.refreshToken });
    expect(refreshed.status).toBe(200);
    bridge.authenticate((refreshed.body as AuthTokens).accessToken);
    expect(await bridge.request('GET', '/api/auth/me')).toMatchObject({ status: 200 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(statusListeners()).toBe(1);
    engine.events.publish('terminal-status', { ...events[0]!.data, health: 'unavailable' });
    await eventually(() => events.some((event) => event.data.health === 'unavailable'), 'an event after the refresh');
    stream.reset(peer.id);
  });

  it('starts over after a reload: the old document’s subscriptions end, the new preload subscribes afresh', async () => {
    const { peer, ipc } = wire.page('app://optibid/');
    const before = runPreload('renderer', ipc).exposed.get('optibid') as OptibidBridge;
    before.subscribe('terminal-status', () => undefined);
    await eventually(() => statusListeners() === 1, 'the first document’s subscription');
    // What main does on did-start-navigation to a new document; then the preload runs again.
    stream.reset(peer.id);
    expect(statusListeners()).toBe(0);
    const after = runPreload('renderer', ipc).exposed.get('optibid') as OptibidBridge;
    const events: unknown[] = [];
    after.subscribe('terminal-status', (event) => events.push(event));
    await eventually(() => events.length >= 1, 'the new document’s snapshot');
    expect(statusListeners()).toBe(1);
    stream.reset(peer.id);
  });

  it('refuses a foreign frame on every channel', async () => {
    const { bridge } = open('https://evil.example/');
    expect(await bridge.request('GET', '/health')).toMatchObject({ status: 403, body: { error: { code: 'SENDER_NOT_ALLOWED' } } });
    const heard: unknown[] = [];
    bridge.subscribe('terminal-status', (event) => heard.push(event));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual([]);
    expect(statusListeners()).toBe(0);
    await expect(bridge.app.version()).rejects.toThrow(/app’s own page/);
    await expect(bridge.app.installUpdate()).rejects.toThrow(/app’s own page/);
    expect(installs).toBe(0);
  });

  it('runs the app functions for the app’s page and passes on update statuses and menu commands as plain data', async () => {
    const { bridge, peer } = open();
    expect(await bridge.app.version()).toBe('0.1.0');
    expect(await bridge.app.checkForUpdates()).toEqual(updateStatus);
    await bridge.app.installUpdate();
    expect(installs).toBe(1);
    await expect(bridge.app.openLogs()).resolves.toBeUndefined();

    const statuses: UpdateStatus[] = [];
    const stop = bridge.app.onUpdateStatus((status) => statuses.push(status));
    peer.push(IpcChannels.updateStatus, { state: 'downloading', version: '0.2.0', percent: 42, bytesPerSecond: 1000 } satisfies UpdateStatus);
    await eventually(() => statuses.length === 1, 'the pushed update status');
    expect(statuses).toEqual([{ state: 'downloading', version: '0.2.0', percent: 42, bytesPerSecond: 1000 }]);
    // A listener added later hears the latest status at once.
    const late: UpdateStatus[] = [];
    bridge.app.onUpdateStatus((status) => late.push(status));
    expect(late).toEqual([statuses[0]]);
    stop();
    peer.push(IpcChannels.updateStatus, { state: 'downloaded', version: '0.2.0' } satisfies UpdateStatus);
    await eventually(() => late.length === 2, 'the next status');
    expect(statuses).toHaveLength(1);

    const commands: MenuCommand[] = [];
    bridge.app.onMenuCommand((command) => commands.push(command));
    peer.push(IpcChannels.menuCommand, { type: 'navigate', page: 'bidding' } satisfies MenuCommand);
    await eventually(() => commands.length === 1, 'the menu command');
    expect(commands).toEqual([{ type: 'navigate', page: 'bidding' }]);
  });

  it('keeps one failing page listener from silencing the others', async () => {
    const { bridge, peer } = open();
    const heard: StreamServerMessage[] = [];
    bridge.subscribe('terminal-status', () => {
      throw new Error('a broken widget');
    });
    bridge.subscribe('terminal-status', (event) => heard.push(event));
    await eventually(() => heard.length >= 1, 'the working listener’s snapshot');
    stream.reset(peer.id);
  });
});
