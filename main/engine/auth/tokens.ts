import { randomBytes, randomUUID } from 'node:crypto';
import { errors, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWTHeaderParameters, type KeyObject } from 'jose';
import type { Role } from '../../../shared/api/auth.js';
import { ROLE_ORDER } from '../../../shared/auth/roles.js';
import type { Clock } from '../clock.js';
import type { SigningKeyRepository, StoredSigningKey } from '../db/repositories/signing-key-repository.js';
import { AppError } from '../http/app-error.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const TOKEN_ISSUER = 'optibid-terminal';
export const TOKEN_AUDIENCE = 'optibid-api';
const ALGORITHM = 'Ed25519';
// Terminals of a floor share tokens; their clocks may differ by a few seconds.
const CLOCK_TOLERANCE_SECONDS = 5;

/** What an access token says about its bearer. */
export interface AccessClaims {
  userId: string;
  sessionId: string;
  organizationId: string | null;
  role: Role | null;
}

type VerifyKey = CryptoKey | KeyObject | Uint8Array;

/**
 * Access tokens: Ed25519-signed JWTs of at most 15 minutes, issuer and audience pinned, the
 * algorithm pinned on verification (so `alg: none` or an HMAC trick is refused). The signing
 * key is generated on first start and kept in the database — shared by a floor's terminals.
 */
export class TokenService {
  private readonly verifyKeys = new Map<string, Promise<VerifyKey>>();

  private constructor(
    private readonly keys: SigningKeyRepository,
    private readonly signing: { kid: string; key: VerifyKey },
    private readonly clock: Clock,
  ) {}

  /** Loads the active signing key, generating and storing one on first start. */
  static async open(keys: SigningKeyRepository, clock: Clock): Promise<TokenService> {
    return TokenService.withKey(keys, await TokenService.activeKey(keys, clock), clock);
  }

  /** The active signing key, generated and stored on first start. */
  static async activeKey(keys: SigningKeyRepository, clock: Clock): Promise<StoredSigningKey> {
    return (await keys.active()) ?? (await TokenService.generate(keys, clock));
  }

  /**
   * Signs with `stored`; other key ids are looked up in `keys`. The signing key's own tokens
   * verify without a lookup, so they still do when `keys` is a database gone out of reach.
   */
  static async withKey(keys: SigningKeyRepository, stored: StoredSigningKey, clock: Clock): Promise<TokenService> {
    const service = new TokenService(keys, { kid: stored.kid, key: await importJWK(stored.privateJwk, ALGORITHM) }, clock);
    const publicKey = await importJWK(stored.publicJwk, ALGORITHM);
    service.verifyKeys.set(stored.kid, Promise.resolve(publicKey));
    return service;
  }

  private static async generate(keys: SigningKeyRepository, clock: Clock): Promise<StoredSigningKey> {
    const pair = await generateKeyPair(ALGORITHM, { extractable: true });
    const key: StoredSigningKey = {
      kid: randomBytes(12).toString('base64url'),
      algorithm: ALGORITHM,
      publicJwk: await exportJWK(pair.publicKey),
      privateJwk: await exportJWK(pair.privateKey),
      createdAt: clock.now(),
      retiredAt: null,
    };
    await keys.insert(key);
    // Two terminals starting together may both generate: everyone uses whichever is active.
    const active = await keys.active();
    if (!active) throw new Error('no active signing key after generating one');
    return active;
  }

  async issue(claims: AccessClaims): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + ACCESS_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({ sid: claims.sessionId, org: claims.organizationId, role: claims.role })
      .setProtectedHeader({ alg: ALGORITHM, kid: this.signing.kid, typ: 'at+jwt' })
      .setSubject(claims.userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.signing.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  private verifyKey(kid: string): Promise<VerifyKey> {
    let key = this.verifyKeys.get(kid);
    if (!key) {
      key = this.keys.get(kid).then((stored) => {
        if (!stored) throw new errors.JWKSNoMatchingKey();
        return importJWK(stored.publicJwk, ALGORITHM);
      });
      // A failed lookup is not remembered: the key may appear (another terminal generated it).
      key.catch(() => this.verifyKeys.delete(kid));
      this.verifyKeys.set(kid, key);
    }
    return key;
  }

  /** The claims of a valid token; otherwise a 401 AppError (TOKEN_EXPIRED or TOKEN_INVALID). */
  async verify(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, (header: JWTHeaderParameters) => this.verifyKey(header.kid ?? ''), {
        algorithms: [ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        typ: 'at+jwt',
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
        currentDate: this.clock.now(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: ACCESS_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
      });
      return {
        userId: String(payload.sub),
        sessionId: String(payload.sid),
        organizationId: typeof payload.org === 'string' ? payload.org : null,
        role: ROLE_ORDER.find((role) => role === payload.role) ?? null,
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AppError('authentication_error', 'TOKEN_EXPIRED', 'The access token has expired; refresh it');
      if (error instanceof errors.JOSEError) throw new AppError('authentication_error', 'TOKEN_INVALID', 'The access token is not valid');
      throw error;
    }
  }
}
