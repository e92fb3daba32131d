import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../../shared/api/auth.js';
import { backends } from '../../../testing/backends.js';
import { tempDir, testConfig, type TempDir } from '../../../testing/environment.js';
import { createEngine, type Engine } from '../../engine.js';

// Every table of the schema: a malformed body must change none of them.
const TABLES_QUERY = {
  sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  postgres: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
};
// Runs per route: FUZZ_RUNS raises it for a long local run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** Bodies no route accepts: any JSON that is not an object with exactly the right fields, and non-JSON. */
const malformedBody = fc.oneof(
  fc.jsonValue().map((value) => ({ payload: JSON.stringify(value), contentType: 'application/json' })),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue(), { maxKeys: 6 }).map((value) => ({ payload: JSON.stringify(value), contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((text) => ({ payload: text, contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((text) => ({ payload: text, contentType: 'text/plain' })),
  fc.record({ email: fc.string(), password: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), displayName: fc.jsonValue() }).map((value) => ({
    payload: JSON.stringify(value),
    contentType: 'application/json',
  })),
);

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
interface PropertySchema {
  type?: JsonType;
}

/** A value of the declared JSON type (its content may break the field's other rules: the body is wrong anyway). */
const ofType: Record<JsonType, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 16 }),
  number: fc.double({ min: -1000, max: 1000, noNaN: true }),
  integer: fc.integer({ min: 0, max: 100 }),
  boolean: fc.boolean(),
  array: fc.constant([]),
  object: fc.constant({}),
};

/** A value of another JSON type, favouring what a lenient parser would convert: "12" for 12, "true" or 1 for true, a scalar for a one-item list. */
const notOfType: Record<JsonType, fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.boolean(), fc.integer(), fc.constant(null), fc.array(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 2 })),
  number: fc.oneof(fc.integer().map(String), fc.boolean(), fc.constant(null), fc.constant([1])),
  integer: fc.oneof(fc.integer().map(String), fc.boolean(), fc.constant(null), fc.constant(2.5)),
  boolean: fc.oneof(fc.constantFrom('true', 'false', '1', '0'), fc.constantFrom(0, 1), fc.constant(null)),
  array: fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null)),
  object: fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null), fc.constant([])),
};

/** The typed fields of a body schema with its properties at the top (unions of several kinds are left to the other property). */
function typedFields(schema: unknown): [string, JsonType][] {
  const properties = (schema as { properties?: Record<string, PropertySchema> } | undefined)?.properties ?? {};
  return Object.entries(properties).flatMap(([name, property]): [string, JsonType][] => (property.type ? [[name, property.type]] : []));
}

/** Every typed field present, at least one of them of the wrong type; with the names of those. */
function bodyWithWrongTypes(fields: [string, JsonType][]): fc.Arbitrary<{ body: Record<string, unknown>; wrong: string[] }> {
  return fc
    .array(fc.boolean(), { minLength: fields.length, maxLength: fields.length })
    .filter((flags) => flags.some(Boolean))
    .chain((flags) =>
      fc.tuple(...fields.map(([, type], i) => (flags[i] ? notOfType[type] : ofType[type]))).map((values) => ({
        body: Object.fromEntries(fields.map(([name], i) => [name, values[i]])),
        wrong: fields.filter((_, i) => flags[i]).map(([name]) => name),
      })),
    );
}

describe.each(backends)('fuzzing every route that takes a body on $dialect', ({ dialect, prepare }) => {
  let dir: TempDir;
  let engine: Engine;
  let drop: () => Promise<void>;
  let token: string;

  const counts = async (): Promise<Record<string, number>> => {
    const tables = (await engine.store.sql.all<{ name: string }>(TABLES_QUERY[dialect])).map((table) => table.name);
    return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, Number((await engine.store.sql.one<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0)] as const)));
  };

  beforeAll(async () => {
    dir = await tempDir();
    const backend = await prepare();
    drop = backend.drop;
    engine = await createEngine(testConfig(dir.path, backend.env));
    const register = await engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'fuzz@desk.example', password: 'correct horse battery staple', displayName: 'Fuzz', organizationName: 'Fuzz Desk' } });
    token = register.json<AuthTokens>().accessToken;
  });
  afterAll(async () => {
    await engine.close();
    await drop();
    await dir.remove();
  });

  const organizationIdOf = async (): Promise<string> =>
    (await engine.store.organizations.membershipsOf((await engine.store.users.findByEmail('fuzz@desk.example'))?.id ?? ''))[0]?.organizationId ?? '';
  const routesWithBodies = () => engine.routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.url !== '/api/auth/logout');
  /** The route's address with the caller's organisation, a real architecture, and ids that exist nowhere. */
  const addressOf = (url: string, organizationId: string): string =>
    url
      .replace('/api/organizations/:id', `/api/organizations/${organizationId}`)
      .replace(':architecture', 'lear')
      .replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');

  it('answers malformed bodies with 4xx and the error envelope, never 5xx, and changes no row', { timeout: 120_000 }, async () => {
    const organizationId = await organizationIdOf();
    // Sign-out's body is `{}`, which a fuzzer produces: it is a valid request, not bad input.
    const routes = routesWithBodies();
    expect(routes.length).toBeGreaterThanOrEqual(35);
    const before = await counts();
    const statuses = new Map<number, number>();
    for (const route of routes) {
      const url = addressOf(route.url, organizationId);
      await fc.assert(
        fc.asyncProperty(malformedBody, async ({ payload, contentType }) => {
          const response = await engine.app.inject({ method: route.method as 'POST', url, payload, headers: { 'content-type': contentType, authorization: `Bearer ${token}` } });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const request = `${route.method} ${route.url} <- ${payload.slice(0, 80)}`;
          expect(response.statusCode, request).toBeLessThan(500);
          expect(response.statusCode, request).toBeGreaterThanOrEqual(400);
          expect(response.json<{ error: { code: string } }>().error.code).toEqual(expect.any(String));
        }),
        { numRuns: RUNS },
      );
    }
    expect(await counts()).toEqual(before);
    expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
  });

  it('refuses a field of the wrong type as a validation error naming it, never converting it, whatever the other fields hold', { timeout: 120_000 }, async () => {
    const organizationId = await organizationIdOf();
    const routes = routesWithBodies().flatMap((route) => {
      const fields = typedFields(route.schema?.body);
      return fields.length > 0 ? [{ route, fields }] : [];
    });
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const before = await counts();
    for (const { route, fields } of routes) {
      const url = addressOf(route.url, organizationId);
      await fc.assert(
        fc.asyncProperty(bodyWithWrongTypes(fields), async ({ body, wrong }) => {
          const response = await engine.app.inject({ method: route.method as 'POST', url, payload: body, headers: { authorization: `Bearer ${token}` } });
          const request = `${route.method} ${route.url} <- ${JSON.stringify(body).slice(0, 120)}`;
          expect(response.statusCode, request).toBe(400);
          const { error } = response.json<{ error: { code: string; details: { field: string }[] } }>();
          expect(error.code, request).toBe('VALIDATION_FAILED');
          expect(
            error.details.some(({ field }) => wrong.some((name) => field === `body.${name}` || field.startsWith(`body.${name}.`))),
            `${request}: ${JSON.stringify(error.details)}`,
          ).toBe(true);
        }),
        { numRuns: RUNS },
      );
    }
    expect(await counts()).toEqual(before);
  });
});
