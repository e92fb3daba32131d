import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Bid, BidList, BidListQuery, BidParams, BidWarningThresholds, CopyDayBody, CopyDayResult, CreateBidBody, SubmitBidBody, UpdateBidBody, VersionBody, VersionQuery } from '../../../../shared/api/bids.js';
import type { BidService } from '../../bids/bid-service.js';
import type { OrganizationSettingService } from '../../organizations/organization-setting.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];
const tags = ['bids'];

/** The organisation's bids (another organisation's id answers 404) and its fat-finger thresholds. */
export const bidRoutes: FastifyPluginAsyncTypebox<{ bids: BidService; thresholds: OrganizationSettingService<typeof BidWarningThresholds> }> = async (app, { bids, thresholds }) => {
  app.get('/api/bids', { schema: { tags, summary: 'Your organisation’s bids, newest first', security, querystring: BidListQuery, response: { 200: BidList } } }, async (request) =>
    bids.list(callerOf(request), request.query),
  );

  app.post(
    '/api/bids',
    {
      schema: {
        tags,
        summary: 'Draft a bid with your own id; the same id and content again returns the stored draft (200)',
        description: 'Refused with BID_INVALID (each rule broken, by field), ASSET_NOT_FOUND, or BID_ID_IN_USE (the id holds other content).',
        security,
        body: CreateBidBody,
        response: { 200: Bid, 201: Bid },
      },
    },
    async (request, reply) => {
      const { bid, status } = await bids.create(callerOf(request), request.body, contextOf(request));
      return reply.code(status).send(bid);
    },
  );

  app.post(
    '/api/bids/copy-day',
    { schema: { tags, summary: 'Draft every bid of one day again for another; repeating it copies nothing twice', security, body: CopyDayBody, response: { 200: CopyDayResult } } },
    async (request) => bids.copyDay(callerOf(request), request.body, contextOf(request)),
  );

  app.get('/api/bids/:id', { schema: { tags, summary: 'One bid with its curve or blocks, results and current warnings', security, params: BidParams, response: { 200: Bid } } }, async (request) =>
    bids.get(callerOf(request), request.params.id),
  );

  app.put(
    '/api/bids/:id',
    { schema: { tags, summary: 'Replace a draft (the whole draft, with the version it was made from)', description: 'A stale version answers VERSION_CONFLICT with the current bid.', security, params: BidParams, body: UpdateBidBody, response: { 200: Bid } } },
    async (request) => bids.update(callerOf(request), request.params.id, request.body, contextOf(request)),
  );

  app.delete(
    '/api/bids/:id',
    { schema: { tags, summary: 'Delete a bid that never left the desk (a draft, or one cancelled or expired before submission)', security, params: BidParams, querystring: VersionQuery, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await bids.remove(callerOf(request), request.params.id, request.query.version, contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/bids/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit a draft once per submission id; the same submission id again returns the bid as it is',
        description: 'Refused with BID_INVALID, GATE_CLOSED, CONFIRMATION_REQUIRED (the warnings to confirm), VERSION_CONFLICT or ALREADY_SUBMITTED.',
        security,
        params: BidParams,
        body: SubmitBidBody,
        response: { 200: Bid },
      },
    },
    async (request) => bids.submit(callerOf(request), request.params.id, request.body, contextOf(request)),
  );

  app.post(
    '/api/bids/:id/cancel',
    { schema: { tags, summary: 'Cancel a draft, or a submitted bid before its gate closes', security, params: BidParams, body: VersionBody, response: { 200: Bid } } },
    async (request) => bids.cancel(callerOf(request), request.params.id, request.body.version, contextOf(request)),
  );

  app.get(
    '/api/bid-warning-thresholds',
    { schema: { tags, summary: 'Your organisation’s fat-finger thresholds', security, response: { 200: BidWarningThresholds } } },
    async (request) => thresholds.get(callerOf(request)),
  );

  app.put(
    '/api/bid-warning-thresholds',
    { schema: { tags, summary: 'Set your organisation’s fat-finger thresholds (owners and admins)', security, body: BidWarningThresholds, response: { 200: BidWarningThresholds } } },
    async (request) => thresholds.set(callerOf(request), request.body, contextOf(request)),
  );
};
