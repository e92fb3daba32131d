import { describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { TerminalStatus } from '../../../shared/api/events.js';
import type { StreamServerMessage } from '../../../shared/api/stream.js';
import { systemClock } from '../clock.js';
import { capturingLogger } from '../../testing/environment.js';
import { suiteEngine } from '../../testing/suite-engine.js';
import { eventually } from '../../testing/eventually.js';
import { EventHub } from './event-hub.js';
import { StreamSession } from './stream-session.js';

const status = (queued: number): TerminalStatus => ({
  database: { mode: 'online', dialect: 'postgres' }, sync: { state: 'online', queued, lastSyncAt: null },
  feed: { state: 'none', source: null },
  health: 'ok',
  time: '2026-11-26T10:00:00.000Z',
});
const queuedOf = (message: StreamServerMessage): string =>
  message.type === 'event' && message.topic === 'terminal-status' ? `${message.snapshot ? 'snapshot' : 'event'} ${String(message.data.sync?.queued)}` : message.type;
const noCaller = (): Promise<never> => Promise.reject(new Error('no credentials in this test'));

describe('StreamSession', () => {
  it('sends the snapshot before any event published while it was being read', async () => {
    const { logger } = capturingLogger();
    const hub = new EventHub(logger);
    let releaseSnapshot: (value: TerminalStatus) => void = () => undefined;
    hub.provideSnapshot('terminal-status', () => new Promise((resolve) => (releaseSnapshot = resolve)));
    const sent: StreamServerMessage[] = [];
    const session = new StreamSession(hub, noCaller, (message) => sent.push(message), logger, systemClock);
    const subscribed = session.handle({ type: 'subscribe', topic: 'terminal-status' });
    await eventually(() => sent.some((message) => message.type === 'subscribed'), 'the subscription');
    hub.publish('terminal-status', status(2));
    releaseSnapshot(status(1));
    await subscribed;
    hub.publish('terminal-status', status(3));
    expect(sent.map(queuedOf)).toEqual(['hello', 'subscribed', 'snapshot 1', 'event 2', 'event 3']);
    session.close();
  });

  it('keeps handling messages after one failed unexpectedly, and logs it', async () => {
    const { logger, lines } = capturingLogger();
    const hub = new EventHub(logger);
    hub.provideSnapshot('terminal-status', () => Promise.resolve(status(0)));
    const sent: StreamServerMessage[] = [];
    let broken = true;
    const session = new StreamSession(
      hub,
      noCaller,
      (message) => {
        if (broken && message.type === 'subscribed') throw new Error('the window is gone');
        sent.push(message);
      },
      logger,
      systemClock,
    );
    await session.handle({ type: 'subscribe', topic: 'terminal-status' });
    broken = false;
    await session.handle({ type: 'subscribe', topic: 'terminal-status' });
    expect(sent.map(queuedOf)).toEqual(['hello', 'subscribed', 'snapshot 0']);
    expect(lines.some((line) => line.msg === 'Stream message failed')).toBe(true);
    session.close();
  });
});

describe('a signed-in stream checks its credential again', () => {
  const suite = suiteEngine();

  it('stops what is addressed to the user once the session is signed out elsewhere', async () => {
    const tokens = (await suite.engine.app.inject({ method: 'POST', url: '/api/auth/register', payload: { email: 'recheck@desk.example', password: 'correct horse battery staple', displayName: 'Recheck' } })).json<AuthTokens>();
    const sent: StreamServerMessage[] = [];
    const session = suite.engine.openStream((message) => sent.push(message), { recheckMs: 50 });
    await session.handle({ type: 'auth', accessToken: tokens.accessToken });
    await session.handle({ type: 'subscribe', topic: 'terminal-status' });
    const toUser = { kind: 'user', userId: tokens.user.id } as const;
    suite.engine.events.publish('terminal-status', status(11), toUser);
    await eventually(() => sent.some((message) => queuedOf(message) === 'event 11'), 'the event while signed in');

    const logout = await suite.engine.app.inject({ method: 'POST', url: '/api/auth/logout', payload: {}, headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(logout.statusCode).toBe(204);
    await eventually(() => sent.some((message) => message.type === 'error'), 'the credential check');
    expect(sent.find((message) => message.type === 'error')).toMatchObject({ error: { code: 'SESSION_REVOKED', type: 'authentication_error' } });
    suite.engine.events.publish('terminal-status', status(12), toUser);
    suite.engine.events.publish('terminal-status', status(13));
    await eventually(() => sent.some((message) => queuedOf(message) === 'event 13'), 'the public event');
    expect(sent.some((message) => queuedOf(message) === 'event 12')).toBe(false);
    session.close();
  });
});
