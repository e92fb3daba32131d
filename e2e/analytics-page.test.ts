import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { STREAM_PATH } from '../shared/api/stream.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../shared/api/auth.js';
import { localDate, shiftDay } from '../shared/market/time-zone.js';
import { decodeModelFile } from '../main/engine/ml/artifacts/model-file.js';
import type { Engine } from '../main/engine/engine.js';
import { listen } from '../main/engine/listen.js';
import { curveDraft } from '../main/testing/bid-desk.js';
import { NO_VALUE } from '../renderer/src/format.js';
import { storeDayAheadHistory } from '../main/testing/day-ahead-history.js';
import { testConfig } from '../main/testing/environment.js';
import { seedDayAheadHistory } from './support/day-ahead-seed.js';
import { repoRoot, startBrowserMode, type EngineProcess } from './support/engine-process.js';
import { SCREENSHOTS, signedInPage, type SignedInPage } from './support/signed-in-page.js';

// Loads and trainings wait on a machine shared with other tests: longer than expect.poll's one second.
const SOON = { timeout: 20_000 };
const TRADER = { email: 'ana@desk.example', password: 'correct horse battery staple', displayName: 'Ana Lyst', organizationName: 'Quant Desk' };
const ZONE_TIME = 'Europe/Berlin';
const DAYS = 70;
const TODAY = localDate(ZONE_TIME, Date.now());
const SPIKE = { zoneId: 'DE_LU', day: shiftDay(TODAY, -10), hour: 18, price: 900 };
// Before the 30 days the page opens on, inside its 90.
const GAP = { zoneId: 'DE_LU', day: shiftDay(TODAY, -45), hour: 2, hours: 5 };
const dayLabel = (day: string): string => new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));

/**
 * The Analytics page in Chromium against the engine in browser mode, with 70 days of day-ahead
 * history of three zones written before it starts and one spike injected into DE_LU's: the KPI
 * tiles follow a bid made meanwhile, the statistics, the spike on the chart and in the table, the
 * heatmap; then two naive models trained from the page, a forecast fan, and their comparison.
 */
