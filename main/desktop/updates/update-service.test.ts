import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { request, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { DebUpdater, type AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../shared/api/ipc.js';
import { capturingLogger, tempDir, type TempDir } from '../../testing/environment.js';
import { loadConfig } from '../../engine/config/load.js';
import { UpdateService } from './update-service.js';

const INSTALLED = '0.1.0';
const NOW = new Date('2026-03-02T08:00:00.000Z');
const PACKAGE = 'optibid-terminal_0.2.0_amd64.deb';
const PACKAGE_BYTES = Buffer.from('a new OptiBid Terminal, as a Debian package'.repeat(100));
// electron-updater places an installation in a rollout by the last 4 bytes of its staging id:
// 0x80000000 / 0xffffffff, just over 50 % of the way.
const STAGING_ID_AT_HALF = '0f1e2d3c-4b5a-4978-8a6b-5c4d80000000';

/**
 * electron-updater's HTTP goes through an executor; in the app it is Electron's net module.
 * Under plain Node this is the library's own executor base on node:http, plus the download
 * method that only its Electron executor defines (the same steps, on the base class's doDownload).
 */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      const callback = (error: Error | null): void => (error ? reject(error) : resolve(destination));
      this.doDownload(requestOptions, { destination, options, onCancel, callback, responseHandler: null }, 0);
    });
  }
}

/** The installed app as electron-updater sees it (its AppAdapter seam), with folders in a temp dir. */
class InstalledApp implements AppAdapter {
  readonly version = INSTALLED;
  readonly name = 'OptiBid Terminal';
  readonly isPackaged = true;
  constructor(
    readonly appUpdateConfigPath: string,
    readonly userDataPath: string,
    readonly baseCachePath: string,
  ) {}
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  relaunch(): void {}
  quit(): void {}
  onQuit(): void {}
}

function latestYml(version: string, stagingPercentage?: number): string {
  const sha512 = createHash('sha512').update(PACKAGE_BYTES).digest('base64');
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${PACKAGE}`,
    `    sha512: ${sha512}`,
    `    size: ${PACKAGE_BYTES.length}`,
    `path: ${PACKAGE}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-03-01T12:00:00.000Z'",
    ...(stagingPercentage === undefined ? [] : [`stagingPercentage: ${stagingPercentage}`]),
    '',
  ].join('\n');
}

