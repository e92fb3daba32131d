import { fork } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A TCP proxy in front of a PostgreSQL that a bench can switch off and on: off, every open
 * connection is reset and new ones are refused, as when the network to the shared database
 * goes; on, bytes pass untouched. It runs in a process of its own, as the network does: in the
 * bench's process its copying would take turns with the engine's own work on one event loop.
 * (The tests' fault proxy, main/testing/fault-proxy.ts, does much more but is TypeScript
 * outside the build, so a bench running dist/ cannot import it.)
 * Resolves with { url, up(), down(), close() }, each a promise the proxy has acted on; `url`
 * is the target's with the proxy's address.
 */
export async function switchableProxy(targetUrl) {
  const child = fork(fileURLToPath(import.meta.url), [targetUrl], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = await once(child, 'message');
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const command = async (name) => {
    child.send(name);
    await once(child, 'message');
  };
  return {
    url: url.href,
    up: () => command('up'),
    down: () => command('down'),
    close: async () => {
      await command('close');
      child.disconnect();
    },
  };
}

/** The proxy itself, in the child: reports its port, then obeys 'up', 'down' and 'close', answering each. */
async function serve(targetUrl) {
  const target = new URL(targetUrl);
  const open = new Set();
  let passing = true;

  // No Nagle on either side, as pg itself sets on its socket: otherwise a message written in
  // pieces waits for the delayed ACK (40 ms on Linux) on every query.
  const server = createServer({ noDelay: true }, (client) => {
    client.on('error', () => undefined);
    if (!passing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ port: Number(target.port || 5432), host: target.hostname, noDelay: true });
    upstream.on('error', () => undefined);
    open.add(client).add(upstream);
    const forget = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', forget);
    upstream.on('close', forget);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  process.on('message', (name) => {
    if (name === 'up') passing = true;
    if (name === 'down') {
      passing = false;
      for (const socket of open) socket.resetAndDestroy();
    }
    if (name === 'close') {
      for (const socket of open) socket.destroy();
      server.close();
    }
    process.send(name);
  });
  process.send({ port: server.address().port });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serve(process.argv[2]);
