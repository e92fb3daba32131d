import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Electron binary if the runtime is installed. The `electron` package's entry returns the
 * binary's path under plain Node and throws when its download never happened (as on
 * machines without internet access to the release host).
 */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
