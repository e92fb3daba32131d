import { readFile } from 'node:fs/promises';
import { resolveAppRequest } from './resolve-app-request.js';

/**
 * The app:// protocol handler's work, in plain Node (Electron's protocol.handle passes a fetch
 * Request and takes a fetch Response, both global in Node too): the built renderer's files,
 * each answer carrying the Content-Security-Policy and nosniff, refusals as plain text.
 */
export async function serveAppRequest(request: { method: string; url: string }, rendererDir: string, csp: string): Promise<Response> {
  const common = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff' };
  const plain = (status: number, text: string, extra: Record<string, string> = {}): Response =>
    new Response(text, { status, headers: { ...common, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...extra } });

  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Only GET and HEAD are served', { allow: 'GET, HEAD' });
  const target = resolveAppRequest(request.url, rendererDir);
  if (target.kind === 'refused') return plain(target.status, target.reason);

  let body: Buffer;
  try {
    body = await readFile(target.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
    throw error;
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...common, 'content-type': target.contentType, 'cache-control': target.cacheControl, 'content-length': String(body.byteLength) },
  });
}
