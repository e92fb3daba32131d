import { WebSocketServer } from 'ws';

/**
 * The fan-out bench's baseline: a plain `ws` server doing only the broadcast. Every beat of the
 * same timer interval as the engine's simulator, one price-update message shaped and sized like
 * the engine's (a price per zone, one `at`) is serialised once and sent to every client that has
 * sent a message (its subscribe). Driven over IPC by bench/fanout.mjs:
 *   serve {zones: [{id, currency}], intervalMs} -> listening {port}
 *   start                                       -> (publish counter reset)
 *   stop                                        -> published {messages}
 */

const subscribers = new Set();
let published = 0;

function serve({ zones, intervalMs }) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    socket.once('message', () => subscribers.add(socket));
    socket.on('close', () => subscribers.delete(socket));
  });
  server.on('listening', () => process.send({ type: 'listening', port: server.address().port }));
  setInterval(() => {
    const at = new Date().toISOString();
    const prices = zones.map(({ id, currency }) => ({ zoneId: id, market: 'tick', resolutionMinutes: 0, at, price: Math.round(Math.random() * 20_000) / 100, currency, source: 'simulator' }));
    const text = JSON.stringify({ type: 'event', topic: 'price-update', snapshot: false, data: { prices } });
    for (const socket of subscribers) socket.send(text);
    published += 1;
  }, intervalMs);
}

process.on('message', (command) => {
  switch (command.type) {
    case 'serve':
      serve(command);
      return;
    case 'start':
      published = 0;
      return;
    case 'stop':
      process.send({ type: 'published', messages: published });
      return;
  }
});
