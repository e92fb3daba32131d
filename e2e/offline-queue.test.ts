import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../shared/api/auth.js';
import type { Bid } from '../shared/api/bids.js';
import { deskCurve } from '../main/testing/bid-fixtures.js';
import { Fault, startFaultProxy, type FaultProxy } from '../main/testing/fault-proxy.js';
import { createTestDatabase, queryRows, type TestDatabase } from '../main/testing/postgres.js';
import { startBrowserMode, type EngineProcess } from './support/engine-process.js';
import { signedInPage, type SignedInPage } from './support/signed-in-page.js';

const TRADER = { email: 'olga@desk.example', password: 'correct horse battery staple', displayName: 'Olga Trader', organizationName: 'Desk' };
const DAY_MS = 86_400_000;
/** RELIABILITY.md: an outage shows as offline within 5 s; the queue drains within 10 s of the database's return (plus the page's reload). */
const OFFLINE_SHOWN_MS = 5000;
const DRAINED_SHOWN_MS = 15_000;

/** The sync tests' DE_LU buy curve, two days ahead: its gate is open whenever the test runs. */
const curveDraft = (price: number) => deskCurve(new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10), price);

const shortId = (id: string): string => `${id.slice(0, 8)}…`;

/**
 * The offline queue page against a terminal whose shared PostgreSQL sits behind our fault proxy
 * (offline = the proxy answers nothing; the terminal notices by itself), and a second terminal
 * directly on the same PostgreSQL changing bids meanwhile — as main/engine/sync/offline-sync.test.ts,
 * seen through the browser.
 */
