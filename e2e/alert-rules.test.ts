import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type EngineProcess } from './support/engine-process.js';
import { signedInPage, type SignedInPage } from './support/signed-in-page.js';

const TRADER = { email: 'grace@desk.example', password: 'correct horse battery staple', displayName: 'Grace Trader' };

/**
 * A trader's alert rules in the browser, against the engine in browser mode with its default
 * simulator feed (a price for every zone each second): the rule made in the form fires on the
 * live prices and the alert shows as a toast.
 */
describe('alert rules in the terminal', () => {
  let engine: EngineProcess;
  let browser: SignedInPage;
  let page: Page;
  const form = (): ReturnType<Page['getByRole']> => page.getByRole('form', { name: 'New rule' });

  beforeAll(async () => {
    engine = await startBrowserMode();
    browser = await signedInPage(engine.url, TRADER);
    page = browser.page;
  });
  afterAll(async () => {
    await browser.chromium.close();
    await engine.stop();
  });

  it('shows each kind of rule with its own fields, checked as the trader types', async () => {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Alerts' }).click();
    await page.waitForURL(/#\/alerts$/);
    await page.getByText('No rules yet', { exact: false }).waitFor();

    await form().getByLabel('Condition').selectOption('spread');
    expect(await form().getByLabel('Minus zone').isVisible()).toBe(true);
    await form().getByLabel('Spread above (EUR/MWh)').fill('12.345');
    await expect.poll(() => form().locator('.field__error').allTextContents()).toEqual(['12.345 is not a whole number of cents']);
    await form().getByRole('button', { name: 'Create rule' }).click();
    expect(await form().locator('.field__error').allTextContents()).toEqual(['choose the zone to compare with', '12.345 is not a whole number of cents']);
    await browser.shot('alerts-form-errors');

    await form().getByLabel('Condition').selectOption('data_gap');
    expect(await form().getByLabel('No price for (minutes)').inputValue()).toBe('15');
    expect(await form().getByLabel(/Level|Spread|Move/).count()).toBe(0);
    await form().getByLabel('Condition').selectOption('price_above');
    await form().getByLabel('Zone', { exact: true }).selectOption('DE_LU');
    await form().getByLabel('Level (EUR/MWh)').fill('abc');
    await expect.poll(() => form().locator('.field__error').allTextContents()).toEqual(['must be a number, e.g. 80 or -12.50']);
    await form().getByLabel('Level (EUR/MWh)').fill('4000.01');
    await expect.poll(() => form().locator('.field__error').allTextContents()).toEqual(["4000.01 is outside DE_LU's price limits (-500 to 4000 EUR/MWh)"]);
  });

  it('fires a “price above” rule on the live feed: the alert shows as a toast and among the recent alerts', async () => {
    // The simulator never prices below the zone's floor, so a level there is crossed at the next tick.
    await form().getByLabel('Level (EUR/MWh)').fill('-500');
    await form().getByLabel('Name (optional)').fill('DE_LU above the floor');
    await form().getByRole('button', { name: 'Create rule' }).click();

    const toast = page.getByRole('status').filter({ hasText: 'DE_LU above the floor' }).filter({ hasText: /DE_LU at -?[\d.]+ EUR\/MWh, above -500\.00/ });
    await toast.waitFor({ timeout: 10_000 });
    const rules = page.getByRole('table', { name: 'Alert rules' });
    const row = rules.getByRole('row', { name: /DE_LU above the floor/ });
    expect(await row.textContent()).toContain('DE_LU above -500.00 EUR/MWh');
    await expect.poll(() => row.locator('td').nth(3).textContent()).toMatch(/UTC$/);
    await page.getByRole('table', { name: 'Recent alerts' }).getByRole('row', { name: /DE_LU above the floor/ }).waitFor();
    await browser.shot('alerts');

    await row.getByRole('button', { name: 'Edit' }).click();
    const editing = page.getByRole('form', { name: 'Edit rule DE_LU above the floor' });
    expect(await editing.getByLabel('Level (EUR/MWh)').inputValue()).toBe('-500');
    await editing.getByLabel('Cooldown (minutes)').fill('30');
    await editing.getByRole('button', { name: 'Save rule' }).click();
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('30 min');
    await form().waitFor();

    await row.getByRole('checkbox', { name: 'Enabled: DE_LU above the floor' }).click();
    await expect.poll(() => row.getByRole('checkbox').isChecked()).toBe(false);
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No rules yet', { exact: false }).waitFor();
    expect(browser.problems).toEqual([]);
  });
});
