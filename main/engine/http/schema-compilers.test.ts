import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazySerializerFactory, lazyValidatorFactory } from './schema-compilers.js';

/** A real Fastify app on the engine's compilers and ajv options, with a route taking a query, a path parameter and a body. */
async function appOnEngineCompilers(): Promise<FastifyInstance> {
  const app = Fastify({
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    schemaController: { compilersFactory: { buildValidator: lazyValidatorFactory(), buildSerializer: lazySerializerFactory() } },
  });
  const schema = {
    params: Type.Object({ day: Type.Integer() }),
    querystring: Type.Object({ limit: Type.Integer({ default: 10 }), zones: Type.Array(Type.String()) }),
    body: Type.Object({ name: Type.String(), quantities: Type.Array(Type.Number()), note: Type.String({ default: '' }) }, { additionalProperties: false }),
  };
  app.post('/days/:day', { schema }, async (request) => ({ params: request.params, query: request.query, body: request.body }));
  await app.ready();
  return app;
}

describe('request validation on the engine’s compilers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appOnEngineCompilers();
  });
  afterAll(async () => {
    await app.close();
  });

  it('reads the text of a query string and a path as the types their schemas name, with defaults', async () => {
    const response = await app.inject({ method: 'POST', url: '/days/7?zones=DE-LU', payload: { name: 'Solar park', quantities: [1.5] } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ params: { day: 7 }, query: { limit: 10, zones: ['DE-LU'] }, body: { name: 'Solar park', quantities: [1.5], note: '' } });
  });

  it.each([
    ['a boolean for a string', { name: false, quantities: [1] }, '/name'],
    ['a number for a string', { name: 12, quantities: [1] }, '/name'],
    ['text for a number', { name: 'Solar park', quantities: ['1.5'] }, '/quantities/0'],
    ['a number for an array', { name: 'Solar park', quantities: 1 }, '/quantities'],
  ])('refuses %s in a JSON body instead of converting it', async (_, payload, field) => {
    const response = await app.inject({ method: 'POST', url: '/days/7?zones=DE-LU', payload });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(field);
  });
});
