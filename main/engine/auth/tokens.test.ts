import { generateKeyPair, importJWK, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { steppingClock } from '../../testing/clock.js';
import { dialects, type DialectFixture } from '../../testing/dialects.js';
import { AppError } from '../http/app-error.js';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, TokenService } from './tokens.js';

const claims = { userId: '5f0c6b1e-7a53-4d52-9a33-0f2a4c1d9e01', sessionId: '0d1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', organizationId: null, role: null };

async function rejection(promise: Promise<unknown>): Promise<{ code: string; type: string; statusCode: number }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, type: error.type, statusCode: error.statusCode };
}

const invalid = { code: 'TOKEN_INVALID', type: 'authentication_error', statusCode: 401 };

describe.each(dialects)('access tokens on $dialect', ({ open }) => {
  let db: DialectFixture;
  beforeEach(async () => {
    db = await open();
    await db.store.migrate();
  });
  afterEach(async () => {
    await db.dispose();
  });

  it('generates the signing key once, stores it, and verifies its own tokens for 15 minutes', async () => {
    const clock = steppingClock('2026-01-15T10:00:00Z');
    const tokens = await TokenService.open(db.store.signingKeys, clock);
    const { token, expiresAt } = await tokens.issue({ ...claims, organizationId: 'a5e0c2d1-1b2c-4d3e-8f40-5a6b7c8d9e0f', role: 'trader' });
    expect(expiresAt.toISOString()).toBe('2026-01-15T10:15:00.000Z');
    expect(await tokens.verify(token)).toEqual({ ...claims, organizationId: 'a5e0c2d1-1b2c-4d3e-8f40-5a6b7c8d9e0f', role: 'trader' });
    // Another terminal on the same database uses the same key.
    const other = await TokenService.open(db.store.signingKeys, clock);
    expect((await other.verify(token)).userId).toBe(claims.userId);
    expect(await db.raw('SELECT count(*) AS n FROM signing_keys')).toEqual([{ n: 1 }]);
    clock.advance((15 * 60 + 6) * 1000);
    expect(await rejection(tokens.verify(token))).toEqual({ code: 'TOKEN_EXPIRED', type: 'authentication_error', statusCode: 401 });
  });

  it('refuses alg:none, a tampered signature, a wrong audience or issuer, a foreign key and garbage', async () => {
    const clock = steppingClock('2026-01-15T10:00:00Z');
    const tokens = await TokenService.open(db.store.signingKeys, clock);
    const { token } = await tokens.issue(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString()) as Record<string, unknown>;
    const unsigned = `${Buffer.from(JSON.stringify({ ...decodedHeader, alg: 'none' })).toString('base64url')}.${payload}.`;
    const tampered = `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'someone-else' })).toString('base64url');
    const iat = Math.floor(clock.now().getTime() / 1000);
    const foreign = await generateKeyPair('Ed25519');
    const stored = await db.store.signingKeys.active();
    const ours = await importJWK(stored?.privateJwk ?? {}, 'Ed25519');
    const signWith = (audience: string, issuer: string, kid: string, key: Parameters<SignJWT['sign']>[0]): Promise<string> =>
      new SignJWT({ sid: claims.sessionId }).setProtectedHeader({ alg: 'Ed25519', kid, typ: 'at+jwt' }).setSubject(claims.userId).setIssuer(issuer).setAudience(audience).setIssuedAt(iat).setExpirationTime(iat + 600).sign(key);
    const kid = String(decodedHeader.kid);
    // Signed with our own key and right in every claim: accepted (so the cases below fail for their one fault).
    expect((await tokens.verify(await signWith(TOKEN_AUDIENCE, TOKEN_ISSUER, kid, ours))).userId).toBe(claims.userId);
    for (const bad of [
      unsigned,
      tampered,
      `${header}.${forgedPayload}.${signature}`,
      await signWith('another-api', TOKEN_ISSUER, kid, ours),
      await signWith(TOKEN_AUDIENCE, 'someone-else', kid, ours),
      await signWith(TOKEN_AUDIENCE, TOKEN_ISSUER, kid, foreign.privateKey),
      await signWith(TOKEN_AUDIENCE, TOKEN_ISSUER, 'unknown-key-id', foreign.privateKey),
      'not.a.jwt',
      '',
    ]) {
      expect(await rejection(tokens.verify(bad))).toEqual(invalid);
    }
  });
});
