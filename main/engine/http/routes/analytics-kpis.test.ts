import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TradingKpis } from '../../../../shared/api/analytics.js';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import type { Bid } from '../../../../shared/api/bids.js';
import type { DayAheadResultEvent } from '../../../../shared/api/market-data.js';
import { STREAM_PATH, type StreamServerMessage } from '../../../../shared/api/stream.js';
import { backends } from '../../../testing/backends.js';
import { curveDraft, errorOf, openBidDesk, type BidDesk, type DeskMember } from '../../../testing/bid-desk.js';
import { eventually } from '../../../testing/eventually.js';
import { connectStream, type StreamClient } from '../../../testing/stream-client.js';
import type { StoredPrice } from '../../db/repositories/market-data-repository.js';
import { asJson } from '../../db/sql/executor.js';

// Thursday 26 March 2026, 09:00 in Brussels: the trading day is the UTC day 2026-03-26. Friday's
// DE_LU gate closes at 12:00 (11:00 UTC); Friday has 96 quarter hours.
const START = '2026-03-26T08:00:00Z';
const FRIDAY = '2026-03-27';
const FRIDAY_START = Date.parse('2026-03-26T23:00:00Z');
const QUARTER = 15 * 60_000;
const HOUR = 3_600_000;

/** Friday's DE_LU day-ahead prices: 90.00 in period 1, 15.00 in period 2, 50.00 in every other. */
const friday = (period: number): number => (period === 1 ? 90 : period === 2 ? 15 : 50);

/** Sells 4 MW from 80.10 in periods 1-2 (nothing up to 20.00). */
const SELL = { side: 'sell', curve: [1, 2].map((period) => ({ period, points: [{ price: 20, volume: 0 }, { price: 80.1, volume: -4 }] })) };

const isKpis =
  (snapshot: boolean, holds: (kpis: TradingKpis) => boolean = () => true) =>
  (message: StreamServerMessage): boolean =>
    message.type === 'event' && message.topic === 'kpis' && message.snapshot === snapshot && holds(message.data);

