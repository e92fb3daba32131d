import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMMUTABLE, NO_CACHE, resolveAppRequest } from './resolve-app-request.js';

const DIR = join('/opt', 'optibid', 'renderer');
const resolve = (url: string) => resolveAppRequest(url, DIR);

describe('app:// request to renderer file', () => {
  it('answers / and the app’s page routes with index.html, never cached', () => {
    for (const url of ['app://optibid', 'app://optibid/', 'app://optibid/bidding', 'app://optibid/market/DE_LU/', 'app://optibid/?x=1#top']) {
      expect([url, resolve(url)]).toEqual([url, { kind: 'file', path: join(DIR, 'index.html'), contentType: 'text/html; charset=utf-8', cacheControl: NO_CACHE }]);
    }
  });

  it('caches content-hashed assets for good and everything else not at all', () => {
    expect(resolve('app://optibid/assets/index-BQ3ycR5n.js')).toEqual({ kind: 'file', path: join(DIR, 'assets', 'index-BQ3ycR5n.js'), contentType: 'text/javascript; charset=utf-8', cacheControl: IMMUTABLE });
    expect(resolve('app://optibid/assets/index-Cx_9-kLm.css')).toMatchObject({ contentType: 'text/css; charset=utf-8', cacheControl: IMMUTABLE });
    expect(resolve('app://optibid/assets/inter-latin-A1b2C3d4.woff2?v=2')).toMatchObject({ contentType: 'font/woff2', cacheControl: IMMUTABLE });
    expect(resolve('app://optibid/assets/logo.svg')).toMatchObject({ contentType: 'image/svg+xml', cacheControl: NO_CACHE });
    expect(resolve('app://optibid/favicon-BQ3ycR5n.svg')).toMatchObject({ path: join(DIR, 'favicon-BQ3ycR5n.svg'), cacheControl: NO_CACHE });
    expect(resolve('app://optibid/index.html')).toMatchObject({ cacheControl: NO_CACHE });
  });

  it('names the content type by extension, octet-stream when unknown', () => {
    expect(resolve('app://optibid/assets/solver-AbCdEfGh.wasm')).toMatchObject({ contentType: 'application/wasm' });
    expect(resolve('app://optibid/assets/chart-AbCdEfGh.PNG')).toMatchObject({ contentType: 'image/png' });
    expect(resolve('app://optibid/data.bin')).toMatchObject({ contentType: 'application/octet-stream' });
    expect(resolve('app://optibid/assets/a%20b.json')).toMatchObject({ path: join(DIR, 'assets', 'a b.json'), contentType: 'application/json; charset=utf-8' });
  });

  it.each([
    ['app://optibid/../../etc/passwd', 400],
    ['app://optibid/assets/../../../etc/passwd', 400],
    ['app://optibid/%2e%2e/%2e%2e/etc/passwd', 400],
    ['app://optibid/%2E%2e/secret.txt', 400],
    ['app://optibid/.%2e/secret.txt', 400],
    ['app://optibid/..%2f..%2fetc%2fpasswd', 400],
    ['app://optibid/assets/%2fetc%2fpasswd', 400],
    ['app://optibid/..\\..\\windows\\win.ini', 400],
    ['app://optibid/assets%5c..%5c..%5csecret.txt', 400],
    ['app://optibid//etc/passwd', 400],
    ['app://optibid/C:/Windows/win.ini', 400],
    ['app://optibid/C%3a%5cWindows%5cwin.ini', 400],
    ['app://optibid/index.html%00.png', 400],
    ['app://optibid/assets/%E0%A4%A', 400],
    ['app://optibid/./index.html', 400],
    ['app://optibid/.env', 404],
    ['app://optibid/assets/.git/config', 404],
    ['app://evil/index.html', 403],
    ['app://optibid.evil/index.html', 403],
    ['app://user@optibid/index.html', 403],
    ['app://optibid:8080/index.html', 403],
    ['app:///etc/passwd', 403],
    ['file:///etc/passwd', 400],
    ['https://optibid/index.html', 400],
  ])('refuses %s (%i)', (url, status) => {
    expect(resolve(url)).toMatchObject({ kind: 'refused', status });
  });
});
