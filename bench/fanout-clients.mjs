import WebSocket from 'ws';

/**
 * The fan-out bench's WebSocket clients, in their own process so that receiving does not eat
 * into the server's figures. Driven over IPC by bench/fanout.mjs:
 *   connect {url, headers, subscribe, clients}  -> live          (every client has had a live price)
 *   start                                       -> (counters reset: the window opens)
 *   stop                                        -> result {...}  (then the process exits)
 * The result's latencies are [milliseconds, messages] pairs; `published` counts the distinct
 * publications the clients saw (each has its own `at`: both servers skip a beat within one ms).
 * Latency is publish to receipt: the price's `at` (the publisher's clock when it published)
 * against this process's Date.now() when the message event fires; same machine, same clock.
 */

// Both servers write {"type":"event","topic":"price-update","snapshot":false,...} in this key order.
const LIVE_PREFIX = Buffer.from('{"type":"event","topic":"price-update","snapshot":false');
const ERROR_PREFIX = Buffer.from('{"type":"error"');
const AT_KEY = Buffer.from('"at":"');
const ISO_LENGTH = '2026-11-26T09:00:00.000Z'.length;
const MAX_LATENCY_MS = 60_000;

const startsWith = (data, prefix) => data.length >= prefix.length && data.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;

let latencies = new Uint32Array(MAX_LATENCY_MS + 1);
let messages = 0;
let published = new Set();
let bytes = 0;
let windowStart = 0;
let cpuStart = process.cpuUsage();
const closes = {};
const errors = [];
const sockets = [];

/** Counts one live price message: its size and the latency of its first price (all share one `at`). */
function received(data) {
  const from = data.indexOf(AT_KEY) + AT_KEY.length;
  const at = Date.parse(data.toString('latin1', from, from + ISO_LENGTH));
  latencies[Math.min(MAX_LATENCY_MS, Math.max(0, Date.now() - at))] += 1;
  published.add(at);
  messages += 1;
  bytes += data.length;
}

function connect({ url, headers, subscribe, clients }) {
  let live = 0;
  for (let i = 0; i < clients; i++) {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    let first = true;
    socket.on('open', () => socket.send(JSON.stringify(subscribe)));
    socket.on('message', (data) => {
      if (startsWith(data, LIVE_PREFIX)) {
        received(data);
        if (first) {
          first = false;
          if (++live === clients) process.send({ type: 'live' });
        }
      } else if (startsWith(data, ERROR_PREFIX)) errors.push(data.toString('utf8'));
    });
    socket.on('close', (code) => (closes[code] = (closes[code] ?? 0) + 1));
    socket.on('error', (error) => errors.push(error.message));
    sockets.push(socket);
  }
}

process.on('message', (command) => {
  switch (command.type) {
    case 'connect':
      connect(command);
      return;
    case 'start':
      latencies = new Uint32Array(MAX_LATENCY_MS + 1);
      messages = 0;
      published = new Set();
      bytes = 0;
      cpuStart = process.cpuUsage();
      windowStart = performance.now();
      return;
    case 'stop': {
      const seconds = (performance.now() - windowStart) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      // Closing is not part of the window: the counters are read first.
      const result = { type: 'result', seconds, messages, published: published.size, bytes, latencies: [...latencies.entries()].filter(([, count]) => count > 0), closes: { ...closes }, errors: errors.slice(0, 5), cpuSeconds: (cpu.user + cpu.system) / 1e6 };
      for (const socket of sockets) socket.terminate();
      process.send(result, () => process.exit(0));
      return;
    }
  }
});
