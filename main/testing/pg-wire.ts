/** One message a PostgreSQL client sent: its type byte and, for a query, its SQL text. */
export interface ClientMessage {
  /** The type byte as a character ('Q' simple query, 'P' parse, 'X' terminate ...); '' for the untyped start-up messages. */
  type: string;
  /** The SQL of a simple query ('Q') or of a statement being prepared ('P'); null for every other message. */
  sql: string | null;
}

// Requests a client may send before its start-up message; the server answers each with one byte.
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** A NUL-terminated string of a message body from `offset`, and where it ends. */
function cString(body: Buffer, offset: number): { text: string; end: number } {
  const end = body.indexOf(0, offset);
  const stop = end === -1 ? body.length : end;
  return { text: body.toString('utf8', offset, stop), end: stop + 1 };
}

function sqlOf(type: string, body: Buffer): string | null {
  if (type === 'Q') return cString(body, 0).text;
  // Parse: statement name, then the query text.
  if (type === 'P') return cString(body, cString(body, 0).end).text;
  return null;
}

/**
 * Splits the client-to-server byte stream of the PostgreSQL protocol (v3) into messages, as
 * they arrive in chunks of any size: first the untyped start-up messages (length, code), then
 * typed ones (type byte, length). Enough for a test proxy to recognise a COMMIT on the wire.
 */
export class ClientMessageReader {
  private pending: Buffer = Buffer.alloc(0);
  private started = false;

  /** The messages completed by this chunk, in order. */
  read(chunk: Buffer): ClientMessage[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: ClientMessage[] = [];
    for (;;) {
      const headerLength = this.started ? 5 : 4;
      if (this.pending.length < headerLength) break;
      const type = this.started ? String.fromCharCode(this.pending[0] ?? 0) : '';
      const length = this.pending.readInt32BE(headerLength - 4);
      const total = headerLength - 4 + length;
      if (this.pending.length < total) break;
      const body = this.pending.subarray(headerLength, total);
      if (!this.started) {
        const code = body.length >= 4 ? body.readInt32BE(0) : 0;
        this.started = code !== SSL_REQUEST && code !== GSSENC_REQUEST;
      }
      messages.push({ type, sql: sqlOf(type, body) });
      this.pending = this.pending.subarray(total);
    }
    return messages;
  }
}
