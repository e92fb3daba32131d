/**
 * The Content-Security-Policy of every app:// response. Everything comes from the app itself;
 * the only other origin the page may reach is the engine on loopback (http for the API, ws
 * for the event stream), which other tools on this machine use too. No inline script, no
 * eval, no plugins, no <base>, no framing, no form posts.
 */
export function contentSecurityPolicy(engineUrl: string): string {
  const engine = new URL(engineUrl);
  if (engine.protocol !== 'http:') throw new Error(`The engine URL must be http://, got ${engineUrl}`);
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:'],
    ['connect-src', "'self'", `http://${engine.host}`, `ws://${engine.host}`],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['frame-ancestors', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}
