import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bid } from '../../../shared/api/bids.js';
import type { DayAheadResultEvent } from '../../../shared/api/market-data.js';
import { backends } from '../../testing/backends.js';
import { curveDraft, openBidDesk, type BidDesk } from '../../testing/bid-desk.js';
import { eventually } from '../../testing/eventually.js';

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
