import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiRoot } from '../shared/api/meta.js';
import { launchChromium, type HeadlessChromium } from './support/chromium.js';
import { repoRoot, startBrowserMode, type EngineProcess } from './support/engine-process.js';

const SCREENSHOT = join(repoRoot, 'dist/test-results/browser-mode.png');
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** data: and blob: URLs never leave the page; anything else must go to this machine. */
function staysOnMachine(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || LOOPBACK_HOSTS.has(hostname);
}

async function fetchApiRoot(url: string): Promise<Response> {
  return fetch(url, { headers: { accept: 'application/json' } });
}

describe('browser mode', () => {
  let engine: Promise<EngineProcess> | undefined;
  let chromium: HeadlessChromium | undefined;
  // Started by the first test that needs it, so a failed start fails tests instead of a hook.
  const runningEngine = (): Promise<EngineProcess> => (engine ??= startBrowserMode());

  afterAll(async () => {
    await chromium?.close();
    await engine?.then(
      (running) => running.stop(),
      () => undefined,
    );
  });

  it('serves the terminal: its CSP, the sign-in page with a live status bar, nothing off the machine, no console errors', async () => {
    const { url } = await runningEngine();
    chromium = await launchChromium();
    const { context } = chromium;
    const consoleErrors: string[] = [];
    const offMachine: string[] = [];
    context.on('request', (request) => {
      if (!staysOnMachine(request.url())) offMachine.push(request.url());
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`${error.name}: ${error.message}`));

    const document = await page.goto(url);
    expect(document?.headers()['content-security-policy']).toMatch(/^default-src 'self';.*frame-ancestors 'none'/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.locator('[data-testid="database-status"][data-state="online"]').waitFor();
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(await page.getByTestId('database-status').locator('..').textContent()).toContain('embedded SQLite');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect(offMachine).toEqual([]);
  });

  it('still answers GET / with the JSON root when JSON is asked for', async () => {
    const { url } = await runningEngine();
    const response = await fetchApiRoot(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const root = (await response.json()) as ApiRoot;
    expect(root).toMatchObject({ name: 'OptiBid Terminal', links: { health: '/health', zones: '/api/market-data/zones' } });
  });

  it('serves index.html with no-cache and the assets under hashed names with a year-long immutable cache', async () => {
    const { url } = await runningEngine();
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const assets = [...(await page.text()).matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset).toMatch(/-[\w-]{8,}\.(js|css|svg)$/);
      const response = await fetch(new URL(asset, url));
      expect([asset, response.status]).toEqual([asset, 200]);
      expect(response.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
      await response.arrayBuffer();
    }
  });
});
