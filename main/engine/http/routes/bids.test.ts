import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bid, BidList } from '../../../../shared/api/bids.js';
import { backends } from '../../../testing/backends.js';
import { asEdit, buyCurve, curveDraft, errorOf, openBidDesk, sellCurve, type BidDesk } from '../../../testing/bid-desk.js';

// Thursday 26 March 2026, 09:00 in Brussels: the day-ahead gate for Friday 27 March closes at 12:00 CET (11:00 UTC).
const START = '2026-03-26T08:00:00Z';
const DAY = '2026-03-27';

describe.each(backends)('bids on $dialect', ({ prepare }) => {
  let desk: BidDesk;

  const rows = async (): Promise<number> => Number((await desk.engine.store.sql.one<{ n: unknown }>('SELECT count(*) AS n FROM bids'))?.n);
  const bidAudit = async (): Promise<string[]> =>
    (await desk.engine.store.sql.all<{ action: string }>("SELECT action FROM audit_logs WHERE action LIKE 'bid%' ORDER BY seq")).map((row) => row.action);

  beforeAll(async () => {
    desk = await openBidDesk(prepare, START);
  });
  afterAll(() => desk.dispose());

  it('drafts, reads, repeats, edits, submits, cancels and deletes bids, each change audited and told to the organisation only', async () => {
    const [ours, theirs] = [await desk.listen('vic'), await desk.listen('bob')];
    const draft = curveDraft(DAY, { notes: 'morning view' });
    const created = await desk.call('POST', '/api/bids', 'tina', draft);
    expect(created.statusCode).toBe(201);
    const bid = created.json<Bid>();
    expect(bid).toMatchObject({ ...draft, status: 'draft', version: 1, curveKind: 'step', organizationId: desk.organizationOf.alice, gateClosureAt: '2026-03-26T11:00:00.000Z', submissionId: null, results: [], syncState: 'synced', copiedFromBidId: null });
    expect((await desk.call('GET', `/api/bids/${draft.id}`, 'vic')).json()).toEqual(bid);

    const repeated = await desk.call('POST', '/api/bids', 'tina', draft);
    expect([repeated.statusCode, repeated.json()]).toEqual([200, bid]);
    const reused = await desk.call('POST', '/api/bids', 'tina', { ...draft, curve: buyCurve([1, 2]) });
    expect([reused.statusCode, errorOf(reused).code]).toEqual([409, 'BID_ID_IN_USE']);

    const edit = asEdit({ ...draft, curve: buyCurve([5, 6]), notes: null }, 1);
    const edited = await desk.call('PUT', `/api/bids/${draft.id}`, 'tina', edit);
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Bid>()).toMatchObject({ version: 2, curve: buyCurve([5, 6]), notes: null });
    const stale = await desk.call('PUT', `/api/bids/${draft.id}`, 'alice', asEdit(draft, 1));
    expect([stale.statusCode, errorOf(stale).code, errorOf(stale).details]).toEqual([409, 'VERSION_CONFLICT', { currentVersion: 2, current: edited.json<Bid>() }]);

    const submissionId = randomUUID();
    const submitted = await desk.call('POST', `/api/bids/${draft.id}/submit`, 'tina', { submissionId, version: 2, confirmWarnings: [] });
    expect([submitted.statusCode, submitted.json<Bid>().status, submitted.json<Bid>().version, submitted.json<Bid>().submissionId]).toEqual([200, 'submitted', 3, submissionId]);
    const replayed = await desk.call('POST', `/api/bids/${draft.id}/submit`, 'tina', { submissionId, version: 2, confirmWarnings: [] });
    expect([replayed.statusCode, replayed.json()]).toEqual([200, submitted.json()]);
    const again = await desk.call('POST', `/api/bids/${draft.id}/submit`, 'tina', { submissionId: randomUUID(), version: 3, confirmWarnings: [] });
    expect([again.statusCode, errorOf(again).code]).toEqual([409, 'ALREADY_SUBMITTED']);
    const notEditable = await desk.call('PUT', `/api/bids/${draft.id}`, 'tina', asEdit(draft, 3));
    expect([notEditable.statusCode, errorOf(notEditable).code, errorOf(notEditable).details]).toEqual([409, 'BID_NOT_EDITABLE', { id: draft.id, status: 'submitted' }]);

    const cancelled = await desk.call('POST', `/api/bids/${draft.id}/cancel`, 'tina', { version: 3 });
    expect([cancelled.statusCode, cancelled.json<Bid>().status, cancelled.json<Bid>().cancelledAt]).toEqual([200, 'cancelled', '2026-03-26T08:00:00.000Z']);
    expect((await desk.call('POST', `/api/bids/${draft.id}/cancel`, 'tina', { version: 3 })).json()).toEqual(cancelled.json());
    const kept = await desk.call('DELETE', `/api/bids/${draft.id}?version=4`, 'tina');
    expect([kept.statusCode, errorOf(kept).code]).toEqual([409, 'BID_NOT_DELETABLE']);

    const scrap = curveDraft(DAY);
    expect((await desk.call('POST', '/api/bids', 'tina', scrap)).statusCode).toBe(201);
    expect(errorOf(await desk.call('DELETE', `/api/bids/${scrap.id}?version=2`, 'tina')).code).toBe('VERSION_CONFLICT');
    expect((await desk.call('DELETE', `/api/bids/${scrap.id}?version=1`, 'tina')).statusCode).toBe(204);
    expect(errorOf(await desk.call('GET', `/api/bids/${scrap.id}`, 'tina')).code).toBe('BID_NOT_FOUND');

    const listed = (await desk.call('GET', `/api/bids?status=cancelled&status=submitted&zoneId=DE_LU&from=${DAY}&to=${DAY}`, 'vic')).json<BidList>();
    expect(listed.bids.map((b) => b.id)).toEqual([draft.id]);
    expect((await desk.call('GET', '/api/bids', 'bob')).json<BidList>().bids).toEqual([]);
    expect(await bidAudit()).toEqual(['bid.create', 'bid.update', 'bid.submit', 'bid.cancel', 'bid.create', 'bid.delete']);
    expect(await desk.engine.store.audit.verify()).toBeNull();
    expect(ours.map((u) => [u.bidId, u.change, u.status, u.version])).toEqual([
      [draft.id, 'created', 'draft', 1],
      [draft.id, 'edited', 'draft', 2],
      [draft.id, 'status', 'submitted', 3],
      [draft.id, 'status', 'cancelled', 4],
      [scrap.id, 'created', 'draft', 1],
      [scrap.id, 'deleted', 'draft', 1],
    ]);
    expect(theirs).toEqual([]);
  });

  it('refuses bad bids with the field at fault and the rule’s code, and writes nothing', async () => {
    const othersAsset = await desk.addAsset('bob', 10_000);
    const [before, audit] = [await rows(), await bidAudit()];
    const cases: [object, number, string, string][] = [
      [curveDraft(DAY, { curve: [{ period: 1, points: [{ price: 10, volume: 5 }, { price: 4000.1, volume: 1 }] }] }), 400, 'BID_INVALID', 'body.curve[0].points[1].price'],
      [curveDraft(DAY, { curve: [{ period: 97, points: [{ price: 10, volume: 5 }, { price: 20, volume: 1 }] }] }), 400, 'BID_INVALID', 'body.curve[0]'],
      [curveDraft(DAY, { curve: [{ period: 1, points: [{ price: 10.55, volume: 5 }, { price: 20, volume: 1 }] }] }), 400, 'BID_INVALID', 'body.curve[0].points[0].price'],
      [curveDraft(DAY, { assetId: othersAsset, portfolio: null, side: 'sell', curve: sellCurve([1]) }), 400, 'ASSET_NOT_FOUND', 'body.assetId'],
      [curveDraft(DAY, { zoneId: 'ATLANTIS' }), 400, 'ZONE_NOT_FOUND', 'body.zoneId'],
      [curveDraft(DAY, { orderType: 'block' }), 400, 'VALIDATION_FAILED', 'body'],
      [curveDraft(DAY, { id: 'not-a-uuid' }), 400, 'VALIDATION_FAILED', 'body.id'],
    ];
    for (const [payload, status, code, field] of cases) {
      const response = await desk.call('POST', '/api/bids', 'tina', payload);
      expect([payload, response.statusCode, errorOf(response).code]).toEqual([payload, status, code]);
      expect(errorOf(response).details, JSON.stringify(payload)).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining(field) as unknown })]));
    }
    const invalid = errorOf(await desk.call('POST', '/api/bids', 'tina', cases[0]![0]));
    expect(invalid.details).toEqual([expect.objectContaining({ field: 'body.curve[0].points[1].price', code: expect.any(String) as unknown, message: expect.any(String) as unknown })]);
    const viewer = await desk.call('POST', '/api/bids', 'vic', curveDraft(DAY));
    expect([viewer.statusCode, errorOf(viewer).code]).toEqual([403, 'ROLE_REQUIRED']);
    expect([await rows(), await bidAudit()]).toEqual([before, audit]);
  });

  it('asks the trader to confirm each fat-finger warning before submitting, with thresholds only owners and admins set', async () => {
    const asset = await desk.addAsset('alice', 10_000);
    const draft = curveDraft(DAY, { assetId: asset, portfolio: null, side: 'sell', curve: sellCurve([1, 2], 9.5) });
    const bid = (await desk.call('POST', '/api/bids', 'tina', draft)).json<Bid>();
    // One warning per kind, at the first offending field; its message counts the others.
    expect(bid.warnings.map((w) => [w.code, w.field, w.severity])).toEqual([['VOLUME_NEAR_CAPACITY', 'curve[0].points[1].volume', 'warning']]);
    const unconfirmed = await desk.call('POST', `/api/bids/${draft.id}/submit`, 'tina', { submissionId: randomUUID(), version: 1, confirmWarnings: [] });
    expect([unconfirmed.statusCode, errorOf(unconfirmed).code, errorOf(unconfirmed).details]).toEqual([
      400,
      'CONFIRMATION_REQUIRED',
      [expect.objectContaining({ field: 'bid.curve[0].points[1].volume', code: 'VOLUME_NEAR_CAPACITY' })],
    ]);
    expect((await desk.call('GET', `/api/bids/${draft.id}`, 'tina')).json<Bid>().status).toBe('draft');

    expect((await desk.call('GET', '/api/bid-warning-thresholds', 'vic')).json()).toEqual({ maxPriceDeviation: 250, maxCapacityShare: 0.9 });
    expect(errorOf(await desk.call('PUT', '/api/bid-warning-thresholds', 'tina', { maxPriceDeviation: 250, maxCapacityShare: 0.99 })).code).toBe('ROLE_REQUIRED');
    expect(errorOf(await desk.call('PUT', '/api/bid-warning-thresholds', 'alice', { maxPriceDeviation: 250, maxCapacityShare: 1.5 })).details).toEqual([expect.objectContaining({ field: 'body.maxCapacityShare' })]);
    expect((await desk.call('PUT', '/api/bid-warning-thresholds', 'alice', { maxPriceDeviation: 250, maxCapacityShare: 0.99 })).statusCode).toBe(200);
    expect((await desk.call('GET', '/api/bid-warning-thresholds', 'bob')).json()).toEqual({ maxPriceDeviation: 250, maxCapacityShare: 0.9 });
    expect((await desk.call('GET', `/api/bids/${draft.id}`, 'tina')).json<Bid>().warnings).toEqual([]);

    expect((await desk.call('PUT', '/api/bid-warning-thresholds', 'alice', { maxPriceDeviation: 250, maxCapacityShare: 0.9 })).statusCode).toBe(200);
    const confirmed = await desk.call('POST', `/api/bids/${draft.id}/submit`, 'tina', { submissionId: randomUUID(), version: 1, confirmWarnings: ['VOLUME_NEAR_CAPACITY'] });
    expect([confirmed.statusCode, confirmed.json<Bid>().status, confirmed.json<Bid>().confirmedWarnings]).toEqual([200, 'submitted', ['VOLUME_NEAR_CAPACITY']]);
  });

  it('lets exactly one of several concurrent edits of a version win; the others see the winner', async () => {
    const draft = curveDraft(DAY);
    await desk.call('POST', '/api/bids', 'tina', draft);
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => desk.call('PUT', `/api/bids/${draft.id}`, i % 2 ? 'tina' : 'alice', asEdit({ ...draft, notes: `edit ${String(i)}` }, 1))));
    const winners = responses.filter((r) => r.statusCode === 200);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.json<Bid>();
    expect(responses.filter((r) => r.statusCode === 409).map((r) => [errorOf(r).code, (errorOf(r).details as { current: Bid }).current.notes])).toEqual(Array.from({ length: 7 }, () => ['VERSION_CONFLICT', winner.notes]));
    expect((await desk.call('GET', `/api/bids/${draft.id}`, 'tina')).json<Bid>()).toMatchObject({ version: 2, notes: winner.notes });
  });

  it('submits once under 50 concurrent identical submissions with replays: every answer 200 with the same bid', { timeout: 60_000 }, async () => {
    const draft = curveDraft(DAY);
    await desk.call('POST', '/api/bids', 'tina', draft);
    const submission = { submissionId: randomUUID(), version: 1, confirmWarnings: [] };
    const submit = () => desk.call('POST', `/api/bids/${draft.id}/submit`, 'tina', submission);
    const responses = (
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const first = await submit();
          const replays = await Promise.all(Array.from({ length: 1 + (i % 5) }, submit));
          return [first, ...replays];
        }),
      )
    ).flat();
    expect(responses.length).toBe(50 + 10 * 15);
    expect(responses.filter((r) => r.statusCode !== 200).map((r) => [r.statusCode, r.body])).toEqual([]);
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses[0]!.json<Bid>()).toMatchObject({ id: draft.id, status: 'submitted', version: 2, submissionId: submission.submissionId });
    const stored = await desk.engine.store.sql.all<{ id: string; status: string }>('SELECT id, status FROM bids WHERE submission_id = ?', [submission.submissionId]);
    expect(stored).toEqual([{ id: draft.id, status: 'submitted' }]);
    expect((await bidAudit()).filter((action) => action === 'bid.submit').length).toBeGreaterThanOrEqual(1);
    const other = curveDraft(DAY);
    await desk.call('POST', '/api/bids', 'tina', other);
    const taken = await desk.call('POST', `/api/bids/${other.id}/submit`, 'tina', submission);
    expect([taken.statusCode, errorOf(taken).code]).toEqual([409, 'SUBMISSION_ID_IN_USE']);
  });

  it('drafts and submits block orders, linked and with a minimum acceptance ratio', async () => {
    const [parent, child] = [randomUUID(), randomUUID()];
    const blocks = [
      { id: child, name: 'Evening child', price: 95.5, minAcceptanceRatio: 1, parentBlockId: parent, exclusiveGroup: null, periods: [{ period: 73, volume: -2 }, { period: 74, volume: -2 }] },
      { id: parent, name: 'Evening', price: 90.1, minAcceptanceRatio: 0.25, parentBlockId: null, exclusiveGroup: null, periods: [{ period: 69, volume: -3.5 }, { period: 70, volume: -3.5 }] },
    ];
    const draft = curveDraft(DAY, { orderType: 'block', side: 'sell', curve: undefined, blocks });
    const created = await desk.call('POST', '/api/bids', 'tina', draft);
    expect(created.statusCode).toBe(201);
    expect(created.json<Bid>()).toMatchObject({ orderType: 'block', curveKind: null, blocks: [blocks[1], blocks[0]] });
    expect((await desk.call('POST', '/api/bids', 'tina', { ...draft, blocks: [blocks[1], blocks[0]] })).statusCode).toBe(200);
    const reusedBlock = await desk.call('POST', '/api/bids', 'tina', { ...draft, id: randomUUID() });
    expect([reusedBlock.statusCode, errorOf(reusedBlock).code]).toEqual([409, 'BLOCK_ID_IN_USE']);
  });
});
