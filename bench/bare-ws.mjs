import { WebSocketServer } from 'ws';

/**
 * The fan-out bench's baseline: a plain `ws` server doing only the broadcast. Every beat of the
 * same timer interval as the engine's simulator, one price-update message shaped and sized like
 * the engine's (a price per zone, one `at`) is serialised once and sent to every client that has
 * sent a message (its subscribe). Like the simulator, a beat within the millisecond of the last
 * one is skipped, so every publication has its own `at`. Driven over IPC by bench/fanout.mjs:
 *   serve {zones: [{id, currency}], intervalMs} -> listening {port}
 */

function serve({ zones, intervalMs }) {
  const subscribers = new Set();
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => {
    socket.once('message', () => subscribers.add(socket));
    socket.on('close', () => subscribers.delete(socket));
  });
  server.on('listening', () => process.send({ type: 'listening', port: server.address().port }));
  let last = 0;
  setInterval(() => {
    const now = Date.now();
    if (now === last) return;
    last = now;
    const at = new Date(now).toISOString();
    const prices = zones.map(({ id, currency }) => ({ zoneId: id, market: 'tick', resolutionMinutes: 0, at, price: Math.round(Math.random() * 20_000) / 100, currency, source: 'simulator' }));
    const text = JSON.stringify({ type: 'event', topic: 'price-update', snapshot: false, data: { prices } });
    for (const socket of subscribers) socket.send(text);
  }, intervalMs);
}

process.on('message', (command) => {
  if (command.type === 'serve') serve(command);
});
