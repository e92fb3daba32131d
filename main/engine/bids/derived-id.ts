import { createHash } from 'node:crypto';

/**
 * A name-based UUID: SHA-256 of the names, cut to 128 bits and stamped with version 5 and the
 * RFC 4122 variant (a version-5-style UUID over SHA-256 instead of SHA-1). The same names give
 * the same id on every terminal, so work derived from them (a copied bid) is never made twice.
 */
export function derivedId(...names: readonly string[]): string {
  const bytes = createHash('sha256').update(names.join('\u0000')).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