describe('the analytics page', { timeout: 90_000 }, () => {
  let dataDir: string;
  let engine: EngineProcess;
  let browser: SignedInPage;
  let page: Page;
  let token: string;

  /** The engine's API as the trader, for what the page does not do itself; the answer's status is the caller's to check. */
  const api = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(new URL(path, engine.url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'optibid-e2e-analytics-'));
    await seedDayAheadHistory(dataDir, ['DE_LU', 'NL', 'BE'], DAYS, { spikes: [SPIKE], gaps: [GAP] });
    engine = await startBrowserMode({ dataDir });
    // The size the page is made for; the screenshots of whole views are taken taller.
    browser = await signedInPage(engine.url, TRADER, { width: 1440, height: 900 });
    page = browser.page;
    page.setDefaultTimeout(20_000);
    const login = await fetch(new URL('/api/auth/login', engine.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: TRADER.email, password: TRADER.password }) });
    token = ((await login.json()) as AuthTokens).accessToken;
  });
  afterAll(async () => {
    await browser.chromium.close();
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows today’s trading in tiles that follow a bid drafted meanwhile, without a reload', async () => {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL(/#\/analytics/);
    await expect.poll(() => page.getByTestId('kpi-drafted').textContent(), SOON).toBe('0');
    expect(await page.getByTestId('kpi-acceptance').textContent()).toContain('none decided yet');
    expect(await page.getByTestId('kpi-queued').textContent()).toMatch(/^0/);

    const bid = curveDraft(shiftDay(localDate(ZONE_TIME, Date.now()), 2));
    const draft = await api('POST', '/api/bids', bid);
    expect(draft.status).toBe(201);
    await expect.poll(() => page.getByTestId('kpi-drafted').textContent(), SOON).toBe('1');
    // Submitted, its day not priced or decided yet: no P&L to estimate, and the tile says why.
    expect((await api('POST', `/api/bids/${bid.id}/submit`, { submissionId: randomUUID(), version: 1, confirmWarnings: [] })).status).toBe(200);
    await expect.poll(() => page.getByTestId('kpi-submitted').textContent(), SOON).toBe('1');
    expect(await page.getByTestId('kpi-pnl').textContent()).toBe(`${NO_VALUE}no bid accepted today`);
    expect(await page.getByTestId('kpi-bid-vs-market').textContent()).toBe(`${NO_VALUE}no submitted bid with a market price yet`);
    expect(browser.problems).toEqual([]);
  });

  it('shows the market statistics of the zone over the period, and its duration curve', async () => {
    const stats = page.getByRole('region', { name: 'Market statistics' });
    const figures = stats.getByRole('definition');
    await expect.poll(() => stats.getByLabel('Price statistics of DE_LU').textContent(), SOON).toMatch(/Mean-?[\d,]+\.\d\d EUR/);
    expect(await stats.textContent()).toMatch(/Max900\.00 EUR/);
    expect(await stats.textContent()).toMatch(/Coverage(71\d|72\d) \/ \1 hevery hour priced/);
    expect(await figures.count()).toBe(12);
    await stats.getByRole('img', { name: /^Price duration curve of DE_LU: \d+ hours from 900\.00 EUR/ }).waitFor();
    expect(await page.getByTestId('analytics-period').textContent()).toMatch(/^30 delivery days of DE_LU/);
  });

  it('marks the injected spike on the price chart and lists it with its expected price and score', async () => {
    const chart = page.getByRole('img', { name: 'Hourly day-ahead prices of DE_LU with anomalies' });
    await expect.poll(async () => Number(await chart.getAttribute('data-points')), SOON).toBeGreaterThanOrEqual(29 * 24);
    await expect.poll(async () => Number(await chart.getAttribute('data-flags')), SOON).toBeGreaterThanOrEqual(1);
    const table = page.getByRole('table', { name: 'Anomalies of DE_LU' });
    const row = table.locator('tbody tr').filter({ hasText: `${dayLabel(SPIKE.day)} 18:00` }).filter({ hasText: 'Spike' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells[1]).toBe('900.00');
    // Far above the seasonal baseline's price for that hour, by many robust standard deviations.
    expect(Number(cells[2]?.replace(/,/g, ''))).toBeLessThan(300);
    expect(Number(/^z (\d+(\.\d)?)$/.exec(cells[3] ?? '')?.[1])).toBeGreaterThanOrEqual(6);
    await row.getByRole('button', { name: /^Show the spike of / }).click();
    await page.getByRole('button', { name: 'Show the whole period' }).waitFor();
    await browser.shot('analytics-market-900');

    // Over 90 days, the hours taken out are a gap, shaded on the chart and missing from the coverage; the days before the history are the other.
    await page.getByRole('navigation', { name: 'Period' }).getByRole('link', { name: '90 days' }).click();
    const gap = table.locator('tbody tr').filter({ hasText: `${dayLabel(GAP.day)} 02:00` }).filter({ hasText: 'Gap' });
    await gap.waitFor();
    const gapCells = await gap.locator('td').allTextContents();
    expect([gapCells[0], gapCells[1], gapCells[4]]).toEqual(['Gap', '—', '5 h']);
    expect(await page.getByRole('region', { name: 'Prices and anomalies' }).locator('.panel__aside').textContent()).toMatch(/ · 2 gaps$/);
    const coverage = page.getByRole('region', { name: 'Market statistics' }).getByText(/ h without a price$/);
    // The 20 days before the history and the gap's 5 hours (a clock change in the period moves it by one).
    await expect.poll(async () => Math.abs(Number(/^(\d+) h/.exec((await coverage.textContent()) ?? '')?.[1]) - ((90 - DAYS) * 24 + GAP.hours)), SOON).toBeLessThanOrEqual(1);
    expect(await page.getByTestId('analytics-period').textContent()).toMatch(/^90 delivery days of DE_LU/);
    await page.getByRole('region', { name: 'Prices and anomalies' }).screenshot({ path: join(SCREENSHOTS, 'analytics-anomalies-90-days.png') });
  });

  it('shows the correlation heatmap with 1.00 on its diagonal, in levels and changes, Pearson and Spearman', async () => {
    const panel = page.getByRole('region', { name: 'Cross-market' });
    for (const [measure, method] of [
      ['Price levels', 'Pearson'],
      ['Hourly changes', 'Spearman'],
    ] as const) {
      await panel.getByRole('group', { name: 'Correlation of' }).getByRole('button', { name: measure }).click();
      await panel.getByRole('group', { name: 'Coefficient' }).getByRole('button', { name: method }).click();
      const heatmap = panel.getByRole('table', { name: `Correlation of ${measure.toLowerCase()} (${method})` });
      await heatmap.waitFor();
      // The selected zone and its three nearest neighbours pricing in euros.
      const columns = await heatmap.locator('thead th').allTextContents();
      expect(columns).toEqual(['DE_LU', 'BE', 'DK_2', 'NL']);
      for (const zone of columns) {
        expect(await heatmap.locator('tbody').getByRole('row', { name: new RegExp(`^${zone} `) }).getByRole('cell').nth(columns.indexOf(zone)).textContent()).toBe('1.00');
      }
      // DK_2 has only what the engine published since it started (today's result), not the seeded history.
      const priced = /DE_LU (\d+) h · BE (\d+) h · DK_2 (\d+) h · NL (\d+) h priced/.exec((await panel.locator('figcaption').textContent()) ?? '');
      const [seededA, seededB, published, seededC] = (priced?.slice(1) ?? []).map(Number);
      for (const seeded of [seededA, seededB, seededC]) expect(seeded).toBeGreaterThanOrEqual(DAYS * 24 - 1 - GAP.hours);
      expect(published).toBeLessThanOrEqual(25);
    }
    const pairs = panel.getByRole('table', { name: 'Zone pairs: lags and spreads' });
    expect(await pairs.locator('tbody tr').count()).toBe(6);
    expect(await pairs.getByRole('row', { name: /^DE_LU – NL / }).textContent()).toMatch(/EUR/);
    await panel.screenshot({ path: join(SCREENSHOTS, 'analytics-cross-market.png') });
    await page.setViewportSize({ width: 1440, height: 2000 });
    await browser.shot('analytics-market');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(browser.problems).toEqual([]);
  });

  it('trains two naive models from the form, following their progress to ready', async () => {
    await page.getByRole('navigation', { name: 'Analytics views' }).getByRole('link', { name: 'Forecasting' }).click();
    await page.getByText(/No model of DE_LU yet/).waitFor();
    const form = page.getByRole('form', { name: 'Train a model' });
    await form.getByLabel('Architecture').selectOption('naive');
    // Over all the stored days, the gap's day has no complete prices: the engine names it, and nothing is queued.
    await form.getByRole('button', { name: 'Train' }).click();
    await form.getByRole('alert').filter({ hasText: GAP.day }).waitFor();
    expect(await page.getByText(/No training of DE_LU since the terminal started/).count()).toBe(1);
    await form.getByLabel('First day').fill(shiftDay(GAP.day, 1));
    for (const [name, quantileDays] of [
      ['Naive, 56-day bands', ''],
      ['Naive, 14-day bands', '14'],
    ] as const) {
      await form.getByLabel('Name').fill(name);
      await form.getByLabel('Quantile days').fill(quantileDays);
      await form.getByRole('button', { name: 'Train' }).click();
      const job = page.getByRole('list', { name: 'Training jobs on this terminal' }).locator('li[data-state="ready"]').filter({ hasText: name });
      await job.waitFor();
      expect(await job.getByRole('progressbar', { name: `Training progress of ${name}` }).getAttribute('value')).toBe('1');
    }
    const models = page.getByRole('table', { name: 'Forecasting models of DE_LU' });
    await expect.poll(() => models.locator('tbody tr').filter({ hasText: 'Ready' }).count(), SOON).toBe(2);
    // Validated on the 28 held-back days, with its file's size.
    await expect.poll(() => models.getByRole('row', { name: /^Naive, 14-day bands/ }).textContent(), SOON).toMatch(/MAE [\d,]+\.\d\d EUR · sMAPE [\d.]+ % · rMAE [\d.]+.*\d+(\.\d)? (B|KiB)/);
  });

  it('exports a ready model as its file, byte for byte what the engine keeps', async () => {
    const row = page.getByRole('table', { name: 'Forecasting models of DE_LU' }).getByRole('row', { name: /^Naive, 14-day bands/ });
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Export Naive, 14-day bands' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Naive_ 14-day bands.optibid-model');
    const bytes = new Uint8Array(await readFile(await file.path()));
    const { header } = decodeModelFile(bytes);
    expect(header).toMatchObject({ architecture: 'naive', zoneId: 'DE_LU', name: 'Naive, 14-day bands', hyperparameters: { quantileDays: 14 } });
  });

  it('forecasts a held-back day as a fan against its actual prices', async () => {
    const form = page.getByRole('form', { name: 'Forecast a delivery day' });
    await form.getByLabel('Model').selectOption({ label: 'Naive, 56-day bands (Naive)' });
    await form.getByRole('button', { name: /^Last held-back day \(\d{4}-\d\d-\d\d\)$/ }).click();
    const day = await form.getByLabel('Delivery day').inputValue();
    await form.getByRole('button', { name: 'Forecast' }).click();
    await page.getByRole('img', { name: `Forecast fan of DE_LU for ${day}: quantile bands 5 to 95 % and 25 to 75 % around the point forecast, with the actual prices` }).waitFor();
    await expect.poll(() => page.getByTestId('forecast-score').textContent(), SOON).toMatch(/^Against the published prices: MAE [\d,]+\.\d\d EUR · inside 5–95 % [\d.]+ %/);
    await page.getByText(/^All 2[345] hours$/).click();
    const hours = page.getByRole('table', { name: `Forecast of DE_LU for ${day}` });
    expect(await hours.locator('tbody tr').count()).toBeGreaterThanOrEqual(23);
  });

  it('compares the two models on held-back days: metrics and the Diebold-Mariano test in words', async () => {
    const form = page.getByRole('form', { name: 'Compare models' });
    await form.getByLabel('Naive, 56-day bands').check();
    await form.getByLabel('Naive, 14-day bands').check();
    await form.getByRole('button', { name: 'Compare' }).click();
    const metrics = page.getByRole('table', { name: 'Forecast accuracy by model' });
    await metrics.waitFor();
    expect(await metrics.locator('tbody tr').count()).toBe(3);
    expect(await metrics.getByRole('row', { name: /^Weekly naive \(reference\)/ }).textContent()).toMatch(/EUR/);
    // How far each model's bands held: its pinball loss and the share of prices inside each band.
    expect(await metrics.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['Pinball loss', 'Inside 90 / 80 / 50 % bands']));
    expect((await metrics.getByRole('row', { name: /^Naive, 56-day bands/ }).getByRole('cell').allTextContents()).slice(-2)).toEqual([expect.stringMatching(/EUR/), expect.stringMatching(/^\d+ \/ \d+ \/ \d+ %$/)]);
    // The same rule, so the same point forecasts: no difference either way.
    const pValues = page.getByRole('table', { name: 'Diebold-Mariano p-values' });
    expect((await pValues.getByRole('row', { name: /^Naive, 56-day bands/ }).getByRole('cell').allTextContents()).sort()).toEqual(['0.500', '—']);
    expect(await page.getByRole('list', { name: 'What the test says' }).textContent()).toContain('made the same point forecasts on these days');
    await page.setViewportSize({ width: 1440, height: 2200 });
    await browser.shot('analytics-forecasting');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(browser.problems).toEqual([]);
  });

  it('sets the organisation’s trading day on the Settings page, and asks for the trading figures again once that day is over, with no bid to announce it', async () => {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Organisation' }).click();
    const tradingDay = page.getByRole('region', { name: 'Trading day' });
    const timeZone = tradingDay.getByLabel('Time zone');
    await expect.poll(() => timeZone.inputValue(), SOON).toBe('UTC');
    await timeZone.selectOption('America/Los_Angeles');
    const losAngelesToday = localDate('America/Los_Angeles', Date.now());
    expect(await tradingDay.textContent()).toContain(`Today there: ${losAngelesToday}`);
    await tradingDay.getByRole('button', { name: 'Save trading day' }).click();
    await expect.poll(async () => (await api('GET', '/api/trading-day')).body, SOON).toEqual({ timeZone: 'America/Los_Angeles' });
    await expect.poll(() => tradingDay.getByRole('button', { name: 'Save trading day' }).isDisabled(), SOON).toBe(true);

    // The thresholds: a share above 100 % is refused where it is typed; 80 % is stored as 0.8.
    const thresholds = page.getByRole('region', { name: 'Fat-finger thresholds' });
    const share = thresholds.getByLabel('Volume, share of the asset’s capacity');
    await share.fill('120');
    expect(await thresholds.textContent()).toContain('at most 100 %');
    expect(await thresholds.getByRole('button', { name: 'Save thresholds' }).isDisabled()).toBe(true);
    await share.fill('80');
    await thresholds.getByRole('button', { name: 'Save thresholds' }).click();
    await expect.poll(async () => (await api('GET', '/api/bid-warning-thresholds')).body, SOON).toEqual({ maxPriceDeviation: 250, maxCapacityShare: 0.8 });
    await browser.shot('settings-organisation');

    // A colleague changes both from elsewhere: the untouched time zone follows at once; the
    // thresholds being edited here keep this admin's edit.
    await share.fill('70');
    expect((await api('PUT', '/api/trading-day', { timeZone: 'America/Denver' })).status).toBe(200);
    expect((await api('PUT', '/api/bid-warning-thresholds', { maxPriceDeviation: 300, maxCapacityShare: 0.8 })).status).toBe(200);
    await expect.poll(() => timeZone.inputValue(), SOON).toBe('America/Denver');
    expect(await share.inputValue()).toBe('70');
    expect(await thresholds.getByLabel('Price distance from the market').inputValue()).toBe('250');
    expect((await api('PUT', '/api/trading-day', { timeZone: 'America/Los_Angeles' })).status).toBe(200);
    await expect.poll(() => timeZone.inputValue(), SOON).toBe('America/Los_Angeles');

    // The page's clock made the test's, from now; the engine's day stays today.
    await page.clock.install();
    await page.goto(`${engine.url}#/analytics`);
    await expect.poll(() => page.getByTestId('kpi-freshness').textContent(), SOON).toContain(`trading day ${losAngelesToday} (America/Los_Angeles)`);
    const askedAgain = page.waitForRequest((request) => request.url().includes('/api/analytics/real-time-kpis'));
    // A day in Los Angeles ends within 25 hours (the longest, when the clocks go back).
    await page.clock.fastForward('25:00:00');
    await askedAgain;
    expect(browser.problems).toEqual([]);
  });
});

