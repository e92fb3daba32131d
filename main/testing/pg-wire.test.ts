import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientMessageReader } from './pg-wire.js';

const untyped = (code: number, rest: Buffer = Buffer.alloc(0)): Buffer => {
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + rest.length, 0);
  header.writeInt32BE(code, 4);
  return Buffer.concat([header, rest]);
};
const typed = (type: string, body: Buffer): Buffer => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
};
const cstrings = (...parts: string[]): Buffer => Buffer.from(parts.map((part) => `${part}\0`).join(''));

/** What a pg client sends: an SSL request, the start-up, a simple query, a parse of a prepared statement, a sync, a terminate. */
const conversation = Buffer.concat([
  untyped(80877103),
  untyped(196608, cstrings('user', 'trader', 'database', 'optibid', '')),
  typed('Q', cstrings('BEGIN')),
  typed('P', cstrings('', 'INSERT INTO bids (id) VALUES ($1) -- é')),
  typed('B', Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0])),
  typed('S', Buffer.alloc(0)),
  typed('Q', cstrings('COMMIT')),
  typed('X', Buffer.alloc(0)),
]);
const expected = [
  { type: '', sql: null },
  { type: '', sql: null },
  { type: 'Q', sql: 'BEGIN' },
  { type: 'P', sql: 'INSERT INTO bids (id) VALUES ($1) -- é' },
  { type: 'B', sql: null },
  { type: 'S', sql: null },
  { type: 'Q', sql: 'COMMIT' },
  { type: 'X', sql: null },
];

describe('client message reader of the PostgreSQL protocol', () => {
  it('reads the start-up messages untyped, then typed messages with the SQL of queries and parses', () => {
    expect(new ClientMessageReader().read(conversation)).toEqual(expected);
  });

  it('finds the same messages however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: conversation.length - 1 }), { maxLength: 40 }), (cuts) => {
        const reader = new ClientMessageReader();
        const points = [0, ...cuts.sort((a, b) => a - b), conversation.length];
        const messages = points.slice(1).flatMap((end, i) => reader.read(conversation.subarray(points[i], end)));
        expect(messages).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
