import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import { suiteEngine } from '../../testing/suite-engine.js';
import { APP_ORIGIN } from '../app-origin.js';
import { dispatchIpcRequest, isTrustedSender } from './request-dispatch.js';

const PAGE = `${APP_ORIGIN}/index.html`;

describe('IPC requests into the engine', () => {
  const suite = suiteEngine();

  it('accepts messages from the app’s own page only', () => {
    expect(isTrustedSender(PAGE)).toBe(true);
    expect(isTrustedSender(`${APP_ORIGIN}/settings`)).toBe(true);
    for (const frame of ['https://evil.example/', 'app://optibid.evil/', 'file:///tmp/x.html', 'about:blank', '', undefined]) expect([frame, isTrustedSender(frame)]).toEqual([frame, false]);
  });

  it('refuses a foreign frame and a malformed request with the error envelope, before the engine sees it', async () => {
    expect(await dispatchIpcRequest(suite.engine.app, 'https://evil.example/', { method: 'GET', path: '/health' })).toMatchObject({ status: 403, body: { error: { code: 'SENDER_NOT_ALLOWED' } } });
    for (const payload of [null, 'GET /health', { method: 'PATCH', path: '/health' }, { method: 'GET', path: 'http://127.0.0.1/health' }, { method: 'GET', path: '/assets/../../etc/passwd' }, { method: 'GET', path: '/health', extra: 1 }]) {
      const response = await dispatchIpcRequest(suite.engine.app, PAGE, payload);
      expect([JSON.stringify(payload), response.status]).toEqual([JSON.stringify(payload), 400]);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_IPC_REQUEST', type: 'validation_error' } });
    }
  });

  it('behaves exactly as HTTP: routes, validation, authentication and errors', async () => {
    expect((await dispatchIpcRequest(suite.engine.app, PAGE, { method: 'GET', path: '/health' })).status).toBe(200);
    expect(await dispatchIpcRequest(suite.engine.app, PAGE, { method: 'GET', path: '/api/auth/me' })).toMatchObject({ status: 401, body: { error: { code: 'TOKEN_MISSING' } } });
    expect(await dispatchIpcRequest(suite.engine.app, PAGE, { method: 'POST', path: '/api/auth/register', body: { email: 'nope' } })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const registered = await dispatchIpcRequest(suite.engine.app, PAGE, { method: 'POST', path: '/api/auth/register', body: { email: 'ipc@desk.example', password: 'correct horse battery staple', displayName: 'Ipc' } });
    expect(registered.status).toBe(201);
    const { accessToken } = registered.body as AuthTokens;
    expect(await dispatchIpcRequest(suite.engine.app, PAGE, { method: 'GET', path: '/api/auth/me', accessToken })).toMatchObject({ status: 200, body: { email: 'ipc@desk.example' } });
    expect(await dispatchIpcRequest(suite.engine.app, PAGE, { method: 'GET', path: '/api/market-data/zones/DE_LU' })).toMatchObject({ status: 200, body: { id: 'DE_LU' } });
  });

  it('passes a file the engine sends as bytes through as its bytes, not as text', async () => {
    // Every byte value, most of them not UTF-8 on their own: a model file's weights are such bytes.
    const file = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const app = Fastify();
    app.get('/api/file', async (_request, reply) => reply.header('content-type', 'application/octet-stream').send(file));
    try {
      const response = await dispatchIpcRequest(app, PAGE, { method: 'GET', path: '/api/file' });
      expect(response.status).toBe(200);
      expect(response.body).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(response.body as Uint8Array).equals(file)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
