import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Asset } from '../shared/api/assets.js';
import type { AccessTokenGrant, AuthTokens } from '../shared/api/auth.js';
import type { Bid } from '../shared/api/bids.js';
import { localDate, shiftDay } from '../shared/market/time-zone.js';
import { startBrowserMode, type EngineProcess } from './support/engine-process.js';
import { signedInPage, type SignedInPage } from './support/signed-in-page.js';

const TRADER = { email: 'ada@desk.example', password: 'correct horse battery staple', displayName: 'Ada Trader' };
const VIEWER = { email: 'vik@desk.example', password: 'correct horse battery staple', displayName: 'Vik Viewer' };

/**
 * The Assets page in the browser against the engine in browser mode: a site and a storage asset
 * registered through the forms (a missing energy capacity caught beside its field before anything
 * is sent, a taken name refused by the engine beside its field), the list filtered, and the
 * asset's detail with a bid made through the API.
 */
describe('the assets page', { timeout: 60_000 }, () => {
  let engine: EngineProcess;
  let browser: SignedInPage;
  let page: Page;
  /** Every asset the page asked the engine to create, answered or not. */
  const assetPosts: string[] = [];
  const form = (name: string): ReturnType<Page['getByRole']> => page.getByRole('form', { name });
  const assetRows = (): Promise<string[]> => page.getByRole('table', { name: 'Assets' }).locator('tbody th').allTextContents();

  /** The engine's API as the same trader in their organisation, for what the page does not make (bids). */
  const api = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const response = await fetch(new URL(path, engine.url), {
      method,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer: unknown = await response.json();
    if (!response.ok) throw new Error(`${method} ${path} answered ${String(response.status)}: ${JSON.stringify(answer)}`);
    return answer as T;
  };
  const signIn = async (): Promise<{ token: string; organizationId: string }> => {
    const { user, accessToken } = await api<AuthTokens>('POST', '/api/auth/login', { email: TRADER.email, password: TRADER.password });
    const organizationId = user.memberships[0]?.organizationId ?? '';
    return { token: (await api<AccessTokenGrant>('PUT', '/api/auth/current-organization', { organizationId }, accessToken)).accessToken, organizationId };
  };

  beforeAll(async () => {
    engine = await startBrowserMode();
    browser = await signedInPage(engine.url, TRADER);
    page = browser.page;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/assets') assetPosts.push(request.postData() ?? '');
    });
  });
  afterAll(async () => {
    await browser.chromium.close();
    await engine.stop();
  });

  it('registers a site through its form', async () => {
    // Sites and assets belong to an organisation: the trader starts one.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Profile' }).click();
    await page.getByLabel('New organisation').fill('Lausitz Desk');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Lausitz Desk · owner').waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await page.waitForURL(/#\/assets$/);
    await page.getByText('No assets yet', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Register site' }).click();
    await form('New site').getByLabel('Name').fill('Lausitz Hybrid');
    await form('New site').getByLabel('Zone').selectOption('DE_LU');
    await form('New site').getByLabel('Grid capacity (MW)').fill('8.0005');
    await expect.poll(() => form('New site').locator('.field__error').allTextContents()).toEqual(['8.0005 is not a whole number of kW']);
    await form('New site').getByLabel('Grid capacity (MW)').fill('8');
    await form('New site').getByLabel('Latitude (°)').fill('51.5');
    await form('New site').getByLabel('Longitude (°)').fill('14.3');
    await form('New site').getByLabel('Longitude (°)').press('Enter');

    const site = page.getByRole('table', { name: 'Sites' }).getByRole('row', { name: /Lausitz Hybrid/ });
    await site.waitFor();
    expect(await site.locator('td').allTextContents()).toEqual(['DE_LU', '8 MW', '0 MW', '0', '51.5000, 14.3000', 'Edit Delete']);
  });

  it('catches a storage asset without its energy capacity beside the field, sends nothing, then registers it', async () => {
    await page.getByRole('button', { name: 'Register asset' }).click();
    const asset = form('New asset');
    await asset.getByLabel('Name').fill('Lausitz Battery');
    expect(await asset.getByLabel('Energy capacity (MWh)').count()).toBe(0);
    await asset.getByLabel('Kind').selectOption('storage');
    await asset.getByLabel('Site').selectOption({ label: 'Lausitz Hybrid · DE_LU' });
    // An asset at a site takes the site's zone.
    expect([await asset.getByLabel('Zone').inputValue(), await asset.getByLabel('Zone').isDisabled()]).toEqual(['DE_LU', true]);
    await asset.getByLabel('Rated power (MW)').fill('10');
    await asset.getByLabel('Round-trip efficiency').fill('0.88');
    await asset.getByLabel('Lowest state of charge').fill('0.1');
    await asset.getByLabel('Highest state of charge').fill('0.05');
    await asset.getByLabel('Max charge (MW)').fill('10');
    await asset.getByLabel('Max discharge (MW)').fill('12');
    await asset.getByRole('button', { name: 'Register asset' }).click();

    // Each message beside its field: the missing capacity, and the engine's own checks of what is typed.
    const errorOf = (label: string) => asset.locator('.field').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.field__error');
    expect(await errorOf('Energy capacity (MWh)').textContent()).toBe('is required');
    expect(await errorOf('Highest state of charge').textContent()).toBe('The highest state of charge (0.05) must be above the lowest (0.1)');
    expect(await errorOf('Max discharge (MW)').textContent()).toBe("12 MW is above the asset's rated power of 10 MW");
    expect(await asset.locator('.field__error').count()).toBe(3);
    await browser.shot('assets-form-errors');
    expect(assetPosts).toEqual([]);
    expect(await page.getByText('No assets yet', { exact: false }).isVisible()).toBe(true);

    await asset.getByLabel('Energy capacity (MWh)').fill('20.5');
    await asset.getByLabel('Highest state of charge').fill('0.95');
    await asset.getByLabel('Max discharge (MW)').fill('9.5');
    await expect.poll(() => asset.locator('.field__error').count()).toBe(0);
    await asset.getByRole('button', { name: 'Register asset' }).click();

    await expect.poll(assetRows).toEqual(['Lausitz Battery']);
    const row = page.getByRole('table', { name: 'Assets' }).getByRole('row', { name: /Lausitz Battery/ });
    expect(await row.locator('td').allTextContents()).toEqual(['Storage', 'DE_LU', 'Lausitz Hybrid', '10 MW', '20.5 MWh · charge 10 MW · discharge 9.5 MW', 'Active']);
    expect(assetPosts).toHaveLength(1);
    // The site counts it, and shows more installed than its 8 MW connection takes.
    await expect.poll(() => page.getByRole('table', { name: 'Sites' }).getByRole('row', { name: /Lausitz Hybrid/ }).locator('td').nth(2).textContent()).toBe('10 MW ▲ above grid');
  });

  it('shows the engine’s refusal of a taken name beside the field and keeps what was typed', async () => {
    await page.getByRole('button', { name: 'Register asset' }).click();
    const asset = form('New asset');
    await asset.getByLabel('Name').fill('Lausitz Battery');
    await asset.getByLabel('Kind').selectOption('wind');
    await asset.getByLabel('Zone').selectOption('DE_LU');
    await asset.getByLabel('Rated power (MW)').fill('42.125');
    await asset.getByRole('button', { name: 'Register asset' }).click();
    await expect.poll(() => asset.locator('.field__error').allTextContents()).toEqual(['is taken']);
    expect(await asset.getByLabel('Rated power (MW)').inputValue()).toBe('42.125');

    await asset.getByLabel('Name').fill('North Wind');
    await asset.getByLabel('Name').press('Enter');
    await expect.poll(assetRows).toEqual(['Lausitz Battery', 'North Wind']);
  });

  it('narrows the list by kind and by name', async () => {
    await page.getByRole('search', { name: 'Filter assets' }).getByLabel('Kind').selectOption('storage');
    await expect.poll(assetRows).toEqual(['Lausitz Battery']);
    await page.getByRole('search', { name: 'Filter assets' }).getByLabel('Kind').selectOption('');
    await page.getByRole('search', { name: 'Filter assets' }).getByLabel('Name').fill('wind');
    await expect.poll(assetRows).toEqual(['North Wind']);
    await page.getByRole('search', { name: 'Filter assets' }).getByLabel('Status').selectOption('retired');
    await page.getByText('No asset matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(assetRows).toEqual(['Lausitz Battery', 'North Wind']);
    await browser.shot('assets-list');
  });

  it('opens the asset’s detail with its parameters, its bids and its performance, and refuses to delete an asset with bids', async () => {
    const { token } = await signIn();
    const battery = (await api<{ assets: Asset[] }>('GET', '/api/assets?kind=storage', undefined, token)).assets[0];
    if (!battery) throw new Error('the battery is not listed');
    // The day after tomorrow in Brussels: its day-ahead gate is open whenever the test runs.
    const deliveryDate = shiftDay(localDate('Europe/Brussels', Date.now()), 2);
    const curve = [1, 2, 3, 4].map((period) => ({ period, points: [{ price: 20, volume: -1 }, { price: 80.1, volume: -4 }] }));
    const draft = await api<Bid>('POST', '/api/bids', { id: randomUUID(), zoneId: 'DE_LU', market: 'day_ahead', auction: null, deliveryDate, assetId: battery.id, portfolio: null, side: 'sell', notes: null, orderType: 'curve', curve }, token);
    await api<Bid>('POST', `/api/bids/${draft.id}/submit`, { submissionId: randomUUID(), version: draft.version, confirmWarnings: [...new Set(draft.warnings.map((warning) => warning.code))] }, token);

    await page.getByRole('link', { name: 'Lausitz Battery' }).click();
    await page.waitForURL(new RegExp(`#/assets/${battery.id}$`));
    const facts = page.getByRole('region', { name: 'Lausitz Battery' });
    await facts.getByText('20.5 MWh').waitFor();
    expect(await facts.locator('dd').allTextContents()).toContain('88%');
    const bids = page.getByRole('table', { name: 'Bids' });
    await expect.poll(() => bids.locator('tbody tr').count()).toBe(1);
    expect(await bids.locator('tbody td').allTextContents()).toEqual(expect.arrayContaining(['DE_LU', 'Day-ahead', 'Curve · 4 periods', 'Sell', 'Submitted']));
    // Four quarter hours of 4 MW offered: 4 MWh, with no result yet.
    const totals = page.getByRole('definition');
    await expect.poll(() => page.locator('.kpis .kpi__value').allTextContents()).toEqual(['1', '4 MWh', 'no results yet', 'no results yet']);
    expect(await totals.count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('img', { name: /energy bid and cleared/ }).getAttribute('data-bars')).toBe('30');
    await browser.shot('assets-detail');

    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Confirm delete' }).click();
    await page.getByRole('alert').filter({ hasText: "set its status to 'retired' instead" }).waitFor();
    await page.getByRole('button', { name: 'Retire' }).click();
    await facts.locator('.badge', { hasText: 'Retired' }).waitFor();
    expect(await page.getByRole('button', { name: 'Retire' }).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('shows a viewer the same assets and sites without a control to change them', async () => {
    const viewer = await signedInPage(engine.url, VIEWER);
    try {
      const { token, organizationId } = await signIn();
      await api('POST', `/api/organizations/${organizationId}/members`, { email: VIEWER.email, role: 'viewer' }, token);
      // A reload restores the session with the new membership; the viewer then works in that organisation.
      await viewer.page.reload();
      await viewer.page.goto(`${engine.url}#/profile`);
      await viewer.page.getByRole('button', { name: 'Switch to' }).click();
      await viewer.page.getByText('Lausitz Desk · viewer').waitFor();
      await viewer.page.goto(`${engine.url}#/assets`);
      await viewer.page.getByRole('link', { name: 'Lausitz Battery' }).waitFor();
      await viewer.page.getByRole('table', { name: 'Sites' }).getByRole('row', { name: /Lausitz Hybrid/ }).waitFor();
      expect(await viewer.page.getByRole('button', { name: /Register|Edit|Delete/ }).count()).toBe(0);
      await viewer.page.getByRole('link', { name: 'Lausitz Battery' }).click();
      await viewer.page.getByRole('table', { name: 'Bids' }).waitFor();
      expect(await viewer.page.getByRole('button', { name: /Edit|Retire|Delete/ }).count()).toBe(0);
      expect(viewer.problems).toEqual([]);
    } finally {
      await viewer.chromium.close();
    }
  });
});
