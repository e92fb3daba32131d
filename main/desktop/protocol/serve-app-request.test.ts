import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../testing/environment.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { serveAppRequest } from './serve-app-request.js';

const CSP = contentSecurityPolicy('http://127.0.0.1:4317/');
const INDEX = '<!doctype html><title>OptiBid Terminal</title><script type="module" src="/assets/index-BQ3ycR5n.js"></script>';
const SCRIPT = 'console.log("terminal");';
const SECRET = 'the key to the trading floor';
const HEADERS = ['content-type', 'cache-control', 'content-length', 'content-security-policy', 'x-content-type-options'];
const headersOf = (response: Response): Record<string, string | null> => Object.fromEntries(HEADERS.map((name) => [name, response.headers.get(name)]));

describe('app:// protocol responses from a real renderer folder', () => {
  let dir: TempDir;
  let renderer: string;
  const get = (url: string, method = 'GET') => serveAppRequest({ method, url }, renderer, CSP);

  beforeAll(async () => {
    dir = await tempDir();
    renderer = join(dir.path, 'renderer');
    await mkdir(join(renderer, 'assets'), { recursive: true });
    await writeFile(join(renderer, 'index.html'), INDEX);
    await writeFile(join(renderer, 'assets', 'index-BQ3ycR5n.js'), SCRIPT);
    // Beside the renderer folder: what a traversal would be after.
    await writeFile(join(dir.path, 'secret.txt'), SECRET);
  });
  afterAll(() => dir.remove());

  it('serves index.html at / with no-cache, its type and the CSP', async () => {
    const response = await get('app://optibid/');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
    expect(headersOf(response)).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' });
  });

  it('serves a page route as index.html, so a reload keeps the page', async () => {
    expect(await (await get('app://optibid/bidding')).text()).toBe(INDEX);
  });

  it('serves hashed assets as immutable, with their type and length', async () => {
    const response = await get('app://optibid/assets/index-BQ3ycR5n.js');
    expect(await response.text()).toBe(SCRIPT);
    expect(headersOf(response)).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'content-length': String(SCRIPT.length), 'content-security-policy': CSP });
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://optibid/assets/index-BQ3ycR5n.js', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('refuses traversal and foreign hosts, never revealing a file outside the folder; refusals carry the CSP too', async () => {
    for (const url of ['app://optibid/../secret.txt', 'app://optibid/%2e%2e/secret.txt', 'app://optibid/..%2fsecret.txt', 'app://optibid/..\\secret.txt', `app://optibid/${encodeURIComponent(join(dir.path, 'secret.txt'))}`, 'app://optibid/secret.txt%00.js', 'app://elsewhere/secret.txt']) {
      const response = await get(url);
      const body = await response.text();
      expect([url, response.status >= 400, body.includes(SECRET)]).toEqual([url, true, false]);
      expect(response.headers.get('content-security-policy')).toBe(CSP);
    }
  });

  it('answers 404 for a missing file or a folder, 405 for other methods', async () => {
    expect((await get('app://optibid/assets/missing-AbCdEfGh.js')).status).toBe(404);
    expect((await get('app://optibid/assets.json')).status).toBe(404);
    await mkdir(join(renderer, 'folder.d'));
    expect((await get('app://optibid/folder.d')).status).toBe(404);
    const post = await get('app://optibid/', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});
