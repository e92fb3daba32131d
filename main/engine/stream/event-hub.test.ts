import { describe, expect, it } from 'vitest';
import type { TerminalStatus } from '../../../shared/api/events.js';
import type { Caller } from '../auth/caller.js';
import { capturingLogger, WARN } from '../../testing/environment.js';
import { EventHub } from './event-hub.js';

const status = (queued: number): TerminalStatus => ({
  database: { mode: 'online', dialect: 'postgres' }, sync: { state: 'online', queued, lastSyncAt: null },
  feed: { state: 'none', source: null },
  health: 'ok',
  time: '2026-11-26T09:00:00.000Z',
});

const caller = (userId: string, organizationId: string | null): Caller => ({ userId, organizationId, role: 'trader', sessionId: 's', apiKeyId: null });

describe('EventHub', () => {
  it('delivers to each subscriber allowed by the audience, and stops after unsubscribe', () => {
    const hub = new EventHub(capturingLogger().logger);
    const seen: Record<string, (number | undefined)[]> = { alice: [], bob: [], anonymous: [] };
    const viewers: Record<string, Caller | null> = { alice: caller('u-alice', 'org-a'), bob: caller('u-bob', 'org-b'), anonymous: null };
    const unsubscribe = Object.fromEntries(
      Object.entries(viewers).map(([name, viewer]) => [name, hub.subscribe('terminal-status', { viewer: () => viewer, deliver: (data) => seen[name]?.push(data.sync?.queued) })]),
    );

    expect(hub.publish('terminal-status', status(1))).toBe(3);
    expect(hub.publish('terminal-status', status(2), { kind: 'organization', organizationId: 'org-a' })).toBe(1);
    expect(hub.publish('terminal-status', status(3), { kind: 'user', userId: 'u-bob' })).toBe(1);
    unsubscribe.alice?.();
    expect(hub.publish('terminal-status', status(4))).toBe(2);

    expect(seen).toEqual({ alice: [1, 2], bob: [1, 3, 4], anonymous: [1, 4] });
    expect(hub.listenerCount('terminal-status')).toBe(2);
  });

  it('reads the viewer at delivery time, so a re-authenticated subscriber sees its new organisation', () => {
    const hub = new EventHub(capturingLogger().logger);
    let viewer: Caller | null = caller('u', 'org-a');
    const seen: (number | undefined)[] = [];
    hub.subscribe('terminal-status', { viewer: () => viewer, deliver: (data) => seen.push(data.sync?.queued) });
    hub.publish('terminal-status', status(1), { kind: 'organization', organizationId: 'org-b' });
    viewer = caller('u', 'org-b');
    hub.publish('terminal-status', status(2), { kind: 'organization', organizationId: 'org-b' });
    expect(seen).toEqual([2]);
  });

  it('keeps delivering to the others when one listener throws, and logs it', () => {
    const { logger, lines } = capturingLogger();
    const hub = new EventHub(logger);
    const seen: (number | undefined)[] = [];
    hub.subscribe('terminal-status', {
      viewer: () => null,
      deliver: () => {
        throw new Error('renderer gone');
      },
    });
    hub.subscribe('terminal-status', { viewer: () => null, deliver: (data) => seen.push(data.sync?.queued) });
    expect(hub.publish('terminal-status', status(7))).toBe(1);
    expect(seen).toEqual([7]);
    expect(lines.filter((line) => line.level === WARN).map((line) => line.topic)).toEqual(['terminal-status']);
  });

  it('answers snapshots from the one registered source, and refuses a second source', async () => {
    const hub = new EventHub(capturingLogger().logger);
    expect(await hub.snapshot('terminal-status', null)).toBeNull();
    hub.provideSnapshot('terminal-status', () => Promise.resolve(status(5)));
    expect((await hub.snapshot('terminal-status', null))?.sync?.queued).toBe(5);
    expect(() => hub.provideSnapshot('terminal-status', () => Promise.resolve(null))).toThrow(/already registered/);
  });

  it('lets the engine observe every event of a topic, whatever its audience, without counting it as a subscriber', () => {
    const { logger, lines } = capturingLogger();
    const hub = new EventHub(logger);
    const observed: (number | undefined)[] = [];
    const order: string[] = [];
    hub.subscribe('terminal-status', { viewer: () => caller('u-alice', 'org-a'), deliver: () => order.push('subscriber') });
    hub.observe('terminal-status', () => {
      throw new Error('rule broken');
    });
    const stop = hub.observe('terminal-status', (data) => {
      observed.push(data.sync?.queued);
      order.push('observer');
    });

    expect(hub.publish('terminal-status', status(1), { kind: 'user', userId: 'u-bob' })).toBe(0);
    expect(hub.publish('terminal-status', status(2))).toBe(1);
    expect(hub.listenerCount('terminal-status')).toBe(1);
    stop();
    hub.publish('terminal-status', status(3));

    expect(observed).toEqual([1, 2]);
    expect(order).toEqual(['observer', 'subscriber', 'observer', 'subscriber']);
    expect(lines.filter((line) => line.level === WARN)).toHaveLength(3);
  });
});
