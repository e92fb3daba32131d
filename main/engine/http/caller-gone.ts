import type { FastifyReply } from 'fastify';

/**
 * Aborts when the connection closes before the answer was sent (the page closed, the network
 * dropped): work done only for that answer, a comparison's minutes of a core, can stop. The
 * response's 'close' also comes after an answer is sent; `writableFinished` tells the two apart.
 */
export function callerGone(reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) gone.abort();
  });
  return gone.signal;
}
