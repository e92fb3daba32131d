import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { Bid } from '../../../shared/api/bids.js';
import type { DayAheadResultEvent } from '../../../shared/api/market-data.js';
import { backends } from '../../testing/backends.js';
import { curveDraft, openBidDesk, type BidDesk } from '../../testing/bid-desk.js';
import { steppingClock } from '../../testing/clock.js';
import { tempDir, testConfig, type TempDir } from '../../testing/environment.js';
import { eventually } from '../../testing/eventually.js';
import { Fault, startFaultProxy, type FaultProxy } from '../../testing/fault-proxy.js';
import { pollHealth, serviceOf } from '../../testing/health.js';
import { createTestDatabase, type TestDatabase } from '../../testing/postgres.js';
import { createEngine, type Engine } from '../engine.js';

// Thursday 26 March 2026, 09:00 in Brussels; Friday's DE_LU gate closes at 12:00 (11:00 UTC), 96 quarter hours.
const START = '2026-03-26T08:00:00Z';
const FRIDAY = '2026-03-27';
const FRIDAY_START = Date.parse('2026-03-26T23:00:00Z');

/** Friday's published DE_LU results: `price(period)` for each of its 96 quarter hours. */
const results = (price: (period: number) => number): DayAheadResultEvent => ({
  zoneId: 'DE_LU',
  deliveryDay: FRIDAY,
  resolutionMinutes: 15,
  currency: 'EUR',
  source: 'simulator',
  periods: Array.from({ length: 96 }, (_, index) => ({ at: new Date(FRIDAY_START + index * 900_000).toISOString(), price: price(index + 1) })),
});

describe.each(backends)('submitted bids decided on the published day-ahead results on $dialect', ({ prepare }) => {
  let desk: BidDesk;
  const bid = async (id: string): Promise<Bid> => (await desk.call('GET', `/api/bids/${id}`, 'tina')).json<Bid>();

  beforeAll(async () => {
    desk = await openBidDesk(prepare, START);
  });
  afterAll(() => desk.dispose());

  it('decides each submitted bid once, as a price-taker, with results per period and the reason; drafts are left alone', async () => {
    // Sells nothing up to 20 EUR and 4 MW from 80.10 EUR in periods 1-2 (the ends of a step curve extend to the price limits).
    const sell = curveDraft(FRIDAY, { side: 'sell', curve: [1, 2].map((period) => ({ period, points: [{ price: 20, volume: 0 }, { price: 80.1, volume: -4 }] })) });
    const draft = curveDraft(FRIDAY);
    for (const made of [sell, draft]) expect((await desk.call('POST', '/api/bids', 'tina', made)).statusCode).toBe(201);
    expect((await desk.call('POST', `/api/bids/${sell.id}/submit`, 'tina', { submissionId: randomUUID(), version: 1, confirmWarnings: [] })).statusCode).toBe(200);
    const heard = await desk.listen('vic');

    // Period 1 clears at 90 EUR (4 MW in the money), period 2 at 15 EUR (nothing).
    desk.engine.events.publish('day-ahead-result', results((period) => (period === 1 ? 90 : 15)));
    await eventually(async () => (await bid(sell.id)).status !== 'submitted', 'the bid to be decided');

    const decided = await bid(sell.id);
    expect([decided.status, decided.version, decided.decidedAt !== null]).toEqual(['partially_accepted', 3, true]);
    expect(decided.results).toEqual([
      { period: 1, clearedVolume: -4, clearingPrice: 90 },
      { period: 2, clearedVolume: 0, clearingPrice: 15 },
    ]);
    expect(decided.reason).toMatch(/price-taker/i);
    expect((await bid(draft.id)).status).toBe('draft');
    await eventually(() => heard.some((update) => update.bidId === sell.id && update.status === 'partially_accepted'), 'the decision to reach the organisation');

    // The same results heard again (another terminal of the floor, a replay) decide nothing twice.
    desk.engine.events.publish('day-ahead-result', results(() => 100));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await bid(sell.id)).toMatchObject({ status: 'partially_accepted', version: 3 });
  });
});

describe('results published while the shared database is out of reach', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  let dir: TempDir;
  let terminal: Engine;
  let tokens: AuthTokens;
  const call = (method: 'GET' | 'POST', url: string, payload?: object) => terminal.app.inject({ method, url, headers: { authorization: `Bearer ${tokens.accessToken}` }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await startFaultProxy(database.url);
    dir = await tempDir();
    terminal = await createEngine(testConfig(dir.path, { DATABASE_URL: proxy.url }), { clock: steppingClock(START) });
    tokens = (
      await terminal.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'tina@desk.example', password: 'correct horse battery staple', displayName: 'Tina', organizationName: 'Desk' } })
    ).json<AuthTokens>();
  });
  afterAll(async () => {
    await terminal.close();
    await proxy.close();
    await database.drop();
    await dir.remove();
  });

  it('decide their submitted bids when it returns: a day is published once', async () => {
    const sell = curveDraft(FRIDAY, { side: 'sell', curve: [1].map((period) => ({ period, points: [{ price: 20, volume: 0 }, { price: 80.1, volume: -4 }] })) });
    expect((await call('POST', '/api/bids', sell)).statusCode).toBe(201);
    expect((await call('POST', `/api/bids/${sell.id}/submit`, { submissionId: randomUUID(), version: 1, confirmWarnings: [] })).statusCode).toBe(200);

    proxy.setMode(Fault.blackhole);
    await pollHealth(terminal, (report) => serviceOf(report, 'database').status === 'unavailable', 6000);
    terminal.events.publish('day-ahead-result', results(() => 90));
    // Offline, the bid is read from the cache: still submitted.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await call('GET', `/api/bids/${sell.id}`)).json<Bid>().status).toBe('submitted');

    proxy.setMode(Fault.pass);
    await eventually(async () => (await call('GET', `/api/bids/${sell.id}`)).json<Bid>().status === 'accepted', 'the kept results to decide the bid', 10_000);
    expect((await call('GET', `/api/bids/${sell.id}`)).json<Bid>().results).toEqual([{ period: 1, clearedVolume: -4, clearingPrice: 90 }]);
  });
});
