import type { Logger } from 'pino';
import { IpcChannels } from '../../../shared/api/ipc.js';
import type { StreamServerMessage } from '../../../shared/api/stream.js';
import type { SendToClient, StreamSession } from '../../engine/stream/stream-session.js';
import { isAppPage } from '../app-origin.js';
import { isTrustedSender } from './request-dispatch.js';

/** The few things of an Electron WebContents the bridge uses (so tests need no Electron). */
export interface StreamPeer {
  readonly id: number;
  send(channel: string, message: StreamServerMessage): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

/**
 * The event stream over IPC: one engine StreamSession per page (WebContents), opened by the
 * page's first message. The session speaks the same protocol as the WebSocket and validates
 * each message itself; the bridge only checks that the sender is the app's own page (anything
 * else is logged and dropped, nothing reaches the engine) and carries the session's messages
 * back on the stream-message channel.
 */
export class StreamBridge {
  private readonly sessions = new Map<number, StreamSession>();
  private readonly watched = new Set<number>();

  constructor(
    private readonly openStream: (send: SendToClient) => StreamSession,
    private readonly logger: Logger,
  ) {}

  /** One stream message from a page's preload; resolves once the session has handled it. */
  receive(peer: StreamPeer, frameUrl: string | undefined, message: unknown): Promise<void> {
    if (!isTrustedSender(frameUrl)) {
      this.logger.warn({ webContentsId: peer.id, frameUrl: frameUrl ?? null }, 'Stream message from a frame that is not the app refused');
      return Promise.resolve();
    }
    return this.sessionOf(peer).handle(message);
  }

  /** Ends a page's session (its document is going away); its next message opens a fresh one. */
  reset(peerId: number): void {
    this.sessions.get(peerId)?.close();
    this.sessions.delete(peerId);
  }

  /** Ends every session (shutdown). */
  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.reset(id);
  }

  get openSessions(): number {
    return this.sessions.size;
  }

  private sessionOf(peer: StreamPeer): StreamSession {
    const existing = this.sessions.get(peer.id);
    if (existing) return existing;
    // A message may still be in flight when the window goes: nothing is sent to a destroyed page.
    const session = this.openStream((message) => {
      if (!peer.isDestroyed()) peer.send(IpcChannels.streamMessage, message);
    });
    this.sessions.set(peer.id, session);
    if (!this.watched.has(peer.id)) {
      this.watched.add(peer.id);
      peer.once('destroyed', () => {
        this.watched.delete(peer.id);
        this.reset(peer.id);
      });
    }
    return session;
  }
}

/**
 * Whether a navigation replaces the page's document (a reload, or a full load of another app
 * page): its stream session must end with it, or the new document would inherit the old one's
 * sign-in and subscriptions. Same-document (client-side routing), subframe and refused
 * (non-app) navigations leave the session alone.
 */
export function replacesDocument(navigation: { url: string; isMainFrame: boolean; isSameDocument: boolean }): boolean {
  return navigation.isMainFrame && !navigation.isSameDocument && isAppPage(navigation.url);
}
