/**
 * The routes anyone may call without signing in — the whole list, kept short on purpose.
 * Every other route requires a valid access token (a test walks the route table to prove it).
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /',
  'GET /health',
  'GET /api/openapi.json',
  'GET /api/redoc',
  'GET /api/redoc/redoc.standalone.js',
  // Reference data of the market (the exchanges publish it); no organisation's data.
  'GET /api/market-data/zones',
  'GET /api/market-data/zones/:id',
  // The event stream authenticates with its first message (browsers cannot set WebSocket headers).
  'GET /api/ws/events',
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/password-reset/request',
  'POST /api/auth/password-reset/confirm',
]);

/** Static files: the API documentation UI and the renderer's bundles. */
const PUBLIC_PREFIXES = ['/api/docs', '/assets/'];

export function isPublicRoute(method: string, url: string): boolean {
  return PUBLIC_ROUTES.has(`${method === 'HEAD' ? 'GET' : method} ${url}`) || PUBLIC_PREFIXES.some((prefix) => url.startsWith(prefix));
}
