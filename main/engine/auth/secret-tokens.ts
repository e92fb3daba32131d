import { createHash, randomBytes } from 'node:crypto';

/** Refresh tokens live two weeks from their last rotation: a trader signs in once a fortnight. */
export const REFRESH_TOKEN_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** 256 random bits (refresh tokens, reset codes), shown once; only the hash is stored. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