describe('the offline queue and its conflicts in the terminal', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  let terminal: EngineProcess;
  let other: EngineProcess;
  let browser: SignedInPage;
  let page: Page;
  let mine: AuthTokens;
  let theirs: AuthTokens;

  /** A bid route of an engine, as the trader: every answer used here is a bid (or an error only its status matters for). */
  const call = async (engine: EngineProcess, tokens: AuthTokens, method: 'POST' | 'PUT', path: string, body: object): Promise<{ status: number; body: Bid }> => {
    const response = await fetch(new URL(path, engine.url), { method, headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Bid };
  };
  const signIn = async (engine: EngineProcess): Promise<AuthTokens> => {
    const response = await fetch(new URL('/api/auth/login', engine.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: TRADER.email, password: TRADER.password }) });
    expect(response.status).toBe(200);
    return (await response.json()) as AuthTokens;
  };
  const createDraft = async (price: number): Promise<Bid> => {
    const created = await call(terminal, mine, 'POST', '/api/bids', { id: randomUUID(), ...curveDraft(price) });
    expect(created.status).toBe(201);
    return created.body;
  };
  const databaseStatus = (state: string): Locator => page.locator(`[data-testid="database-status"][data-state="${state}"]`);
  const goOffline = async (): Promise<void> => {
    proxy.setMode(Fault.blackhole);
    await databaseStatus('offline').waitFor({ timeout: OFFLINE_SHOWN_MS });
  };
  const queueRow = (bidId: string, words: string): Locator => page.getByRole('table', { name: 'Offline queue' }).getByRole('row', { name: new RegExp(`${words} ${bidId.slice(0, 8)}`) });
  const conflictOf = (bidId: string): Locator => page.getByRole('region', { name: `Conflict on bid ${shortId(bidId)}`, exact: false });

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startFaultProxy(database.url);
    [terminal, other] = await Promise.all([
      startBrowserMode({ settings: { DATABASE_URL: proxy.url, OPTIBID_FEEDS: 'none' } }),
      startBrowserMode({ settings: { DATABASE_URL: database.url, OPTIBID_FEEDS: 'none' } }),
    ]);
    // Tall enough that a conflict's both versions and its buttons show in one screenshot.
    browser = await signedInPage(terminal.url, TRADER, { width: 1280, height: 1100 });
    page = browser.page;
    // The test's own requests as the same trader: the page's session stays the page's.
    [mine, theirs] = await Promise.all([signIn(terminal), signIn(other)]);
  });
  afterAll(async () => {
    await browser.chromium.close();
    await Promise.all([terminal.stop(), other.stop()]);
    await proxy.close();
    await database.drop();
  });

  it('lists a draft made offline as pending, then done with the queue empty once the shared database returns, without a reload', async () => {
    await createDraft(10);
    await databaseStatus('online').waitFor();
    await goOffline();

    const offline = await call(terminal, mine, 'POST', '/api/bids', { id: randomUUID(), ...curveDraft(30) });
    expect([offline.status, offline.body.syncState]).toEqual([201, 'queued']);
    // The status bar's database state is the way to the queue.
    await page.getByLabel('Terminal status').getByRole('link', { name: 'offline · 1 queued' }).click();
    await page.waitForURL(/#\/sync$/);

    const row = queueRow(offline.body.id, 'Draft bid');
    await expect.poll(() => row.locator('.badge').textContent()).toBe('pending');
    expect(await row.getByRole('link').getAttribute('href')).toBe(`#/bidding?bid=${offline.body.id}`);
    expect([await page.getByTestId('sync-state').textContent(), await page.getByTestId('sync-queued').textContent()]).toEqual(['offline', '1']);
    await browser.shot('offline-queue-offline');

    proxy.setMode(Fault.pass);
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: DRAINED_SHOWN_MS }).toBe('done');
    await expect.poll(() => page.getByTestId('sync-queued').textContent()).toBe('0');
    await expect.poll(() => page.getByTestId('sync-state').textContent()).toBe('online');
    expect(await row.locator('td').nth(4).textContent()).toMatch(/UTC$/);
    await browser.shot('offline-queue-synced');
    expect(await queryRows(database.url, 'SELECT id, status FROM bids WHERE id = $1', [offline.body.id])).toEqual([{ id: offline.body.id, status: 'draft' }]);
  });

  it('shows a draft changed here offline and on the shared database meanwhile with both versions; “Keep mine” puts this terminal’s on top, an error says why it cannot', async () => {
    const [kept, lost] = [await createDraft(10), await createDraft(20)];
    await goOffline();
    for (const [bid, price] of [
      [kept, 11],
      [lost, 21],
    ] as const) {
      const edited = await call(terminal, mine, 'PUT', `/api/bids/${bid.id}`, { ...curveDraft(price), version: 1 });
      expect([edited.status, edited.body.syncState]).toEqual([200, 'queued']);
      expect((await call(other, theirs, 'PUT', `/api/bids/${bid.id}`, { ...curveDraft(price + 1), version: 1 })).status).toBe(200);
    }
    proxy.setMode(Fault.pass);
    await conflictOf(kept.id).waitFor({ timeout: DRAINED_SHOWN_MS });
    await conflictOf(lost.id).waitFor();
    await expect.poll(() => page.getByRole('heading', { name: 'Conflicts' }).locator('..').textContent()).toContain('2 open');

    // Both versions side by side: the changed price is marked, the unchanged volume is not.
    const curve = conflictOf(kept.id).getByRole('table', { name: /^Curve of bid/ });
    const firstPoint = curve.getByRole('row').nth(2).locator('td');
    expect(await firstPoint.allTextContents()).toEqual(['1', '1', '≠', '11.00', '+1.0', '12.00', '+1.0']);
    expect(await firstPoint.evaluateAll((cells) => cells.map((cell) => cell.classList.contains('diff')))).toEqual([false, false, false, true, false, true, false]);
    const fields = conflictOf(kept.id).getByRole('table', { name: /^Both versions of bid/ });
    expect(await fields.getByRole('row', { name: /^Version/ }).locator('td').allTextContents()).toEqual(['', '2', '2']);
    expect(await page.getByRole('table', { name: 'Offline queue' }).getByRole('row', { name: new RegExp(`Edit bid ${kept.id.slice(0, 8)}`) }).locator('.badge').textContent()).toBe('conflict');

    // The other terminal submits its version meanwhile: this terminal's can no longer replace it.
    const submitted = await call(other, theirs, 'POST', `/api/bids/${lost.id}/submit`, { submissionId: randomUUID(), version: 2, confirmWarnings: [] });
    expect(submitted.status).toBe(200);
    await conflictOf(lost.id).getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => conflictOf(lost.id).getByRole('alert').textContent()).toContain('The bid is submitted on the shared database');
    expect(await conflictOf(lost.id).getByRole('button', { name: 'Keep mine' }).isDisabled()).toBe(true);
    await browser.shot('offline-queue-conflict');

    await conflictOf(kept.id).getByRole('button', { name: 'Keep mine' }).click();
    await conflictOf(kept.id).waitFor({ state: 'detached' });
    await conflictOf(lost.id).getByRole('button', { name: 'Keep theirs' }).click();
    await conflictOf(lost.id).waitFor({ state: 'detached' });
    const resolved = page.getByRole('table', { name: 'Resolved conflicts' });
    expect(await resolved.getByRole('row', { name: new RegExp(kept.id.slice(0, 8)) }).locator('td').first().textContent()).toBe('kept this terminal’s version');
    expect(await resolved.getByRole('row', { name: new RegExp(lost.id.slice(0, 8)) }).locator('td').first().textContent()).toBe('kept the shared database’s version');
    const keptWrite = page.getByRole('table', { name: 'Offline queue' }).getByRole('row', { name: new RegExp(`Edit bid ${kept.id.slice(0, 8)}`) });
    expect([await keptWrite.locator('.badge').textContent(), await keptWrite.locator('td').nth(3).textContent()]).toEqual(['resolved', 'Conflict resolved: kept this terminal’s version']);
    expect(await queryRows(database.url, 'SELECT price_minor, volume_kw FROM bid_curve_points WHERE bid_id = $1 AND seq = 0', [kept.id])).toEqual([{ price_minor: '1100', volume_kw: '1000' }]);
    await browser.shot('offline-queue-resolved');
    expect(browser.problems).toEqual([]);
  });

  it('shows the draft of a trader lowered to viewer while this terminal was offline as failed, with the reason, and the shared database without it', async () => {
    await databaseStatus('online').waitFor();
    const json = async <T,>(engine: EngineProcess, token: string | null, method: 'POST' | 'PUT', path: string, body: object): Promise<T> => {
      const response = await fetch(new URL(path, engine.url), { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return (await response.json()) as T;
    };
    const deskId = mine.user.currentOrganizationId ?? '';
    const petr = { email: 'petr@desk.example', password: TRADER.password };
    const registered = await json<AuthTokens>(terminal, null, 'POST', '/api/auth/register', { ...petr, displayName: 'Petr' });
    await json(terminal, mine.accessToken, 'POST', `/api/organizations/${deskId}/members`, { email: petr.email, role: 'trader' });
    const signedIn = await json<AuthTokens>(terminal, null, 'POST', '/api/auth/login', petr);
    const inDesk = await json<{ accessToken: string }>(terminal, signedIn.accessToken, 'PUT', '/api/auth/current-organization', { organizationId: deskId });

    await goOffline();
    const his = await json<Bid>(terminal, inDesk.accessToken, 'POST', '/api/bids', { id: randomUUID(), ...curveDraft(40) });
    expect(his.syncState).toBe('queued');
    await json(other, theirs.accessToken, 'PUT', `/api/organizations/${deskId}/members/${registered.user.id}`, { role: 'viewer' });
    await page.goto(`${terminal.url}#/sync`);
    const row = queueRow(his.id, 'Draft bid');
    await expect.poll(() => row.locator('.badge').textContent()).toBe('pending');

    proxy.setMode(Fault.pass);
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: DRAINED_SHOWN_MS }).toBe('failed');
    expect(await row.locator('td').nth(3).textContent()).toBe('Not applied: petr@desk.example holds the viewer role now; bids need trader or higher');
    await browser.shot('offline-queue-refused');
    expect(await queryRows(database.url, 'SELECT id FROM bids WHERE id = $1', [his.id])).toEqual([]);
    expect(browser.problems).toEqual([]);
  });

  it('lists the trader’s alert rules while the shared database is gone, and says why the stored alerts cannot be shown', async () => {
    await databaseStatus('online').waitFor();
    const rule = await fetch(new URL('/api/alerts/rules', terminal.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${mine.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'price_above', name: 'DE_LU above 80 (offline)', zoneId: 'DE_LU', threshold: 80, severity: 'critical', enabled: true, cooldownMinutes: 15 }),
    });
    expect(rule.status).toBe(201);
    await goOffline();
    try {
      await page.goto(`${terminal.url}#/alerts`);
      await page.getByRole('table', { name: 'Alert rules' }).getByRole('row', { name: /DE_LU above 80 \(offline\)/ }).waitFor();
      const recent = page.getByRole('region', { name: 'Recent alerts' });
      // The stored alerts are on the shared database: the reason shows, not "None yet".
      await recent.locator('.form-error').waitFor();
      expect(await recent.getByText('None yet', { exact: false }).count()).toBe(0);
      await browser.shot('alerts-offline');
      expect(browser.problems).toEqual([]);
    } finally {
      proxy.setMode(Fault.pass);
    }
  });

  it('opens the connection settings while the shared database is gone, and tests a replacement there', async () => {
    await databaseStatus('online').waitFor();
    await goOffline();
    try {
      await page.goto(`${terminal.url}#/settings/connection`);
      const facts = page.getByRole('region', { name: 'Database connection' });
      const running = new URL(proxy.url);
      await expect.poll(() => facts.locator('dd').first().textContent()).toMatch(new RegExp(`^postgres://${running.username}@${running.host}${running.pathname}$`));
      // The replacement an operator would move to: the server itself, not the dead proxy in front of it.
      await page.getByLabel('Remote PostgreSQL URL').fill(database.url);
      await page.getByRole('button', { name: 'Test' }).click();
      const result = page.getByTestId('connection-test-result');
      await expect.poll(() => result.getAttribute('data-ok')).toBe('true');
      expect(await result.locator('strong').textContent()).toMatch(/^Connected to /);
      // Set by the environment here: the page says so, and Save stays disabled.
      expect(await facts.getByText('DATABASE_URL is set in the environment; change it there.').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
      await browser.shot('connection-settings-offline');
      expect(browser.problems).toEqual([]);
    } finally {
      proxy.setMode(Fault.pass);
    }
  });
});
