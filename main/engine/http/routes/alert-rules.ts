import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AlertRule, AlertRuleBody, AlertRuleList, AlertRuleParams, RecentAlerts, RecentAlertsQuery } from '../../../../shared/api/alert-rules.js';
import type { AlertRuleService } from '../../alerts/alert-rule-service.js';
import { callerOf } from '../authenticate.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];
const tags = ['alerts'];

/** The caller's own alert rules (another user's rule answers 404), and the alerts they fired. */
export const alertRuleRoutes: FastifyPluginAsyncTypebox<{ alertRules: AlertRuleService }> = async (app, { alertRules }) => {
  app.get('/api/alerts/rules', { schema: { tags, summary: 'Your alert rules', security, response: { 200: AlertRuleList } } }, async (request) => alertRules.list(callerOf(request)));

  app.post(
    '/api/alerts/rules',
    { schema: { tags, summary: 'Create an alert rule; it applies from the next price on', security, body: AlertRuleBody, response: { 201: AlertRule } } },
    async (request, reply) => reply.code(201).send(await alertRules.create(callerOf(request), request.body, contextOf(request))),
  );

  app.get('/api/alerts/rules/:id', { schema: { tags, summary: 'One of your alert rules', security, params: AlertRuleParams, response: { 200: AlertRule } } }, async (request) =>
    alertRules.get(callerOf(request), request.params.id),
  );

  app.put(
    '/api/alerts/rules/:id',
    { schema: { tags, summary: 'Replace one of your alert rules (the whole rule); it starts afresh', security, params: AlertRuleParams, body: AlertRuleBody, response: { 200: AlertRule } } },
    async (request) => alertRules.replace(callerOf(request), request.params.id, request.body, contextOf(request)),
  );

  app.delete(
    '/api/alerts/rules/:id',
    { schema: { tags, summary: 'Delete one of your alert rules', security, params: AlertRuleParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await alertRules.delete(callerOf(request), request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/alerts/recent',
    { schema: { tags, summary: 'The alerts your rules fired last, newest first', security, querystring: RecentAlertsQuery, response: { 200: RecentAlerts } } },
    async (request) => alertRules.recent(callerOf(request), request.query.limit),
  );
};
