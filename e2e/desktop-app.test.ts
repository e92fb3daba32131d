import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type HeadlessChromium } from './support/chromium.js';
import { repoRoot, startBrowserMode, type EngineProcess } from './support/engine-process.js';

const SCREENSHOTS = join(repoRoot, 'dist/test-results/pages');
const TRADER = { name: 'Ada Trader', email: 'ada@desk.example', organisation: 'North Desk', password: 'correct horse battery staple' };
const NEW_PASSWORD = 'purple monkey dishwasher lamp';

/**
 * The renderer as a trader uses it, in Debian's Chromium against the engine in browser mode
 * with a fresh database: the same pages, transport and stream the desktop app runs.
 */
describe('the terminal in a browser', () => {
  let dataDir: string;
  let engine: EngineProcess;
  let chromium: HeadlessChromium;
  let page: Page;
  const problems: string[] = [];
  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'optibid-e2e-app-'));
    await mkdir(SCREENSHOTS, { recursive: true });
    engine = await startBrowserMode({ dataDir });
    chromium = await launchChromium();
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    page.on('pageerror', (error) => problems.push(`${error.name}: ${error.message}`));
  });
  afterAll(async () => {
    await chromium.close();
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('opens on sign-in with the status bar already live', async () => {
    await page.goto(engine.url);
    await page.waitForURL(/#\/sign-in$/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.locator('[data-testid="database-status"][data-state="online"]').waitFor();
    await shot('sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await shot('reset-password');
  });

  it('registers a trader with an organisation and shows the signed-in frame', async () => {
    await page.goto(`${engine.url}#/register`);
    await page.getByLabel('Name').fill(TRADER.name);
    await page.getByLabel('Email').fill(TRADER.email);
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Organisation (optional)').fill(TRADER.organisation);
    await shot('register');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The engine's own policy message, next to the field it concerns; nothing was created.
    await expect.poll(() => page.locator('.field__error').first().textContent()).toMatch(/12 characters/);
    await page.getByLabel('Password').fill(TRADER.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/#\/dashboard$/);
    await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toBe(TRADER.name);
    expect(await page.locator('.who__org').textContent()).toBe(`${TRADER.organisation} · owner`);
    await page.locator('[data-testid="connection-status"][data-state="open"]').waitFor();
    expect(await page.getByTestId('database-status').textContent()).toBe('online');
    // Browser mode runs the embedded simulator feed by default.
    await expect.poll(() => page.getByTestId('feed-status').textContent()).toBe('live');
    expect(await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents()).toEqual(
      ['Dashboard', 'Market', 'Alerts', 'Bidding', 'Assets', 'Analytics', 'Profile', 'Settings'].map((label) => expect.stringContaining(label) as unknown as string),
    );
    await shot('dashboard');
  });

  it('shows every page with its content', async () => {
    for (const [label, check] of [
      ['Market', 'Market zones'],
      ['Alerts', 'Alert rules'],
      ['Bidding', 'Bid history'],
      ['Assets', 'Sites'],
      ['Analytics', 'Trading today'],
      ['Profile', 'Organisations and roles'],
      ['Settings', 'Account'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: label }).click();
      await page.getByText(check, { exact: true }).first().waitFor();
      if (label === 'Market') {
        await page.getByRole('table', { name: 'Market zones' }).locator('tbody tr').nth(14).waitFor();
        await page.getByRole('list', { name: 'Zones' }).locator('li').nth(14).waitFor();
      }
      await shot(label.toLowerCase());
    }
    for (const section of ['Notifications', 'Connection']) {
      await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: section }).click();
      // Each section's content, not just its heading: the screenshot shows what the trader sees.
      await page.getByRole('table').or(page.getByText('Running on')).first().waitFor();
      if (section === 'Connection') await page.getByRole('table', { name: 'Services' }).waitFor();
      await shot(`settings-${section.toLowerCase()}`);
    }
  });

  it('shows live prices: the price on screen changes as the feed ticks', async () => {
    await page.goto(`${engine.url}#/market`);
    const germany = page.getByRole('list', { name: 'Zones' }).locator('li[data-zone="DE_LU"] .num').first();
    await germany.waitFor();
    const first = await germany.textContent();
    expect(first).toMatch(/^-?[\d,]+\.\d\d EUR$/);
    await expect.poll(() => germany.textContent(), { timeout: 10_000 }).not.toBe(first);
  });

  it('shows a market alert an administrator broadcasts as a toast', async () => {
    // The first account of a fresh installation is its platform administrator: Ada, from another session.
    const login = await fetch(new URL('/api/auth/login', engine.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: TRADER.email, password: TRADER.password }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const sent = await fetch(new URL('/api/ws/broadcast/alert', engine.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ zoneId: 'DE_LU', severity: 'warning', title: 'Coupling delayed', message: 'EPEX results are late today' }),
    });
    expect(await sent.json()).toMatchObject({ delivered: expect.any(Number) as unknown });
    const alert = page.getByRole('status').filter({ hasText: 'DE_LU: Coupling delayed' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('EPEX results are late today');
    await shot('market-alert');
  });

  it('moves around with the keyboard and lists the shortcuts in a help overlay', async () => {
    await page.locator('body').press('g');
    await page.locator('body').press('p');
    await page.waitForURL(/#\/profile$/);
    await page.locator('body').press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.getByRole('row').count()).toBeGreaterThanOrEqual(10);
    await shot('shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await page.locator('body').press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Jump to a page');
    await page.keyboard.type('Sett');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/settings\/account$/);
  });

  it('creates a second organisation from the profile, works in it, and switches back', async () => {
    await page.goto(`${engine.url}#/profile`);
    await page.getByLabel('New organisation').fill('South Desk');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('.who__org').textContent()).toBe('South Desk · owner');
    const organisations = page.getByRole('table', { name: 'Organisations and roles' });
    await organisations.getByRole('row', { name: /North Desk/ }).getByRole('button', { name: 'Switch to' }).click();
    await expect.poll(() => page.locator('.who__org').textContent()).toBe(`${TRADER.organisation} · owner`);
    await shot('profile');
  });

  it('tests a remote database and explains why it cannot be used', async () => {
    await page.goto(`${engine.url}#/settings/connection`);
    await page.getByLabel('Remote PostgreSQL URL').fill('postgres://trader:secret@127.0.0.1:1/optibid');
    await page.getByRole('button', { name: 'Test' }).click();
    const result = page.locator('[data-testid="connection-test-result"][data-ok="false"]');
    await result.waitFor();
    expect(await result.textContent()).toContain('Nothing accepts connections at postgres://trader@127.0.0.1:1/optibid');
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await shot('settings-connection-test');
  });

  it('changes the password', async () => {
    await page.goto(`${engine.url}#/settings/security`);
    await page.getByLabel('Current password').fill(TRADER.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat new password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
  });

  it('creates an API key, shows its secret once, and revokes it', async () => {
    await page.getByLabel('Name', { exact: true }).fill('nightly export');
    await page.getByLabel('Role').selectOption('analyst');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('new-api-key').locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^obk_/);
    await shot('settings-security');
    const me = (key: string) => fetch(new URL('/api/auth/me', engine.url), { headers: { 'x-api-key': key } });
    expect((await me(secret)).status).toBe(200);

    await page.getByRole('button', { name: 'Done' }).click();
    const keys = page.getByRole('table', { name: 'API keys' });
    await keys.getByRole('row', { name: /nightly export/ }).getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('status').filter({ hasText: 'revoked' }).waitFor();
    await page.getByText('No active keys.').waitFor();
    expect((await me(secret)).status).toBe(401);
  });

  it('signs out, and signs back in with the new password only', async () => {
    // The header's button (Settings › Security lists other sessions with their own "Sign out").
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/#\/sign-in$/);
    await page.getByLabel('Email').fill(TRADER.email);
    await page.getByLabel('Password').fill(TRADER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /password/i }).waitFor();
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/#\/dashboard$/);
  });

  it('tells the trader when the engine is gone, and recovers when it returns', async () => {
    const port = Number(new URL(engine.url).port);
    await engine.stop();
    await page.getByTestId('connection-retrying').waitFor();
    expect(await page.getByTestId('database-status').getAttribute('data-state')).toBe('unknown');
    await shot('reconnecting');
    // Five attempts with full jitter take at most 2 + 4 + 8 + 8 + 8 s (renderer/src/transport/backoff.ts).
    await page.getByTestId('connection-lost').waitFor({ timeout: 35_000 });
    await shot('connection-lost');

    engine = await startBrowserMode({ dataDir, port });
    await page.getByTestId('connection-lost').getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-testid="connection-status"][data-state="open"]').waitFor();
    await page.locator('[data-testid="database-status"][data-state="online"]').waitFor();
    expect(await page.getByTestId('connection-lost').count()).toBe(0);
    // Still signed in: the session survived the engine's restart.
    expect(await page.getByTestId('signed-in-user').textContent()).toBe(TRADER.name);
    expect(problems).toEqual([]);
  }, 45_000);
});
