import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { callerGone } from './caller-gone.js';

describe('callerGone', () => {
  const app = Fastify();
  const signals: AbortSignal[] = [];
  let release = (): void => undefined;
  app.get('/slow', async (_request, reply) => {
    signals.push(callerGone(reply));
    await new Promise<void>((resolve) => (release = resolve));
    return { ok: true };
  });
  app.get('/quick', async (_request, reply) => {
    signals.push(callerGone(reply));
    return { ok: true };
  });
  afterEach(async () => {
    release();
    await app.close();
  });

  it('aborts when the connection closes before the answer, and not after one', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`;
    const answered = await fetch(`${base}/quick`);
    expect(await answered.json()).toEqual({ ok: true });

    const client = request(`${base}/slow`);
    client.on('error', () => undefined);
    client.end();
    await expect.poll(() => signals.length).toBe(2);
    const [afterAnswer, abandoned] = signals as [AbortSignal, AbortSignal];
    expect(abandoned.aborted).toBe(false);
    client.destroy();
    await new Promise((resolve) => abandoned.addEventListener('abort', resolve, { once: true }));
    expect([afterAnswer.aborted, abandoned.aborted]).toEqual([false, true]);
  });
});
