import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type EngineProcess } from './support/engine-process.js';
import { seedPriceHistory } from './support/price-history.js';
import { signedInPage, type SignedInPage } from './support/signed-in-page.js';

// Loads wait on a machine shared with other tests: longer than expect.poll's one second.
const SOON = { timeout: 15_000 };
const TRADER = { email: 'charts@desk.example', password: 'correct horse battery staple', displayName: 'Chart Reader' };

/**
 * The Dashboard and Market charts in Chromium against the engine in browser mode, with two days
 * of history written before it starts and the simulator ticking four times a second.
 */
describe('the market charts in a browser', () => {
  let dataDir: string;
  let engine: EngineProcess;
  let browser: SignedInPage;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'optibid-e2e-charts-'));
    await seedPriceHistory(dataDir, 2);
    engine = await startBrowserMode({ dataDir, settings: { OPTIBID_SIMULATOR_TICK_MS: '250' } });
    // Tall enough for the screenshots to show whole pages (the page scrolls inside the frame).
    browser = await signedInPage(engine.url, TRADER, { width: 1440, height: 1500 });
    page = browser.page;
  });
  afterAll(async () => {
    await browser.chromium.close();
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('streams the selected zone into the dashboard chart: the last price on screen changes', async () => {
    const chart = page.getByRole('img', { name: 'Live price of Germany-Luxembourg' });
    await chart.locator('canvas').first().waitFor();
    // The chart opens on three hours of minute closes from the stored history.
    await expect.poll(async () => Number(await chart.getAttribute('data-bars')), SOON).toBeGreaterThanOrEqual(150);
    const lastPrice = page.getByTestId('live-last-price');
    await expect.poll(() => lastPrice.textContent(), SOON).toMatch(/^-?[\d,]+\.\d\d EUR$/);
    const chartTime = await chart.getAttribute('data-last-time');
    const shown = await lastPrice.textContent();
    await expect.poll(() => chart.getAttribute('data-last-time'), SOON).not.toBe(chartTime);
    await expect.poll(() => lastPrice.textContent(), SOON).not.toBe(shown);
    // Every zone today, from the stored history and the feed.
    const overview = page.getByRole('table', { name: 'Zones today' });
    await expect.poll(() => overview.locator('tbody tr[data-zone] td.num').first().textContent(), SOON).toMatch(/EUR$/);
    expect(await overview.locator('tbody tr').count()).toBe(15);
    expect(await page.getByTestId('kpi-last').textContent()).toMatch(/EUR$/);

    // An alert an administrator broadcasts (the first account is one) is listed with the others of this session.
    const login = await fetch(new URL('/api/auth/login', engine.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: TRADER.email, password: TRADER.password }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const alert = { zoneId: 'DE_LU', severity: 'critical', title: 'Spike expected', message: 'Low wind and a tight evening ramp' };
    await fetch(new URL('/api/ws/broadcast/alert', engine.url), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify(alert) });
    await page.getByRole('list', { name: 'Recent alerts' }).getByText('Spike expected').waitFor();
    await browser.shot('dashboard-live');

    // A row charts its zone.
    await overview.locator('tr[data-zone="PJM"]').getByRole('button', { name: 'PJM' }).click();
    await page.getByRole('img', { name: 'Live price of PJM Interconnection' }).waitFor();
    await expect.poll(() => page.getByTestId('live-last-price').textContent(), SOON).toMatch(/USD$/);
    await overview.locator('tr[data-zone="DE_LU"]').getByRole('button', { name: 'DE_LU' }).click();
    expect(browser.problems).toEqual([]);
  });

  it('switches the market page’s candles to another resolution', async () => {
    await page.goto(`${engine.url}#/market`);
    const summary = page.getByTestId('candle-summary');
    // A day of quarter hours by default.
    await expect.poll(() => summary.textContent(), SOON).toMatch(/^(9[6-9]|100) candles · 15m · /);
    const candles = page.getByRole('img', { name: 'DE_LU Live ticks candles' });
    await expect.poll(async () => Number(await candles.getAttribute('data-bars')), SOON).toBeGreaterThanOrEqual(96);

    const resolution = page.getByRole('group', { name: 'Resolution' });
    const request = page.waitForRequest((sent) => sent.url().includes('/api/market-data?') && new URL(sent.url()).searchParams.get('resolution') === '1m');
    await resolution.getByRole('button', { name: '1m' }).click();
    expect(new URL((await request).url()).searchParams.get('zone')).toBe('DE_LU');
    await expect.poll(() => summary.textContent(), SOON).toMatch(/^14\d\d candles · 1m · /);
    expect(await resolution.getByRole('button', { name: '1m' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => Number(await candles.getAttribute('data-bars')), SOON).toBeGreaterThan(1400);
    await browser.shot('market-1m');

    // A week of minutes is more than the engine answers at once: 1m is offered no longer, 15m is shown instead.
    await page.getByRole('group', { name: 'Range' }).getByRole('button', { name: '1W' }).click();
    expect(await resolution.getByRole('button', { name: '1m' }).isDisabled()).toBe(true);
    await expect.poll(() => summary.textContent(), SOON).toMatch(/ candles · 15m · /);
    await resolution.getByRole('button', { name: '1h' }).click();
    await expect.poll(() => summary.textContent(), SOON).toMatch(/^\d+ candles · 1h · /);
    await browser.shot('market');
    expect(browser.problems).toEqual([]);
  });

  it('exports the candles shown as CSV with a header row and UTC times', async () => {
    await expect.poll(() => page.getByTestId('candle-summary').textContent(), SOON).toMatch(/^\d+ candles/);
    const summary = await page.getByTestId('candle-summary').textContent();
    const shown = Number(/^(\d+) candles/.exec(summary ?? '')?.[1]);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toBe('start_utc,zone,market,resolution,currency,open,high,low,close,mean,count');
    // The shown candles, and any the live feed has opened since.
    expect(lines.length - 1).toBeGreaterThanOrEqual(shown);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\.000Z,DE_LU,tick,1h,EUR(,-?\d+\.\d\d){5},\d+$/);
  });

  it('shows the day-ahead profile of a delivery day and follows a zone picked on the map', async () => {
    const profile = page.getByRole('region', { name: 'DE_LU day-ahead' });
    await profile.getByText(/^(92|96|100) \/ (92|96|100) × 15 min$/).waitFor();
    await page.getByRole('group', { name: 'Map of the market zones' }).getByRole('button', { name: /^FR / }).click();
    await page.getByRole('heading', { name: 'FR · France' }).waitFor();
    await page.getByRole('region', { name: 'FR day-ahead' }).getByText(/ × 15 min$/).waitFor();
    await browser.shot('market-fr');
    expect(browser.problems).toEqual([]);
  });
});
