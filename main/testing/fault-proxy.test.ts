import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';
import { Fault, sqlContains, startFaultProxy, type FaultProxy } from './fault-proxy.js';
import { createTestDatabase, type TestDatabase } from './postgres.js';

/** A pg client through the proxy, with short timeouts so a frozen link fails the test fast. */
async function clientVia(proxy: FaultProxy, timeouts = { connectMs: 2000, queryMs: 2000 }): Promise<{ client: pg.Client; errors: Error[] }> {
  const client = new pg.Client({ connectionString: proxy.url, connectionTimeoutMillis: timeouts.connectMs, query_timeout: timeouts.queryMs });
  const errors: Error[] = [];
  client.on('error', (error) => errors.push(error));
  await client.connect();
  return { client, errors };
}

const elapsed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

/** A raw socket to the proxy and every byte it receives until the proxy closes it. */
function rawSocket(port: number): Promise<{ socket: Socket; received: Buffer[]; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.once('error', reject);
    socket.once('connect', () => resolve({ socket, received, closed }));
  });
}

describe('fault proxy in front of a test PostgreSQL', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  let direct: pg.Client;
  const clients: pg.Client[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    await direct.query('CREATE TABLE marks (id integer PRIMARY KEY)');
    proxy = await startFaultProxy(database.url);
  });
  afterEach(async () => {
    proxy.setMode(Fault.pass);
    await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
    await eventually(() => proxy.connections === 0, 'the proxy to have no connection left');
  });
  afterAll(async () => {
    await proxy.close();
    await direct.end();
    // Fails if the proxy left a server session open.
    await database.drop();
  });

  const open = async (timeouts?: { connectMs: number; queryMs: number }) => {
    const opened = await clientVia(proxy, timeouts);
    clients.push(opened.client);
    return opened;
  };

  it('passes: a query answers through the proxy, which counts its connections', async () => {
    expect(proxy.url).toContain(`127.0.0.1:${String(proxy.port)}/${database.name}`);
    const { client } = await open();
    expect((await client.query<{ n: number }>('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
    expect(proxy.connections).toBe(1);
    await client.end();
    await eventually(() => proxy.connections === 0, 'the closed client to leave the count');
  });

  it('delays each chunk both ways, in order, and stops delaying on pass', async () => {
    const { client } = await open();
    proxy.setMode(Fault.delay(150));
    // One round trip: the query waits 150 ms, its reply 150 ms more.
    expect(await elapsed(() => client.query('SELECT 1'))).toBeGreaterThanOrEqual(290);
    // A reply of many chunks, each held back: out of order, the protocol stream would not parse.
    const long = await client.query<{ s: string }>("SELECT repeat('ab', 200000) AS s");
    expect(long.rows[0]?.s).toBe('ab'.repeat(200000));
    proxy.setMode(Fault.pass);
    expect(await elapsed(() => client.query('SELECT 1'))).toBeLessThan(150);
  });

  it('blackholes: an open connection and a new one both get no answer, and pass serves new connections again', async () => {
    const { client: frozen, errors } = await open({ connectMs: 500, queryMs: 500 });
    proxy.setMode(Fault.blackhole);
    await expect(frozen.query('SELECT 1')).rejects.toThrow(/Query read timeout/);
    await expect(clientVia(proxy, { connectMs: 500, queryMs: 500 })).rejects.toThrow(/timeout/i);
    // Accepted and read, not refused: the frozen client's connection is still open.
    expect(proxy.connections).toBeGreaterThanOrEqual(1);
    proxy.setMode(Fault.pass);
    // The connection whose bytes were swallowed is broken for good and is closed.
    await eventually(() => errors.length > 0, 'the broken connection to be closed');
    const { client } = await open();
    expect((await client.query<{ ok: boolean }>('SELECT true AS ok')).rows).toEqual([{ ok: true }]);
  });

  it('resets: open connections end with ECONNRESET and new ones are reset too', async () => {
    const { errors } = await open();
    proxy.setMode(Fault.reset);
    await eventually(() => errors.length > 0, 'the open connection to be reset');
    expect(errors[0]).toMatchObject({ code: 'ECONNRESET' });
    await expect(clientVia(proxy)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(proxy.connections).toBe(0);
  });

  it('closes after exactly N more server bytes, then passes again', async () => {
    const raw = await rawSocket(proxy.port);
    proxy.setMode(Fault.closeAfter(1));
    // SSLRequest: the server answers with one byte, 'N' (no TLS here).
    const sslRequest = Buffer.alloc(8);
    sslRequest.writeInt32BE(8, 0);
    sslRequest.writeInt32BE(80877103, 4);
    raw.socket.write(sslRequest);
    await eventually(() => raw.received.length > 0, 'the first server byte');
    // The start-up message: the server's answer is cut, and the connection with it.
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4);
    raw.socket.write(Buffer.concat([startup, params]));
    await raw.closed;
    expect(Buffer.concat(raw.received).toString('latin1')).toBe('N');
    expect(proxy.mode).toEqual(Fault.pass);
    const { client } = await open();
    expect((await client.query('SELECT 1')).rowCount).toBe(1);
  });

  it('closes the connection between a COMMIT the server ran and its reply: the row is there, the client never heard', async () => {
    const { client } = await open();
    proxy.setMode(Fault.closeOnServerMessage(sqlContains('COMMIT')));
    await client.query('BEGIN');
    await client.query('INSERT INTO marks (id) VALUES ($1)', [7]);
    await expect(client.query('COMMIT')).rejects.toThrow(/Connection terminated/);
    expect((await direct.query('SELECT id FROM marks')).rows).toEqual([{ id: 7 }]);
    // Fired once: a retry goes through.
    expect(proxy.mode).toEqual(Fault.pass);
    const { client: retry } = await open();
    await retry.query('BEGIN');
    await retry.query('INSERT INTO marks (id) VALUES ($1) ON CONFLICT DO NOTHING', [7]);
    await retry.query('COMMIT');
    expect((await direct.query<{ n: number }>('SELECT count(*)::int AS n FROM marks')).rows).toEqual([{ n: 1 }]);
  });

  it('with repeat, cuts every matching message, on every connection, until the mode is changed', async () => {
    const cut = Fault.closeOnServerMessage(sqlContains('INSERT INTO marks'), { repeat: true });
    proxy.setMode(cut);
    for (const id of [21, 22]) {
      const { client } = await open();
      await expect(client.query('INSERT INTO marks (id) VALUES ($1)', [id])).rejects.toThrow(/Connection terminated/);
      // Still cutting: the next connection's retry is cut too.
      expect(proxy.mode).toBe(cut);
    }
    // Each INSERT ran on the server (autocommit) though no client heard it.
    expect((await direct.query('SELECT id FROM marks WHERE id > 20 ORDER BY id')).rows).toEqual([{ id: 21 }, { id: 22 }]);
    proxy.setMode(Fault.pass);
    const { client } = await open();
    expect((await client.query('INSERT INTO marks (id) VALUES ($1)', [23])).rowCount).toBe(1);
  });
});
