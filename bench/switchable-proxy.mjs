import { connect, createServer } from 'node:net';

/**
 * A TCP proxy in front of a PostgreSQL that a bench can switch off and on: off, every open
 * connection is reset and new ones are refused, as when the network to the shared database
 * goes; on, bytes pass untouched. (The tests' fault proxy, main/testing/fault-proxy.ts, does
 * much more but is TypeScript outside the build, so a bench running dist/ cannot import it.)
 * Resolves with { url, up(), down(), close() }; `url` is the target's with the proxy's port.
 */
export async function switchableProxy(targetUrl) {
  const target = new URL(targetUrl);
  const open = new Set();
  let passing = true;

  const server = createServer((client) => {
    client.on('error', () => undefined);
    if (!passing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(target.port || 5432), target.hostname);
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
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(server.address().port);

  return {
    url: url.href,
    up() {
      passing = true;
    },
    down() {
      passing = false;
      for (const socket of open) socket.resetAndDestroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