describe('updates with the real electron-updater against a feed on 127.0.0.1', () => {
  let dir: TempDir;
  let server: Server;
  let feedUrl: string;
  let latest: string | null;
  const requests: { path: string; stagingId: string | undefined }[] = [];
  let statuses: UpdateStatus[];
  let created: number;
  const log = capturingLogger('debug');

  beforeEach(async () => {
    dir = await tempDir();
    requests.length = 0;
    statuses = [];
    created = 0;
    latest = latestYml('0.2.0');
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://feed').pathname;
      requests.push({ path, stagingId: req.headers['x-user-staging-id'] as string | undefined });
      if (path === '/feed/latest-linux.yml' && latest !== null) res.writeHead(200, { 'content-type': 'text/yaml' }).end(latest);
      else if (path === `/feed/${PACKAGE}`) res.writeHead(200, { 'content-type': 'application/vnd.debian.binary-package', 'content-length': PACKAGE_BYTES.length }).end(PACKAGE_BYTES);
      else res.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    feedUrl = `${base}/feed/`;
    // What electron-builder writes into an installed app: the build's own publish entry. The
    // terminal must not use it: only the configured feed counts.
    await writeFile(join(dir.path, 'app-update.yml'), `provider: generic\nurl: ${base}/baked/\nupdaterCacheDirName: optibid-terminal-updater\n`);
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await dir.remove();
  });

  const createUpdater = (): AppUpdater => {
    created += 1;
    const updater = new DebUpdater(null, new InstalledApp(join(dir.path, 'app-update.yml'), dir.path, join(dir.path, 'cache')));
    // Internal to electron-updater (its own tests set it the same way): the HTTP transport.
    (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
    return updater;
  };
  const service = (feed: string | null, isPackaged = true): UpdateService =>
    new UpdateService({ feedUrl: feed, isPackaged, createUpdater, publish: (status) => statuses.push(status), logger: log.logger, clock: { now: () => NOW } });
  const until = async (state: UpdateStatus['state']): Promise<void> => {
    const deadline = Date.now() + 5000;
    while (!statuses.some((s) => s.state === state)) {
      if (Date.now() > deadline) throw new Error(`No "${state}" status; got ${JSON.stringify(statuses)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('never checks without a configured feed: disabled, no updater, no request at all', async () => {
    const updates = service(null);
    updates.start();
    expect(await updates.check()).toEqual({ state: 'disabled', reason: 'No update server is configured (OPTIBID_UPDATE_FEED_URL)' });
    updates.stop();
    expect(created).toBe(0);
    expect(requests).toEqual([]);
    expect(statuses).toEqual([]);
  });

  it('never checks from a development run, even with a feed', async () => {
    const updates = service(feedUrl, false);
    expect(await updates.check()).toMatchObject({ state: 'disabled', reason: expect.stringMatching(/installed builds only/) as unknown });
    expect(created).toBe(0);
    expect(requests).toEqual([]);
  });

  it('finds a newer version on the configured feed and downloads it, verified: checking, available, downloading, downloaded', async () => {
    const updates = service(feedUrl);
    expect(() => updates.install()).toThrow(/No update has been downloaded/);
    expect(['available', 'downloading', 'downloaded']).toContain((await updates.check()).state);
    await until('downloaded');
    expect(statuses).toEqual([
      { state: 'checking' },
      { state: 'available', version: '0.2.0' },
      { state: 'downloading', version: '0.2.0', percent: 100, bytesPerSecond: expect.any(Number) as unknown },
      { state: 'downloaded', version: '0.2.0' },
    ]);
    expect(requests.map((r) => r.path)).toEqual(['/feed/latest-linux.yml', `/feed/${PACKAGE}`]);
    expect(requests[0]?.stagingId).toMatch(/^[0-9a-f-]{36}$/);
    const cache = join(dir.path, 'cache', 'optibid-terminal-updater', 'pending');
    expect(await readFile(join(cache, PACKAGE))).toEqual(PACKAGE_BYTES);
    // Downloaded and waiting for install: a further check asks nothing.
    expect(await updates.check()).toEqual({ state: 'downloaded', version: '0.2.0' });
    expect(requests).toHaveLength(2);
  });

  it('reports no update when the feed has the installed version', async () => {
    latest = latestYml(INSTALLED);
    expect(await service(feedUrl).check()).toEqual({ state: 'idle', checkedAt: NOW.toISOString() });
    expect(statuses.map((s) => s.state)).toEqual(['checking', 'idle']);
  });

  it('honours staged rollouts: 0 % offers the update to nobody, 100 % to everybody', async () => {
    latest = latestYml('0.2.0', 0);
    expect(await service(feedUrl).check()).toEqual({ state: 'idle', checkedAt: NOW.toISOString() });
    latest = latestYml('0.2.0', 100);
    statuses = [];
    expect((await service(feedUrl).check()).state).not.toBe('idle');
    await until('downloaded');
  });

  it('places this installation by its staging id: inside a 60 % rollout, outside a 40 % one', async () => {
    await writeFile(join(dir.path, '.updaterId'), STAGING_ID_AT_HALF);
    latest = latestYml('0.2.0', 40);
    expect(await service(feedUrl).check()).toMatchObject({ state: 'idle' });
    expect(requests[0]?.stagingId).toBe(STAGING_ID_AT_HALF);
    latest = latestYml('0.2.0', 60);
    expect(await service(feedUrl).check()).toMatchObject({ state: 'available' });
    await until('downloaded');
  });

  it('reports an unreachable or empty feed as an error status, one line, and keeps running', async () => {
    latest = null;
    const status = await service(feedUrl).check();
    expect(status).toMatchObject({ state: 'error', message: expect.stringMatching(/latest-linux\.yml/) as unknown });
    expect(status.state === 'error' && status.message.includes('\n')).toBe(false);
    expect(statuses.map((s) => s.state)).toEqual(['checking', 'error']);
    expect(await readdir(dir.path)).not.toContain('cache');
  });

  it('checks at start and again on its interval, until stopped', async () => {
    latest = latestYml(INSTALLED);
    const updates = new UpdateService({ feedUrl, isPackaged: true, createUpdater, publish: (s) => statuses.push(s), logger: log.logger, clock: { now: () => NOW }, intervalMs: 40 });
    updates.start();
    await new Promise((resolve) => setTimeout(resolve, 250));
    updates.stop();
    const checks = requests.length;
    // At start, then every 40 ms: about six, fewer on a busy machine.
    expect(checks).toBeGreaterThanOrEqual(2);
    // A check begun just before stop may still reach the feed; none begins after it (five intervals pass).
    await new Promise((resolve) => setTimeout(resolve, 100));
    const settled = requests.length;
    expect(settled - checks).toBeLessThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests).toHaveLength(settled);
  });
});

describe('the update feed setting', () => {
  it('comes from the environment, else from the config file; empty means none, and a bad one stops start-up', async () => {
    const dir = await tempDir();
    try {
      const file = join(dir.path, 'optibid.json');
      await writeFile(file, JSON.stringify({ OPTIBID_UPDATE_FEED_URL: 'https://updates.floor.example/optibid/' }));
      const feed = (env: Record<string, string>) => loadConfig({ OPTIBID_DATA_DIR: dir.path, ...env }).updateFeedUrl;
      expect(feed({})).toBeNull();
      expect(feed({ OPTIBID_UPDATE_FEED_URL: '' })).toBeNull();
      expect(feed({ OPTIBID_UPDATE_FEED_URL: 'http://10.0.0.5/updates/' })).toBe('http://10.0.0.5/updates/');
      expect(feed({ OPTIBID_CONFIG_FILE: file })).toBe('https://updates.floor.example/optibid/');
      expect(feed({ OPTIBID_CONFIG_FILE: file, OPTIBID_UPDATE_FEED_URL: 'https://env.example/' })).toBe('https://env.example/');
      expect(() => feed({ OPTIBID_UPDATE_FEED_URL: 'ftp://updates.example/' })).toThrow(/OPTIBID_UPDATE_FEED_URL/);
    } finally {
      await dir.remove();
    }
  });
});
