import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The application root: the folder holding package.json. Found by walking up from this
 * module, so the same code works from the TypeScript sources (tests), from dist/ (serve,
 * bench) and from the packaged app (asar), without copying SQL or resources into dist/.
 */
function findAppRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`OptiBid: package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const appRoot = findAppRoot();
export const migrationsDir = (dialect: 'sqlite' | 'postgres'): string =>
  join(appRoot, 'main', 'engine', 'db', 'migrations', dialect);
export const resourcePath = (...parts: string[]): string => join(appRoot, 'resources', ...parts);
export const defaultRendererDir = join(appRoot, 'dist', 'renderer');
