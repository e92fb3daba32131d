import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BidUpdate } from '../../../../shared/api/bid-events.js';
import type { Bid, CopyDayResult } from '../../../../shared/api/bids.js';
import { backends } from '../../../testing/backends.js';
import { buyCurve, curveDraft, errorOf, openBidDesk, sellCurve, type BidDesk } from '../../../testing/bid-desk.js';
import { eventually } from '../../../testing/eventually.js';
import { derivedId } from '../../bids/derived-id.js';

// Thursday 26 March 2026, 09:00 in Brussels. DE_LU's day-ahead gates close at 12:00 CET/CEST the day before.
const START = '2026-03-26T08:00:00Z';
const FRIDAY = '2026-03-27'; // 96 quarter hours; gate 2026-03-26T11:00Z
const SATURDAY = '2026-03-28'; // gate 2026-03-27T11:00Z
const SUNDAY = '2026-03-29'; // the clocks go forward: 92 quarter hours; gate 2026-03-28T11:00Z
const MINUTE = 60_000;

describe.each(backends)('bid days and gates on $dialect', ({ prepare }) => {
  let desk: BidDesk;
  const create = async (draft: ReturnType<typeof curveDraft>): Promise<Bid> => {
    const response = await desk.call('POST', '/api/bids', 'tina', draft);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<Bid>();
  };

  beforeAll(async () => {
    desk = await openBidDesk(prepare, START);
  });
  afterAll(() => desk.dispose());

  const friday = { early: curveDraft(FRIDAY), late: curveDraft(FRIDAY, { side: 'sell', curve: sellCurve([95]) }), withdrawn: curveDraft(FRIDAY), french: curveDraft(FRIDAY, { zoneId: 'FR' }) };

  it('copies a day onto the clock-change day: what exists there is drafted again, what does not is skipped with the reason, and a repeat copies nothing twice', async () => {
    for (const draft of Object.values(friday)) await create(draft);
    expect((await desk.call('POST', `/api/bids/${friday.late.id}/submit`, 'tina', { submissionId: randomUUID(), version: 1, confirmWarnings: [] })).statusCode).toBe(200);
    expect((await desk.call('POST', `/api/bids/${friday.withdrawn.id}/cancel`, 'tina', { version: 1 })).statusCode).toBe(200);
    const heard = await desk.listen('vic');

    const copied = await desk.call('POST', '/api/bids/copy-day', 'tina', { fromDate: FRIDAY, toDate: SUNDAY, zoneId: 'DE_LU' });
    expect(copied.statusCode).toBe(200);
    const result = copied.json<CopyDayResult>();
    const copyId = derivedId(friday.early.id, SUNDAY);
    expect(result.created).toEqual([
      expect.objectContaining({ id: copyId, deliveryDate: SUNDAY, status: 'draft', version: 1, copiedFromBidId: friday.early.id, curve: buyCurve([1, 2, 3, 4]), gateClosureAt: '2026-03-28T11:00:00.000Z' }),
    ]);
    expect(result.skipped).toEqual([{ sourceId: friday.late.id, reason: expect.stringContaining('95') as unknown }]);
    expect(heard.map((u) => [u.bidId, u.change, u.deliveryDate])).toEqual([[copyId, 'created', SUNDAY]]);

    const repeated = (await desk.call('POST', '/api/bids/copy-day', 'tina', { fromDate: FRIDAY, toDate: SUNDAY, zoneId: 'DE_LU' })).json<CopyDayResult>();
    expect(repeated.created).toEqual([]);
    expect(repeated.skipped.map((s) => s.sourceId).sort()).toEqual([friday.early.id, friday.late.id].sort());
    expect((await desk.call('GET', `/api/bids?from=${SUNDAY}&to=${SUNDAY}`, 'vic')).json<{ bids: Bid[] }>().bids.map((b) => b.id)).toEqual([copyId]);

    const everyZone = (await desk.call('POST', '/api/bids/copy-day', 'tina', { fromDate: FRIDAY, toDate: SATURDAY })).json<CopyDayResult>();
    expect(everyZone.created.map((b) => [b.copiedFromBidId, b.zoneId]).sort()).toEqual(
      [
        [friday.early.id, 'DE_LU'],
        [friday.late.id, 'DE_LU'],
        [friday.french.id, 'FR'],
      ].sort(),
    );
    const gatePassed = (await desk.call('POST', '/api/bids/copy-day', 'tina', { fromDate: FRIDAY, toDate: '2026-03-26' })).json<CopyDayResult>();
    expect([gatePassed.created, gatePassed.skipped.length]).toEqual([[], 3]);
    expect(errorOf(await desk.call('POST', '/api/bids/copy-day', 'vic', { fromDate: FRIDAY, toDate: SUNDAY })).code).toBe('ROLE_REQUIRED');
  });

  it('after the gate: a draft shows expired with the reason, submitting and cancelling are refused with the gate time, and nothing new is drafted', async () => {
    desk.clock.advance(3 * 60 * MINUTE + 1);
    await desk.signInAgain();
    const expired = (await desk.call('GET', `/api/bids/${friday.early.id}`, 'vic')).json<Bid>();
    expect(expired).toMatchObject({ status: 'expired', version: 2, reason: 'Gate closed at 2026-03-26T11:00:00.000Z before it was submitted' });
    const submit = await desk.call('POST', `/api/bids/${friday.early.id}/submit`, 'tina', { submissionId: randomUUID(), version: 2, confirmWarnings: [] });
    expect([submit.statusCode, errorOf(submit).code, errorOf(submit).details]).toEqual([400, 'GATE_CLOSED', { gateClosureAt: '2026-03-26T11:00:00.000Z' }]);
    expect(errorOf(submit).message).toContain('2026-03-26T11:00:00.000Z');
    const cancel = await desk.call('POST', `/api/bids/${friday.late.id}/cancel`, 'tina', { version: 2 });
    expect([cancel.statusCode, errorOf(cancel).code]).toEqual([409, 'GATE_CLOSED']);
    const edit = await desk.call('PUT', `/api/bids/${friday.early.id}`, 'tina', { ...friday.early, id: undefined, version: 2 });
    expect([edit.statusCode, errorOf(edit).code]).toEqual([409, 'BID_NOT_EDITABLE']);
    const late = await desk.call('POST', '/api/bids', 'tina', curveDraft(FRIDAY));
    expect([late.statusCode, errorOf(late).code]).toEqual([400, 'BID_INVALID']);
    // An expired draft never left the desk: it may be deleted.
    expect((await desk.call('DELETE', `/api/bids/${friday.early.id}?version=2`, 'tina')).statusCode).toBe(204);
  });

  it('expires drafts on its own, every few seconds, once the gate has closed', { timeout: 20_000 }, async () => {
    const saturday = (await desk.call('GET', `/api/bids?from=${SATURDAY}&to=${SATURDAY}&zoneId=FR`, 'tina')).json<{ bids: Bid[] }>().bids;
    expect(saturday.map((b) => b.status)).toEqual(['draft']);
    const observed: BidUpdate[] = [];
    const stop = desk.engine.events.observe('bid-update', (update) => observed.push(update));
    desk.clock.advance(24 * 60 * MINUTE);
    await eventually(() => observed.some((u) => u.bidId === saturday[0]?.id && u.status === 'expired'), 'the sweeper to expire the Saturday draft');
    stop();
    const row = await desk.engine.store.sql.one<{ status: string; rejection_reason: string }>('SELECT status, rejection_reason FROM bids WHERE id = ?', [saturday[0]?.id ?? '']);
    expect(row).toEqual({ status: 'expired', rejection_reason: 'Gate closed at 2026-03-27T11:00:00.000Z before it was submitted' });
    expect((await desk.engine.store.sql.all<{ action: string }>("SELECT action FROM audit_logs WHERE action = 'bid.expire' AND resource_id = ?", [saturday[0]?.id ?? ''])).length).toBe(1);
  });
});
