import websocket from '@fastify/websocket';
import type { WebSocket } from '@fastify/websocket';
import type { RawData } from 'ws';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EVENT_TOPICS } from '../../../../shared/api/events.js';
import { PRICES_STREAM_PATH, STREAM_PATH, STREAM_SUBPROTOCOL, StreamInfo, StreamStatistics, zoneStreamPath } from '../../../../shared/api/stream.js';
import { ZoneParams } from '../../../../shared/api/zones.js';
import { notFound } from '../app-error.js';
import { presentedCredential } from '../authenticate.js';
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
 * The event streams over WebSocket. Every upgrade passes the loopback guard (Host and Origin)
 * like any request. `/api/ws/events` is the terminal's own: its token comes in the first message
 * (a browser cannot set headers, and a refreshed token must not drop the connection). The price
 * streams for tools authenticate on the upgrade itself, so a caller without a credential never
 * gets a socket. All speak the protocol of shared/api/stream.ts through a StreamSession.
 */
export interface StreamRouteOptions {
  openStream: (send: SendToClient) => StreamSession;
  heartbeatMs: number;
  stats: StreamStats;
  hub: EventHub;
  zoneIds: ReadonlySet<string>;
}

const security = [{ bearer: [] }];

const info = (path: string, description: string): StreamInfo => ({ protocol: 1, topics: [...EVENT_TOPICS], description: `Open a WebSocket to ${path}. ${description} Messages are JSON; see shared/api/stream.ts.` });

export const streamRoutes: FastifyPluginAsyncTypebox<StreamRouteOptions> = async (app, { openStream, heartbeatMs, stats, hub, zoneIds }) => {
  await app.register(websocket, {
    // A browser that offered subprotocols fails the connection unless one is chosen.
    options: { maxPayload: MAX_PAYLOAD_BYTES, handleProtocols: (offered) => (offered.has(STREAM_SUBPROTOCOL) ? STREAM_SUBPROTOCOL : false) },
  });

  /** Wires a socket to a new session; `opening` sends the messages a route starts with. */
  const serve = (socket: WebSocket, opening: (session: StreamSession) => void): void => {
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
    opening(session);
  };

  /** The upgrade's credential becomes the session's, re-checked on the session's schedule. */
  const signedIn = (session: StreamSession, credential: string | undefined): void => {
    if (credential) void session.handle({ type: 'auth', accessToken: credential });
  };

  app.route({
    method: 'GET',
    url: STREAM_PATH,
    schema: { tags: ['stream'], summary: 'Event stream (WebSocket): send {type:"auth",accessToken}, then {type:"subscribe",topic}', response: { 200: StreamInfo } },
    handler: () => info(STREAM_PATH, 'Send {type:"auth",accessToken}, then {type:"subscribe",topic[,zones]}.'),
    wsHandler: (socket) => serve(socket, () => undefined),
  });

  app.route({
    method: 'GET',
    url: PRICES_STREAM_PATH,
    schema: {
      tags: ['stream'],
      summary: 'Price stream (WebSocket) authenticated on the upgrade: send {type:"subscribe",topic:"price-update",zones:[...]} and {type:"unsubscribe",...}',
      security,
      response: { 200: StreamInfo },
    },
    handler: () => info(PRICES_STREAM_PATH, `Authenticate on the upgrade (Authorization: Bearer, X-API-Key, or the subprotocols ${STREAM_SUBPROTOCOL} + optibid.bearer.<token>), then send {type:"subscribe",topic:"price-update",zones:["DE_LU"]}.`),
    wsHandler: (socket, request) => serve(socket, (session) => signedIn(session, presentedCredential(request))),
  });

  app.route({
    method: 'GET',
    url: zoneStreamPath(':id'),
    schema: { tags: ['stream'], summary: "One zone's prices and alerts (WebSocket), authenticated on the upgrade and subscribed on connect", security, params: ZoneParams, response: { 200: StreamInfo } },
    preHandler: async (request) => {
      if (!zoneIds.has(request.params.id)) throw notFound('ZONE_NOT_FOUND', `Market zone ${request.params.id} does not exist`, { id: request.params.id });
    },
    handler: (request) => info(zoneStreamPath(request.params.id), `Authenticate on the upgrade; price-update and market-alert of ${request.params.id} are subscribed on connect.`),
    wsHandler: (socket, request) =>
      serve(socket, (session) => {
        const zones = [request.params.id];
        signedIn(session, presentedCredential(request));
        void session.handle({ type: 'subscribe', topic: 'price-update', zones });
        void session.handle({ type: 'subscribe', topic: 'market-alert', zones });
      }),
  });

  app.get(
    '/api/ws/stats',
    { schema: { tags: ['stream'], summary: 'The event stream now: connections, subscribers per topic, messages and merged prices per second', security, response: { 200: StreamStatistics } } },
    () => ({ ...stats.snapshot(), subscriptions: Object.fromEntries(EVENT_TOPICS.map((topic) => [topic, hub.listenerCount(topic)])) }),
  );
};
