import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthTokens } from '../../../shared/api/auth.js';
import type { TerminalStatus } from '../../../shared/api/events.js';
import { IpcChannels } from '../../../shared/api/ipc.js';
import type { StreamServerMessage } from '../../../shared/api/stream.js';
import { capturingLogger, WARN } from '../../testing/environment.js';
import { suiteEngine } from '../../testing/suite-engine.js';
import { dispatchIpcRequest } from './request-dispatch.js';
import { replacesDocument, StreamBridge, type StreamPeer } from './stream-bridge.js';

const PAGE = 'app://optibid/dashboard';

/** A page as the bridge sees a WebContents: what it was sent, and its end. */
class Page implements StreamPeer {
  private static nextId = 1;
  readonly id = Page.nextId++;
  readonly received: [string, StreamServerMessage][] = [];
  private destroyed = false;
  private onDestroyed: (() => void)[] = [];
  send(channel: string, message: StreamServerMessage): void {
    this.received.push([channel, message]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  once(_event: 'destroyed', listener: () => void): void {
    this.onDestroyed.push(listener);
  }
  /** Electron marks the contents destroyed before its 'destroyed' listeners run. */
  destroy({ notify = true } = {}): void {
    this.destroyed = true;
    if (notify) for (const listener of this.onDestroyed.splice(0)) listener();
  }
  get messages(): StreamServerMessage[] {
    return this.received.map(([, message]) => message);
  }
}

describe('event stream over IPC, against a real engine', () => {
  const suite = suiteEngine();
  let bridge: StreamBridge;
  const log = capturingLogger();
  beforeAll(async () => {
    bridge = new StreamBridge((send) => suite.engine.openStream(send), log.logger);
  });
  afterAll(async () => {
    bridge.closeAll();
  });

  it('subscribes a page to terminal-status: hello, subscribed, then the snapshot, all on the stream-message channel', async () => {
    const page = new Page();
    await bridge.receive(page, PAGE, { type: 'subscribe', topic: 'terminal-status' });
    expect(page.received.every(([channel]) => channel === IpcChannels.streamMessage)).toBe(true);
    expect(page.messages.map((m) => m.type)).toEqual(['hello', 'subscribed', 'event']);
    expect(page.messages[2]).toMatchObject({ type: 'event', topic: 'terminal-status', snapshot: true, data: { database: { dialect: 'sqlite', mode: 'online' }, sync: null } });
    expect(suite.engine.events.listenerCount('terminal-status')).toBe(1);

    // Live events follow the snapshot.
    const status = (page.messages[2] as { data: TerminalStatus }).data;
    suite.engine.events.publish('terminal-status', { ...status, health: 'degraded' });
    expect(page.messages.at(-1)).toMatchObject({ type: 'event', topic: 'terminal-status', snapshot: false, data: { health: 'degraded' } });

    page.destroy();
    expect(suite.engine.events.listenerCount('terminal-status')).toBe(0);
    expect(bridge.openSessions).toBe(0);
  });

  it('refuses a foreign frame: logged, no session, nothing sent back', async () => {
    const page = new Page();
    for (const frame of ['https://evil.example/', 'app://optibid.evil/', 'file:///tmp/x.html', undefined]) {
      await bridge.receive(page, frame, { type: 'subscribe', topic: 'terminal-status' });
    }
    expect(page.received).toEqual([]);
    expect(bridge.openSessions).toBe(0);
    expect(suite.engine.events.listenerCount('terminal-status')).toBe(0);
    expect(log.lines.filter((line) => line.level === WARN && line.msg.includes('not the app'))).toHaveLength(4);
  });

  it('lets the session validate payloads and authenticate with a real access token', async () => {
    const page = new Page();
    await bridge.receive(page, PAGE, { type: 'subscribe', topic: 'no-such-topic' });
    expect(page.messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'INVALID_STREAM_MESSAGE' } });

    const registered = await dispatchIpcRequest(suite.engine.app, PAGE, { method: 'POST', path: '/api/auth/register', body: { email: 'stream@desk.example', password: 'correct horse battery staple', displayName: 'Stream' } });
    const { accessToken } = registered.body as AuthTokens;
    await bridge.receive(page, PAGE, { type: 'auth', accessToken });
    expect(page.messages.at(-1)).toMatchObject({ type: 'authenticated', userId: expect.any(String) as unknown });
    await bridge.receive(page, PAGE, { type: 'auth', accessToken: 'not-a-token' });
    expect(page.messages.at(-1)).toMatchObject({ type: 'error' });
    page.destroy();
  });

  it('gives a reloaded page a fresh session: nothing of the old document’s subscriptions survives', async () => {
    const page = new Page();
    await bridge.receive(page, PAGE, { type: 'subscribe', topic: 'terminal-status' });
    expect(suite.engine.events.listenerCount('terminal-status')).toBe(1);
    bridge.reset(page.id);
    expect(suite.engine.events.listenerCount('terminal-status')).toBe(0);

    await bridge.receive(page, PAGE, { type: 'unsubscribe', topic: 'terminal-status' });
    expect(page.messages.slice(-2).map((m) => m.type)).toEqual(['hello', 'unsubscribed']);
    page.destroy();
    expect(bridge.openSessions).toBe(0);
  });

  it('sends nothing to a page that is gone but not yet reported destroyed', async () => {
    const page = new Page();
    await bridge.receive(page, PAGE, { type: 'subscribe', topic: 'terminal-status' });
    const before = page.received.length;
    page.destroy({ notify: false });
    expect(suite.engine.events.publish('terminal-status', (page.messages[2] as { data: TerminalStatus }).data)).toBe(1);
    expect(page.received).toHaveLength(before);
    page.destroy();
    expect(bridge.openSessions).toBe(0);
  });

  it('ends the session when the page’s document is replaced, not on client-side routing or refused navigation', () => {
    expect(replacesDocument({ url: 'app://optibid/', isMainFrame: true, isSameDocument: false })).toBe(true);
    expect(replacesDocument({ url: 'app://optibid/bidding', isMainFrame: true, isSameDocument: true })).toBe(false);
    expect(replacesDocument({ url: 'app://optibid/', isMainFrame: false, isSameDocument: false })).toBe(false);
    expect(replacesDocument({ url: 'https://evil.example/', isMainFrame: true, isSameDocument: false })).toBe(false);
  });
});
