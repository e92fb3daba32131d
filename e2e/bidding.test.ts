import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../shared/api/auth.js';
import { startBrowserMode, type EngineProcess } from './support/engine-process.js';
import { signedInPage, type SignedInPage, type Trader } from './support/signed-in-page.js';

const OWNER: Trader & { organizationName: string } = { email: 'ada@desk.example', password: 'correct horse battery staple', displayName: 'Ada Owner', organizationName: 'North Desk' };
const COLLEAGUE: Trader = { email: 'ben@desk.example', password: 'battery staple correct horse', displayName: 'Ben Trader' };

async function api<T>(engine: EngineProcess, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(new URL(path, engine.url), { method, headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path} answered ${String(response.status)}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A colleague in the owner's organisation: registered, added to the owner's organisation as a
 * trader, and switched to it, so their sign-in opens the owner's desk.
 */
async function colleagueOf(engine: EngineProcess): Promise<void> {
  const owner = await api<AuthTokens>(engine, 'POST', '/api/auth/login', { email: OWNER.email, password: OWNER.password });
  const organizationId = owner.user.currentOrganizationId ?? '';
  const colleague = await api<AuthTokens>(engine, 'POST', '/api/auth/register', COLLEAGUE);
  await api(engine, 'POST', `/api/organizations/${organizationId}/members`, { email: COLLEAGUE.email, role: 'trader' }, owner.accessToken);
  await api(engine, 'PUT', '/api/auth/current-organization', { organizationId }, colleague.accessToken);
}

/** Pastes text into an input as a spreadsheet's copy does (the clipboard event with its text). */
async function paste(cell: Locator, text: string): Promise<void> {
  await cell.focus();
  await cell.evaluate((input, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * The Bidding page against the engine in browser mode (DE_LU: quarter hours, step curves, cap
 * 4,000 EUR/MWh, the simulator's live prices as the market price): a curve drafted with a
 * price above the cap is marked in that cell, fixed, saved, submitted with its fat-finger
 * warning confirmed, and shows as submitted in the history, also in a colleague's terminal.
 */
describe('bidding in the terminal', () => {
  let engine: EngineProcess;
  let owner: SignedInPage;
  let colleague: SignedInPage;
  let page: Page;
  const cell = (column: 'Price' | 'Volume', row: number): Locator => page.getByRole('table', { name: /^Curve of P\d+/ }).getByLabel(`${column}, row ${String(row)}`, { exact: true });
  const cellOf = (column: 'Price' | 'Volume', row: number): Locator => cell(column, row).locator('xpath=..');

  beforeAll(async () => {
    engine = await startBrowserMode();
    owner = await signedInPage(engine.url, OWNER);
    page = owner.page;
    // Shorter than the test's own timeout, so a step that waits in vain names itself.
    page.setDefaultTimeout(10_000);
    await colleagueOf(engine);
    colleague = await signedInPage(engine.url, COLLEAGUE, undefined, false);
  });
  afterAll(async () => {
    await owner.chromium.close();
    await colleague.chromium.close();
    await engine.stop();
  });

  it('opens a new bid with g b, then n, for the next day whose gate is open, with the zone’s rules beside it', async () => {
    await page.keyboard.press('g');
    await page.keyboard.press('b');
    await page.waitForURL(/#\/bidding$/);
    await page.getByRole('table', { name: 'Bid history' }).or(page.getByText('No bids match')).first().waitFor();
    await page.keyboard.press('n');
    await page.waitForURL(/#\/bidding\?new=1$/);
    const form = page.getByRole('form', { name: 'New bid' });
    await form.getByLabel('Zone', { exact: true }).selectOption('DE_LU');
    const rules = page.getByRole('region', { name: 'DE_LU rules' });
    expect(await rules.textContent()).toContain('-500.00 EUR / 4,000.00 EUR');
    expect(await rules.textContent()).toMatch(/Periods that day(92|96|100) × 15 min/);
    expect(await rules.textContent()).toMatch(/Gate for this bid.*in \d/);
    expect(await form.getByLabel('Period', { exact: true }).locator('option:checked').textContent()).toMatch(/^P1 00:00–00:15/);
  });

  it('marks a price above the cap beside its cell as the trader types, and draws the curve once it is fixed', async () => {
    const form = page.getByRole('form', { name: 'New bid' });
    await form.getByLabel('Portfolio name').fill('North wind pool');
    await cell('Price', 1).fill('-500');
    await cell('Volume', 1).fill('0');
    await cell('Price', 2).fill('4000.5');
    await cell('Volume', 2).fill('-10');
    await expect.poll(() => cellOf('Price', 2).locator('.field__error').allTextContents()).toEqual(['Price 4,000.5 EUR/MWh is above the cap of 4,000 EUR/MWh']);
    expect(await cell('Price', 2).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.curve-chart').getAttribute('data-vertices')).not.toBe('0');
    await owner.shot('bidding-form-error');

    await cell('Price', 2).fill('3000');
    await expect.poll(() => cellOf('Price', 2).locator('.field__error').count()).toBe(0);
    // Enter on the last row adds one; a typo off the 0.1 tick is marked there too; Ctrl+Delete removes the row.
    await cell('Volume', 2).press('Enter');
    await expect.poll(() => cell('Price', 3).count()).toBe(1);
    await cell('Price', 3).fill('3000.05');
    await expect.poll(() => cellOf('Price', 3).locator('.field__error').allTextContents()).toEqual(['Price 3,000.05 EUR/MWh is not on the 0.1 EUR/MWh tick of DE_LU']);
    await cell('Price', 3).press('Control+Delete');
    await expect.poll(() => cell('Price', 3).count()).toBe(0);
    // Far from the live market price: allowed, but a warning to confirm, shown in amber beside the cell.
    await expect.poll(() => cellOf('Price', 2).locator('.field__warning').textContent()).toMatch(/more than 250 EUR\/MWh from the recent market price/);
    // The owner widens the threshold from elsewhere (another terminal, the API): the open form warns by it at once, no reload; then back.
    const { accessToken } = await api<AuthTokens>(engine, 'POST', '/api/auth/login', { email: OWNER.email, password: OWNER.password });
    try {
      await api(engine, 'PUT', '/api/bid-warning-thresholds', { maxPriceDeviation: 5000, maxCapacityShare: 0.9 }, accessToken);
      await expect.poll(() => cellOf('Price', 2).locator('.field__warning').count()).toBe(0);
    } finally {
      // The next test confirms the warning: the defaults back whatever happened.
      await api(engine, 'PUT', '/api/bid-warning-thresholds', { maxPriceDeviation: 250, maxCapacityShare: 0.9 }, accessToken);
    }
    await expect.poll(() => cellOf('Price', 2).locator('.field__warning').textContent()).toMatch(/more than 250 EUR\/MWh from the recent market price/);
    await expect.poll(() => page.locator('.curve-chart').getAttribute('data-vertices')).toBe('6');
    await page.locator('.curve-chart').scrollIntoViewIfNeeded();
    await owner.shot('bidding-chart');
  });

  it('copies the period to all periods, saves the draft, and submits it once the warning is confirmed', async () => {
    await colleague.page.goto(`${engine.url}#/bidding`);
    const form = page.getByRole('form', { name: 'New bid' });
    await form.getByRole('button', { name: /^Copy P1 to all periods$/ }).click();
    await page.getByText(/Copied P1 00:00–00:15 \(2 rows\) to all (92|96|100) periods\./).waitFor();
    await form.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/#\/bidding\?bid=[0-9a-f-]{36}$/);
    const id = new URL(page.url().replace('#/', '')).searchParams.get('bid') ?? '';
    const saved = page.getByRole('region', { name: `Bid ${id.slice(0, 8)}` });
    await saved.getByText('Draft', { exact: true }).waitFor();

    // The colleague's history shows the draft without a reload.
    const theirRow = colleague.page.getByRole('table', { name: 'Bid history' }).locator(`tr[data-bid="${id}"]`);
    await expect.poll(() => theirRow.locator('.bid-status').textContent(), { timeout: 10_000 }).toBe('Draft');

    await saved.getByRole('button', { name: 'Submit…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Submit bid' });
    await dialog.getByText(/prices are more than 250 EUR\/MWh from the recent market price/).waitFor();
    expect(await dialog.textContent()).toContain('DE_LU · day-ahead');
    await dialog.getByRole('button', { name: 'Confirm and submit' }).click();
    await page.getByRole('status').filter({ hasText: 'Bid submitted' }).waitFor();

    const row = page.getByRole('table', { name: 'Bid history' }).locator(`tr[data-bid="${id}"]`);
    await expect.poll(() => row.locator('.bid-status').textContent()).toBe('Submitted');
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['DE_LU', 'DA', 'North wind pool', 'sell', 'curve']));
    // Submitted: read only, to be cancelled while the gate is open, never saved or deleted.
    expect(await saved.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
    expect(await saved.getByRole('button', { name: 'Cancel bid…' }).count()).toBe(1);
    await row.scrollIntoViewIfNeeded();
    await owner.shot('bidding-history');

    await expect.poll(() => theirRow.locator('.bid-status').textContent(), { timeout: 10_000 }).toBe('Submitted');
    await theirRow.getByRole('button').click();
    await colleague.page.getByRole('region', { name: `Bid ${id.slice(0, 8)}` }).getByText('Submitted', { exact: true }).waitFor();
    await colleague.shot('bidding-second-terminal');
  });

  it('fills the table from a spreadsheet paste: rows into the period, period/price/volume rows into each period', async () => {
    await page.getByRole('button', { name: /^New bid/ }).click();
    const form = page.getByRole('form', { name: 'New bid' });
    await paste(cell('Price', 1), 'Price\tVolume\n-500\t0\n45,5\t-5\n120\t-12\n');
    expect(await Promise.all([1, 2, 3].flatMap((row) => [cell('Price', row).inputValue(), cell('Volume', row).inputValue()]))).toEqual(['-500', '0', '45,5', '-5', '120', '-12']);
    await page.getByText('Pasted 3 rows into P1 00:00–00:15.').waitFor();

    await paste(cell('Price', 1), 'period;price;volume\n5;10;0\n5;20;-2\n6;10;0\n6;30;-3\n');
    await page.getByText('Pasted the curves of 2 periods (P5, P6).').waitFor();
    expect(await form.getByLabel('Period', { exact: true }).locator('option:checked').textContent()).toMatch(/^P5 01:00–01:15/);
    expect([await cell('Price', 2).inputValue(), await cell('Volume', 2).inputValue()]).toEqual(['20', '-2']);
    await form.getByRole('button', { name: 'Next period' }).click();
    expect([await cell('Price', 2).inputValue(), await cell('Volume', 2).inputValue()]).toEqual(['30', '-3']);
    expect(owner.problems).toEqual([]);
    expect(colleague.problems).toEqual([]);
  });
});
