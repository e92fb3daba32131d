import websocket from '@fastify/websocket';
import type { RawData } from 'ws';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EVENT_TOPICS } from '../../../../shared/api/events.js';
import { STREAM_PATH, StreamInfo, StreamStatistics } from '../../../../shared/api/stream.js';
import type { EventHub } from '../../stream/event-hub.js';
import type { StreamStats } from '../../stream/stream-stats.js';
import { CoalescingSender } from '../../stream/coalescing-sender.js';
import type { SendToClient, StreamSession } from '../../stream/stream-session.js';

/** Client messages are a few hundred bytes; anything larger is not one of ours. */
const MAX_PAYLOAD_BYTES = 16 * 1024;

/** A text frame's content (ws hands over a Buffer, or fragments when a message came in pieces). */
function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

/**
 * The event stream over WebSocket, for browser mode and other tools. The upgrade passes the
 * loopback guard (Host and Origin) like every request; the token comes in the first message
 * (a browser cannot set headers on a WebSocket), then the StreamSession speaks the protocol.
 */
export interface StreamRouteOptions {
  openStream: (send: SendToClient) => StreamSession;
  heartbeatMs: number;
  stats: StreamStats;
  hub: EventHub;
}

export const streamRoutes: FastifyPluginAsyncTypebox<StreamRouteOptions> = async (app, { openStream, heartbeatMs, stats, hub }) => {
  await app.register(websocket, { options: { maxPayload: MAX_PAYLOAD_BYTES } });
  app.route({
    method: 'GET',
    url: STREAM_PATH,
    schema: {
      tags: ['stream'],
      summary: 'Event stream (WebSocket): send {type:"auth",accessToken}, then {type:"subscribe",topic}',
      response: { 200: StreamInfo },
    },
    handler: () => ({
      protocol: 1 as const,
      topics: [...EVENT_TOPICS],
      description: `Open a WebSocket to ${STREAM_PATH}. Messages are JSON; see shared/api/stream.ts.`,
    }),
    wsHandler: (socket) => {
      stats.connections += 1;
      const sender = new CoalescingSender(socket, {
        sent: () => stats.messageSent(),
        coalesced: (points) => stats.pricesCoalesced(points),
        closedTooSlow: () => (stats.closedTooSlow += 1),
      });
      const session = openStream((message) => sender.send(message));
      socket.on('message', (data, isBinary) => {
        let parsed: unknown;
        try {
          parsed = isBinary ? undefined : JSON.parse(textOf(data));
        } catch {
          parsed = undefined;
        }
        void session.handle(parsed);
      });
      // A peer that vanished without closing (a sleeping laptop, a cut cable) would hold its
      // subscriptions for ever: each beat pings, and one that missed the previous ping is cut off.
      let answered = true;
      socket.on('pong', () => (answered = true));
      const heartbeat = setInterval(() => {
        if (!answered) {
          socket.terminate();
          return;
        }
        answered = false;
        socket.ping();
      }, heartbeatMs);
      socket.on('close', () => {
        stats.connections -= 1;
        clearInterval(heartbeat);
        sender.dispose();
        session.close();
      });
    },
  });

  app.get(
    '/api/ws/stats',
    { schema: { tags: ['stream'], summary: 'The event stream now: connections, subscribers per topic, messages and merged prices per second', security: [{ bearer: [] }], response: { 200: StreamStatistics } } },
    () => ({ ...stats.snapshot(), subscriptions: Object.fromEntries(EVENT_TOPICS.map((topic) => [topic, hub.listenerCount(topic)])) }),
  );
};
