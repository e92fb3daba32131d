import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelope } from '../../../shared/api/errors.js';
import { AppError } from './app-error.js';
import { installErrorHandling } from './error-handler.js';

/** A real Fastify app with the engine's error handling and routes that fail in each way. */
async function appWithFailingRoutes(): Promise<FastifyInstance> {
  const app = Fastify({ ajv: { customOptions: { allErrors: true, removeAdditional: false } } });
  installErrorHandling(app);
  const statusError = (statusCode: number, message: string, code?: string): Error => Object.assign(new Error(message), { statusCode, code });
  app.get('/unauthorised', async () => {
    throw statusError(401, 'Token expired', 'TOKEN_EXPIRED');
  });
  app.get('/throttled', async () => {
    throw statusError(429, 'Too many attempts');
  });
  app.get('/conflict', async () => {
    throw new AppError('conflict', 'VERSION_CONFLICT', 'The bid changed since version 3', { currentVersion: 4 });
  });
  app.get('/bug', async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'price')");
  });
  const Body = Type.Object({ price: Type.Number({ minimum: -500 }), zone: Type.String() }, { additionalProperties: false });
  app.post('/bids', { schema: { body: Body } }, async () => ({ ok: true }));
  await app.ready();
  return app;
}

describe('error envelope', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWithFailingRoutes();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['/unauthorised', 401, 'authentication_error', 'TOKEN_EXPIRED'],
    ['/throttled', 429, 'rate_limited', 'RATE_LIMITED'],
    ['/conflict', 409, 'conflict', 'VERSION_CONFLICT'],
    ['/bug', 500, 'internal_error', 'INTERNAL_ERROR'],
    ['/nowhere', 404, 'not_found', 'ROUTE_NOT_FOUND'],
  ])('GET %s answers %i %s with code %s in the envelope', async (url, status, type, code) => {
    const response = await app.inject({ url });
    expect(response.statusCode).toBe(status);
    const body: unknown = response.json();
    expect(Value.Check(ErrorEnvelope, body)).toBe(true);
    expect(body).toMatchObject({ error: { type, code } });
  });

  it('never leaks an unexpected error’s message', async () => {
    const response = await app.inject({ url: '/bug' });
    expect(response.body).not.toContain('price');
  });

  it('lists every bad field of a body, including unknown ones', async () => {
    const response = await app.inject({ method: 'POST', url: '/bids', payload: { price: -600, volume: 3 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        type: 'validation_error',
        message: 'Request is invalid: body.zone, body.volume, body.price',
        details: [
          { field: 'body.zone', message: "must have required property 'zone'" },
          { field: 'body.volume', message: 'is not an allowed field' },
          { field: 'body.price', message: 'must be >= -500' },
        ],
      },
    });
  });

  it.each([
    ['malformed JSON', '{"price": ', 'application/json', 400, 'INVALID_JSON_BODY'],
    ['an unsupported content type', 'price=1', 'text/csv', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('answers %s with a clear code', async (_label, payload, contentType, status, code) => {
    const response = await app.inject({ method: 'POST', url: '/bids', payload, headers: { 'content-type': contentType } });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { type: 'validation_error', code } });
  });
});