describe.each(backends)('the organisation’s trading KPIs on $dialect', ({ prepare }) => {
  let desk: BidDesk;
  let wsUrl: string;
  const clients: StreamClient[] = [];
  const kpis = async (who: DeskMember = 'vic'): Promise<TradingKpis> => (await desk.call('GET', '/api/analytics/real-time-kpis', who)).json<TradingKpis>();
  const bid = async (id: string): Promise<Bid> => (await desk.call('GET', `/api/bids/${id}`, 'tina')).json<Bid>();
  const draftAndSubmit = async (overrides: Record<string, unknown>, submit = true): Promise<string> => {
    const draft = curveDraft(FRIDAY, overrides);
    expect((await desk.call('POST', '/api/bids', 'tina', draft)).statusCode).toBe(201);
    if (submit) expect((await desk.call('POST', `/api/bids/${draft.id}/submit`, 'tina', { submissionId: randomUUID(), version: 1, confirmWarnings: [] })).statusCode).toBe(200);
    return draft.id;
  };
  const streamOf = async (who: DeskMember): Promise<StreamClient> => {
    const { accessToken } = (
      await desk.engine.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `${who}@desk.example`, password: 'correct horse battery staple' } })
    ).json<AuthTokens>();
    const client = await connectStream(wsUrl);
    clients.push(client);
    client.send({ type: 'auth', accessToken });
    client.send({ type: 'subscribe', topic: 'kpis' });
    return client;
  };

  beforeAll(async () => {
    desk = await openBidDesk(prepare, START);
    await desk.engine.app.listen({ host: '127.0.0.1', port: 0 });
    const address = desk.engine.app.server.address();
    wsUrl = `ws://127.0.0.1:${String(typeof address === 'object' && address ? address.port : 0)}${STREAM_PATH}`;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await desk.dispose();
  });

  it('serves the KPIs from the cache for seconds, but never once a bid has changed since', async () => {
    // Before any bid: nothing publishes behind the test's back.
    const first = await kpis();
    expect(Date.parse(first.expiresAt) - Date.parse(first.computedAt)).toBe(10_000);
    desk.clock.advance(1000);
    expect(await kpis()).toEqual(first);
    await draftAndSubmit({}, false);
    expect((await kpis()).bids).toEqual({ ...first.bids, drafted: 1 });
  });

  it('counts, prices and values the day’s bids: drafted, submitted (not withdrawn), decided, against the day-ahead prices of their periods', async () => {
    const sell = await draftAndSubmit(SELL);
    const buy = await draftAndSubmit({});
    await draftAndSubmit({}, false);
    await desk.engine.store.marketData.insertMany(
      Array.from({ length: 96 }, (_, index): StoredPrice => ({
        zoneId: 'DE_LU',
        market: 'day_ahead',
        resolutionMinutes: 15,
        intervalStart: new Date(FRIDAY_START + index * QUARTER),
        priceMinor: friday(index + 1) * 100,
        source: 'simulator',
        receivedAt: new Date(START),
      })),
    );

    expect(await kpis()).toMatchObject({
      organizationId: desk.organizationOf.alice,
      day: '2026-03-26',
      // The draft of the test before, and these three.
      bids: { drafted: 4, submitted: 2, accepted: 0, partiallyAccepted: 0, rejected: 0 },
      acceptanceRate: null,
      // The sell curve offers 4 MW in 2 quarter hours (2 MWh); the buy curve 5 MW in 4 (5 MWh).
      volume: { submittedMwh: 7, clearedMwh: 0 },
      byCurrency: [
        {
          currency: 'EUR',
          // The buy curve: 3.5 MW up to 10.50 in periods 1-4 (priced 90, 15, 50, 50); its last 1.5 MW bids at any price and is left out.
          buy: { averageBidPrice: 10.5, averageMarketPrice: 51.25, mwh: 3.5 },
          // The sell curve: 4 MW from 80.10 in periods 1-2 (priced 90, 15).
          sell: { averageBidPrice: 80.1, averageMarketPrice: 52.5, mwh: 2 },
          estimatedPnl: 0,
        },
      ],
      queuedOffline: 0,
    });

    const results: DayAheadResultEvent = {
      zoneId: 'DE_LU',
      deliveryDay: FRIDAY,
      resolutionMinutes: 15,
      currency: 'EUR',
      source: 'simulator',
      periods: Array.from({ length: 96 }, (_, index) => ({ at: new Date(FRIDAY_START + index * QUARTER).toISOString(), price: friday(index + 1) })),
    };
    desk.engine.events.publish('day-ahead-result', results);
    await eventually(async () => (await bid(sell)).status !== 'submitted' && (await bid(buy)).status !== 'submitted', 'both bids to be decided');
    expect([(await bid(sell)).status, (await bid(buy)).status]).toEqual(['partially_accepted', 'accepted']);

    const decided = await kpis();
    expect(decided).toMatchObject({
      bids: { drafted: 4, submitted: 2, accepted: 1, partiallyAccepted: 1, rejected: 0 },
      acceptanceRate: 1,
      // Sold 4 MW in period 1 (1 MWh); bought 1.5 MW in each of 4 periods (1.5 MWh).
      volume: { submittedMwh: 7, clearedMwh: 2.5 },
    });
    // The 1 MWh sold from 80.10 at 90.00 earned 9.90; the buy's 3.5 MW up to 10.50 never cleared, and its price-taking 1.5 MW earns none of its own.
    expect(decided.byCurrency.map(({ currency, estimatedPnl }) => [currency, estimatedPnl])).toEqual([['EUR', 9.9]]);
    // A bid submitted and withdrawn before the gate is not in the market: drafted, but neither submitted nor priced.
    const withdrawn = await draftAndSubmit({});
    expect((await desk.call('POST', `/api/bids/${withdrawn}/cancel`, 'tina', { version: 2 })).json<Bid>().status).toBe('cancelled');
    expect(await kpis()).toMatchObject({ bids: { ...decided.bids, drafted: 5 }, volume: decided.volume, byCurrency: decided.byCurrency });
    expect((await kpis('bob')).bids).toEqual({ drafted: 0, submitted: 0, accepted: 0, partiallyAccepted: 0, rejected: 0 });
    expect((await desk.engine.app.inject({ url: '/api/analytics/real-time-kpis' })).statusCode).toBe(401);
  });

  it('pushes the KPIs to the organisation’s open terminals when a bid is submitted, and to no one else', async () => {
    const vic = await streamOf('vic');
    const bob = await streamOf('bob');
    const snapshot = await vic.next(isKpis(true));
    expect(snapshot).toMatchObject({ data: { organizationId: desk.organizationOf.alice } });
    const before = snapshot.type === 'event' && snapshot.topic === 'kpis' ? snapshot.data.bids.submitted : -1;
    expect(await bob.next(isKpis(true))).toMatchObject({ data: { organizationId: desk.organizationOf.bob, bids: { submitted: 0 } } });

    await draftAndSubmit({});
    const pushed = await vic.next(isKpis(false, (data) => data.bids.submitted === before + 1), 5000);
    expect(pushed).toMatchObject({ data: { organizationId: desk.organizationOf.alice, volume: { submittedMwh: expect.any(Number) as unknown } } });
    // Settled a moment (the pause between publications is 250 ms): nothing reached the other organisation.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(bob.messages.filter((message) => isKpis(false)(message))).toEqual([]);
  });

  it('counts the day from midnight to midnight in the organisation’s trading-day time zone, which owners and admins set', async () => {
    const tradingDay = async (who: DeskMember): Promise<unknown> => (await desk.call('GET', '/api/trading-day', who)).json();
    const setTradingDay = (who: DeskMember, timeZone: string) => desk.call('PUT', '/api/trading-day', who, { timeZone });
    // The tests before ran on this morning's clock (08:00 UTC and a little after).
    expect(desk.clock.now().getTime()).toBeLessThan(Date.parse('2026-03-26T10:00:00Z'));
    expect(await tradingDay('vic')).toEqual({ timeZone: 'UTC' });
    const utc = await kpis();
    expect(utc).toMatchObject({ day: '2026-03-26', timeZone: 'UTC', dayStart: '2026-03-26T00:00:00.000Z', dayEnd: '2026-03-27T00:00:00.000Z' });
    expect(utc.bids.drafted).toBeGreaterThan(0);

    // Refused without a change: a trader, a name the time zone database does not know, a name that is not one.
    expect(errorOf(await setTradingDay('tina', 'Europe/Berlin')).code).toBe('ROLE_REQUIRED');
    const unknown = await setTradingDay('alice', 'Mars/Olympus_Mons');
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown)).toMatchObject({ code: 'UNKNOWN_TIME_ZONE', type: 'validation_error', details: [{ field: 'body.timeZone', message: 'is not an IANA time zone name' }] });
    expect(errorOf(await setTradingDay('alice', 'UTC; DROP TABLE bids')).details).toEqual([expect.objectContaining({ field: 'body.timeZone' })]);
    expect(await tradingDay('vic')).toEqual({ timeZone: 'UTC' });

    // Kiritimati is 14 hours ahead: at 08:00 UTC on the 26th its clocks read 22:00 that day. The
    // organisation's open terminals are told at once (the change, and the KPIs on the new day); another organisation's are not.
    const vic = await streamOf('vic');
    const bob = await streamOf('bob');
    await Promise.all([vic.next(isKpis(true)), bob.next(isKpis(true))]);
    for (const client of [vic, bob]) client.send({ type: 'subscribe', topic: 'organization-setting' });
    await Promise.all([vic, bob].map((client) => client.next((message) => message.type === 'subscribed' && message.topic === 'organization-setting')));
    const set = await setTradingDay('alice', 'pacific/kiritimati');
    expect([set.statusCode, set.json()]).toEqual([200, { timeZone: 'Pacific/Kiritimati' }]);
    expect(await vic.next((message) => message.type === 'event' && message.topic === 'organization-setting', 5000)).toMatchObject({
      data: { organizationId: desk.organizationOf.alice, setting: 'tradingDay', at: desk.clock.now().toISOString() },
    });
    expect(await vic.next(isKpis(false, (data) => data.timeZone === 'Pacific/Kiritimati'), 5000)).toMatchObject({ data: { day: '2026-03-26' } });
    expect(bob.messages.filter((message) => message.type === 'event' && (message.topic === 'organization-setting' || !message.snapshot))).toEqual([]);
    expect(await tradingDay('vic')).toEqual({ timeZone: 'Pacific/Kiritimati' });
    expect(await kpis()).toMatchObject({ day: '2026-03-26', timeZone: 'Pacific/Kiritimati', dayStart: '2026-03-25T10:00:00.000Z', dayEnd: '2026-03-26T10:00:00.000Z', bids: utc.bids });

    // Two hours on it is the 27th there, and the morning's bids were yesterday's; on UTC they are still today's.
    desk.clock.advance(2 * HOUR);
    await desk.signInAgain();
    expect(await kpis()).toMatchObject({ day: '2026-03-27', dayStart: '2026-03-26T10:00:00.000Z', bids: { drafted: 0, submitted: 0, accepted: 0, partiallyAccepted: 0, rejected: 0 }, volume: { submittedMwh: 0, clearedMwh: 0 } });
    expect(await kpis('bob')).toMatchObject({ day: '2026-03-26', timeZone: 'UTC' });
    expect((await setTradingDay('alice', 'UTC')).statusCode).toBe(200);
    expect(await kpis()).toMatchObject({ day: '2026-03-26', timeZone: 'UTC', bids: utc.bids });
    // Each change audited with what it replaced.
    const audits = await desk.engine.store.sql.all<{ before: unknown; after: unknown }>("SELECT before_summary AS before, after_summary AS after FROM audit_logs WHERE action = 'trading_day.update' AND resource_id = ? ORDER BY seq", [desk.organizationOf.alice]);
    expect(audits.map((row) => [asJson(row.before), asJson(row.after)])).toEqual([
      [{ timeZone: 'UTC' }, { timeZone: 'Pacific/Kiritimati' }],
      [{ timeZone: 'Pacific/Kiritimati' }, { timeZone: 'UTC' }],
    ]);

    // Changed behind the engine's back (another terminal of the floor): the next request is on the new day, cached figures or not.
    const organizations = desk.engine.store.organizations;
    await organizations.putSetting(desk.organizationOf.alice, 'tradingDay', { timeZone: 'Pacific/Kiritimati' }, desk.clock.now());
    expect(await kpis()).toMatchObject({ day: '2026-03-27', timeZone: 'Pacific/Kiritimati' });
    // A stored name this platform does not know counts as not set, for the setting and the KPIs alike.
    await organizations.putSetting(desk.organizationOf.alice, 'tradingDay', { timeZone: 'Atlantis/Capital' }, desk.clock.now());
    expect(await tradingDay('vic')).toEqual({ timeZone: 'UTC' });
    expect(await kpis()).toMatchObject({ day: '2026-03-26', timeZone: 'UTC' });
  });
});
