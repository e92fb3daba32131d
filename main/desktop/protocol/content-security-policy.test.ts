import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy.js';

describe('content security policy of the app’s pages', () => {
  it('allows the app itself and the engine on loopback, nothing else', () => {
    expect(contentSecurityPolicy('http://127.0.0.1:4317/')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:4317 ws://127.0.0.1:4317; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('follows the port the engine actually listens on', () => {
    expect(contentSecurityPolicy('http://127.0.0.1:50123/')).toContain("connect-src 'self' http://127.0.0.1:50123 ws://127.0.0.1:50123;");
  });

  it('refuses an engine address that is not plain http (the engine serves loopback only)', () => {
    expect(() => contentSecurityPolicy('https://127.0.0.1:4317/')).toThrow(/http:\/\//);
    expect(() => contentSecurityPolicy('not a url')).toThrow();
  });
});
