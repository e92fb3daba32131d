import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type HeadlessChromium } from './chromium.js';
import { repoRoot } from './engine-process.js';

export const SCREENSHOTS = join(repoRoot, 'dist/test-results/pages');

export interface Trader {
  email: string;
  password: string;
  displayName: string;
  /** Registers with a new organisation of this name (the trader then owns it: bids need one). */
  organizationName?: string;
}

export interface SignedInPage {
  chromium: HeadlessChromium;
  page: Page;
  /** Uncaught errors of the page: a test ends by expecting none. */
  problems: string[];
  /** Saves a screenshot of the whole page as dist/test-results/pages/NAME.png, to be looked at. */
  shot(name: string): Promise<void>;
}

/**
 * A trader registered through the API of the engine at `engineUrl` (unless `register` is false:
 * one registered already, e.g. then made a member of another organisation), then signed in
 * through the sign-in page of a fresh Chromium, on the dashboard.
 */
export async function signedInPage(engineUrl: string, trader: Trader, viewport?: { width: number; height: number }, register = true): Promise<SignedInPage> {
  if (register) {
    const registered = await fetch(new URL('/api/auth/register', engineUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(trader) });
    if (registered.status !== 201) throw new Error(`Registering ${trader.email} answered ${String(registered.status)}: ${await registered.text()}`);
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  const chromium = await launchChromium();
  const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${error.name}: ${error.message}`));
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(`${engineUrl}#/sign-in`);
  await page.getByLabel('Email').fill(trader.email);
  await page.getByLabel('Password').fill(trader.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/#\/dashboard$/);
  return {
    chromium,
    page,
    problems,
    shot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
  };
}