/**
 * A training long enough to watch: the real TFT, small, with up to 1,000 epochs and early stopping
 * out of reach, started through the API, followed step by step on the page and cancelled from it;
 * then two models trained from the page's form (an N-BEATS sized there) and compared.
 */
describe('a long training on the analytics page', { timeout: 90_000 }, () => {
  const trader = { email: 'tom@desk.example', password: 'correct horse battery staple', displayName: 'Tom Trainer', organizationName: 'Model Desk' };
  let dataDir: string;
  let engine: Engine;
  let url: string;
  let browser: SignedInPage;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'optibid-e2e-training-'));
    ({ engine, url } = await listen({ ...testConfig(dataDir), rendererDir: join(repoRoot, 'dist/renderer') }));
    const zone = engine.databases.catalogue.zones.find((candidate) => candidate.id === 'DE_LU')!;
    await storeDayAheadHistory(engine.store, zone, shiftDay(TODAY, -59), TODAY);
    browser = await signedInPage(url, trader, { width: 1440, height: 900 });
    page = browser.page;
    page.setDefaultTimeout(20_000);
  });
  afterAll(async () => {
    await browser.chromium.close();
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows each step, the loss and the time left as they come, and cancels the training', async () => {
    await page.goto(`${url}#/analytics?view=forecasting`);
    await page.getByText(/No training of DE_LU since the terminal started/).waitFor();
    const login = await fetch(new URL('/api/auth/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: trader.email, password: trader.password }) });
    const { accessToken } = (await login.json()) as AuthTokens;
    const started = await fetch(new URL('/api/ml/train/tft', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ zone: 'DE_LU', name: 'Long TFT', hyperparameters: { encoderHours: 24, hiddenSize: 8, heads: 1, validationDays: 7, epochs: 1000, patience: 500 } }),
    });
    expect(started.status).toBe(202);

    const job = page.getByRole('list', { name: 'Training jobs on this terminal' }).locator('li').filter({ hasText: 'Long TFT' });
    const bar = job.getByRole('progressbar', { name: 'Training progress of Long TFT' });
    await expect.poll(async () => Number(await bar.getAttribute('value')), SOON).toBeGreaterThanOrEqual(3);
    expect(await bar.getAttribute('max')).toBe('1000');
    const facts = job.locator('.training-job__facts');
    // Early stopping may end it after about half the steps (patience 500 of 1000): the time left is a range.
    expect(await facts.textContent()).toMatch(/^Step \d+ \/ 1000 · loss \d+\.\d+ · validation MAE [^·]+ · elapsed \d+ s · ETA \d+ (s|m \d\d s) – \d+ (s|m \d\d s)$/);
    // It moves without a reload.
    const step = Number(await bar.getAttribute('value'));
    await expect.poll(async () => Number(await bar.getAttribute('value')), SOON).toBeGreaterThan(step);
    await page.setViewportSize({ width: 1440, height: 1400 });
    await browser.shot('analytics-training');
    await page.setViewportSize({ width: 1440, height: 900 });

    await job.getByRole('button', { name: 'Cancel training Long TFT' }).click();
    await page.getByRole('list', { name: 'Training jobs on this terminal' }).locator('li[data-state="cancelled"]').filter({ hasText: 'Long TFT' }).waitFor();
    expect(await job.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);
    expect(await job.textContent()).toMatch(/Cancelled after \d+ s/);
    const models = page.getByRole('table', { name: 'Forecasting models of DE_LU' });
    await expect.poll(() => models.getByRole('row', { name: /^Long TFT/ }).textContent(), SOON).toContain('Cancelled');
    expect(browser.problems).toEqual([]);
  });

  it('reads out the test between two models that forecast differently', async () => {
    // The naive rule against an N-BEATS sized in the form for the 32 days it fits on.
    const form = page.getByRole('form', { name: 'Train a model' });
    for (const [architecture, name, hyperparameters] of [
      ['naive', 'Yesterday or last week', {}],
      ['nbeats', 'N-BEATS small', { 'Validation days': '7', Epochs: '20', Width: '16' }],
    ] as const) {
      await form.getByLabel('Architecture').selectOption(architecture);
      await form.getByLabel('Name').fill(name);
      for (const [label, value] of Object.entries(hyperparameters)) await form.getByLabel(label, { exact: true }).fill(value);
      await form.getByRole('button', { name: 'Train' }).click();
      await page.getByRole('list', { name: 'Training jobs on this terminal' }).locator('li[data-state="ready"]').filter({ hasText: name }).waitFor();
    }
    const compare = page.getByRole('form', { name: 'Compare models' });
    await compare.getByLabel('Yesterday or last week', { exact: true }).check();
    await compare.getByLabel('N-BEATS small', { exact: true }).check();
    await compare.getByRole('button', { name: 'Compare' }).click();
    const readings = page.getByRole('list', { name: 'What the test says' });
    await readings.waitFor();
    const sentence = (await readings.textContent()) ?? '';
    expect(sentence).toMatch(/^(Yesterday or last week|N-BEATS small) is significantly more accurate than (Yesterday or last week|N-BEATS small) at 5 % \(p = (< )?0\.\d{3}\); hour by hour in \d+ of 24 hours\.$|^No significant difference between /);
    // The p-value it quotes is the table's, for the pair the sentence reads.
    const quoted = /p = ((< )?0\.\d{3})/.exec(sentence)?.[1] ?? '';
    expect(await page.getByRole('table', { name: 'Diebold-Mariano p-values' }).locator('td').allTextContents()).toContain(quoted);
    await page.getByRole('region', { name: 'Compare models' }).screenshot({ path: join(SCREENSHOTS, 'analytics-compare.png') });
    expect(browser.problems).toEqual([]);
  });

  it('recalibrates the N-BEATS model on the days since its training from its row, and the row shows how far it has learnt', async () => {
    const models = page.getByRole('table', { name: 'Forecasting models of DE_LU' });
    const row = models.getByRole('row', { name: /^N-BEATS small/ });
    // Fitted on all but the 28 days held back; the naive rule has nothing to learn and no button.
    await expect.poll(() => row.textContent(), SOON).toContain(`→ ${shiftDay(TODAY, -28)}`);
    expect(await models.getByRole('row', { name: /^Yesterday or last week/ }).getByRole('button', { name: /^Recalibrate/ }).count()).toBe(0);

    await row.getByRole('button', { name: 'Recalibrate N-BEATS small' }).click();
    const job = page.getByRole('list', { name: 'Training jobs on this terminal' }).locator('li[data-state="ready"]').filter({ hasText: 'recalibration' });
    await job.waitFor();
    expect(await job.textContent()).toMatch(/^N-BEATS small.*N-BEATS · recalibration.*Step 2 \/ 2 · loss [\d.]+ · Ready after/);
    await expect.poll(() => row.textContent(), SOON).toContain(`→ ${TODAY}`);
    expect(await row.textContent()).toMatch(/Before its recalibration \(last /);
    // Its validation days are learnt now: the forecast panel no longer offers one as held back.
    const forecastForm = page.getByRole('form', { name: 'Forecast a delivery day' });
    await forecastForm.getByLabel('Model').selectOption({ label: 'N-BEATS small (N-BEATS)' });
    const heldBack = forecastForm.getByRole('button', { name: /^Last held-back day/ });
    await expect.poll(() => heldBack.isDisabled(), SOON).toBe(true);
    expect(await heldBack.getAttribute('title')).toMatch(/^Recalibrated since: the model has learnt the days it was measured on/);
    // Learnt up to the last stored day: nothing new to learn, and the button says so before it is clicked.
    const recalibrate = row.getByRole('button', { name: 'Recalibrate N-BEATS small' });
    await expect.poll(() => recalibrate.isDisabled(), SOON).toBe(true);
    expect(await recalibrate.getAttribute('title')).toBe(`Nothing newer to learn: it has learnt the days up to ${TODAY}, the last with stored prices; it can be recalibrated once the next day's prices arrive`);
    // A row's refusal is said in the table under the row clicked, not at the top of the panel: its file gone from this terminal, export is refused.
    const file = `${(await row.getAttribute('data-model')) ?? ''}-r1.optibid-model`;
    expect(await readdir(join(dataDir, 'models'))).toContain(file);
    await rename(join(dataDir, 'models', file), join(dataDir, `${file}.away`));
    await row.getByRole('button', { name: 'Export N-BEATS small' }).click();
    await models.getByRole('alert').filter({ hasText: 'if its file was lost, delete the model and train it again' }).waitFor();
    await rename(join(dataDir, `${file}.away`), join(dataDir, 'models', file));
    await page.setViewportSize({ width: 1440, height: 1400 });
    await browser.shot('analytics-recalibrated');
    await page.setViewportSize({ width: 1440, height: 900 });
    // The next day's prices arrive, stored then announced as the feed does (the page reads the list again, not the event's periods): the model can learn that day.
    const zone = engine.databases.catalogue.zones.find((candidate) => candidate.id === 'DE_LU')!;
    await storeDayAheadHistory(engine.store, zone, shiftDay(TODAY, 1), shiftDay(TODAY, 1));
    engine.events.publish('day-ahead-result', { zoneId: 'DE_LU', deliveryDay: shiftDay(TODAY, 1), resolutionMinutes: 60, currency: 'EUR', source: 'simulator', periods: [] });
    await expect.poll(() => recalibrate.isDisabled(), SOON).toBe(false);
    // Learnt too; then a day imported from the command line, which announces nothing: the list is read again when the trader comes back to the window.
    await recalibrate.click();
    await expect.poll(() => row.textContent(), SOON).toContain(`→ ${shiftDay(TODAY, 1)}`);
    await expect.poll(() => recalibrate.isDisabled(), SOON).toBe(true);
    await storeDayAheadHistory(engine.store, zone, shiftDay(TODAY, 2), shiftDay(TODAY, 2));
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => recalibrate.isDisabled(), SOON).toBe(false);
    expect(browser.problems).toEqual([]);
  });

  it('trains the epftoolbox DNN from the form, its layers typed as a list, N-PIT scaling picked, and lists it', async () => {
    const form = page.getByRole('form', { name: 'Train a model' });
    await form.getByLabel('Architecture').selectOption('dnn');
    await form.getByLabel('Name').fill('DNN small');
    // Its own fields, drawn from its schema: lists of integers and its choices.
    expect(await form.getByLabel('Price lag days', { exact: true }).getAttribute('placeholder')).toBe('1, 2, 3, 7');
    expect(await form.getByLabel('Calibration days', { exact: true }).getAttribute('placeholder')).toBe('not set');
    expect(await form.getByLabel('Validation sampling', { exact: true }).locator('option:checked').textContent()).toBe('default (weeks)');
    const scaling = form.getByLabel('Scaling', { exact: true });
    expect(await scaling.locator('option').allTextContents()).toEqual(['default (asinh)', 'asinh', 'npit']);
    await scaling.selectOption('npit');
    for (const [label, value] of Object.entries({ 'Hidden layers': '16, 8', 'Validation days': '14', Epochs: '10', 'Batch size': '8' })) await form.getByLabel(label, { exact: true }).fill(value);
    await page.setViewportSize({ width: 1440, height: 1400 });
    await browser.shot('analytics-train-dnn');
    await page.setViewportSize({ width: 1440, height: 900 });
    await form.getByRole('button', { name: 'Train' }).click();
    await page.getByRole('list', { name: 'Training jobs on this terminal' }).locator('li[data-state="ready"]').filter({ hasText: 'DNN small' }).waitFor();
    const row = page.getByRole('table', { name: 'Forecasting models of DE_LU' }).getByRole('row', { name: /^DNN small/ });
    await expect.poll(() => row.textContent(), SOON).toContain('DNN');
    await expect.poll(() => row.getByRole('button', { name: 'Export DNN small' }).count(), SOON).toBe(1);
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Export DNN small' }).click();
    const { header } = decodeModelFile(new Uint8Array(await readFile(await (await download).path())));
    expect(header.hyperparameters).toMatchObject({ scaling: 'npit', hiddenLayers: [16, 8] });
    expect(browser.problems).toEqual([]);
  });

  it('trains LEAR with both of its transforms, picked from their select, and its file says so', async () => {
    const form = page.getByRole('form', { name: 'Train a model' });
    await form.getByLabel('Architecture').selectOption('lear');
    await form.getByLabel('Name').fill('LEAR both transforms');
    const transforms = form.getByLabel('Transforms', { exact: true });
    expect(await transforms.locator('option').allTextContents()).toEqual(['default (asinh)', 'asinh', 'npit', 'asinh + npit']);
    await transforms.selectOption({ label: 'asinh + npit' });
    // A window below LEAR's shortest: the engine names the list's item, shown at the list's input.
    for (const [label, value] of Object.entries({ 'Calibration windows': '14, 3', 'Quantile days': '2' })) await form.getByLabel(label, { exact: true }).fill(value);
    await form.getByRole('button', { name: 'Train' }).click();
    const windows = form.getByLabel('Calibration windows', { exact: true });
    await expect.poll(() => windows.getAttribute('aria-invalid'), SOON).toBe('true');
    const errorId = (await windows.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(await form.locator(`[id="${errorId}"]`).textContent()).toMatch(/^item 2: .*14/);
    await windows.fill('14');
    await page.setViewportSize({ width: 1440, height: 1400 });
    await browser.shot('analytics-train-lear');
    await page.setViewportSize({ width: 1440, height: 900 });
    await form.getByRole('button', { name: 'Train' }).click();
    await page.getByRole('list', { name: 'Training jobs on this terminal' }).locator('li[data-state="ready"]').filter({ hasText: 'LEAR both transforms' }).waitFor();
    const row = page.getByRole('table', { name: 'Forecasting models of DE_LU' }).getByRole('row', { name: /^LEAR both transforms/ });
    await expect.poll(() => row.getByRole('button', { name: 'Export LEAR both transforms' }).count(), SOON).toBe(1);
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Export LEAR both transforms' }).click();
    const { header } = decodeModelFile(new Uint8Array(await readFile(await (await download).path())));
    expect(header.hyperparameters).toEqual({ calibrationWindows: [14], transforms: ['asinh', 'npit'], quantileDays: 2 });
    expect(browser.problems).toEqual([]);
  });

  it('catches up with a training that ended while the event stream was down, once it reopens', async () => {
    // The page's event stream through a route the test can cut, and keep cut, while the engine runs on.
    let cut = false;
    const open: WebSocketRoute[] = [];
    await page.context().routeWebSocket((address) => address.pathname === STREAM_PATH, (socket) => {
      if (cut) {
        void socket.close();
        return;
      }
      open.push(socket);
      socket.connectToServer();
    });
    await page.reload();
    await page.getByRole('list', { name: 'Training jobs on this terminal' }).waitFor();
    const login = await fetch(new URL('/api/auth/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: trader.email, password: trader.password }) });
    const { accessToken } = (await login.json()) as AuthTokens;
    const call = (method: string, path: string, body?: unknown) =>
      fetch(new URL(path, url), { method, headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const started = await call('POST', '/api/ml/train/tft', { zone: 'DE_LU', name: 'Unseen TFT', hyperparameters: { encoderHours: 24, hiddenSize: 8, heads: 1, validationDays: 7, epochs: 1000, patience: 1000 } });
    const { jobId } = (await started.json()) as { jobId: string };
    const job = page.getByRole('list', { name: 'Training jobs on this terminal' }).locator('li').filter({ hasText: 'Unseen TFT' });
    await expect.poll(() => job.getAttribute('data-state'), SOON).toBe('training');

    cut = true;
    expect(open.length).toBeGreaterThan(0);
    await Promise.all(open.splice(0).map((socket) => socket.close()));
    // No status reaches the page now, yet its elapsed time moves on by the page's own clock.
    const elapsed = async (): Promise<number> => Number(/elapsed (\d+) s/.exec((await job.locator('.training-job__facts').textContent()) ?? '')?.[1] ?? Number.NaN);
    const cutAt = await elapsed();
    await expect.poll(elapsed, SOON).toBeGreaterThanOrEqual(cutAt + 2);
    expect((await call('POST', `/api/ml/jobs/${jobId}/cancel`)).status).toBe(200);
    await expect.poll(async () => ((await (await call('GET', `/api/ml/jobs/${jobId}`)).json()) as { state: string }).state, SOON).toBe('cancelled');
    // Ended while nothing could reach the page: it still shows the job training.
    expect(await job.getAttribute('data-state')).toBe('training');
    cut = false;
    await expect.poll(() => job.getAttribute('data-state'), { timeout: 30_000 }).toBe('cancelled');
    expect(browser.problems).toEqual([]);
  });
});
