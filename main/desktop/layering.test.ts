import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../engine/app-paths.js';

/** Modules that need the Electron runtime: loading them under plain Node fails. */
const ELECTRON_RUNTIME = /^(electron|electron-updater)(\/|$)/;
/** The only file that may load them: the glue. Every other module keeps to `import type`. */
const GLUE = new Set(['main/desktop/main.ts']);

function runtimeImports(source: string): string[] {
  const statements = [...source.matchAll(/^\s*(import|export)\s+(?!type\b)[^;]*?from\s*['"]([^'"]+)['"]/gm), ...source.matchAll(/\b(require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return statements.map((match) => match[2] ?? '').filter((specifier) => ELECTRON_RUNTIME.test(specifier));
}

describe('desktop shell layering', () => {
  it('finds runtime imports and lets type imports pass (the scanner itself works)', () => {
    const shell = 'electron';
    expect(runtimeImports(`import { app } from '${shell}';\nimport type { App } from '${shell}';\nimport u from '${shell}-updater';\nimport type { AppUpdater } from '${shell}-updater';`)).toEqual([shell, `${shell}-updater`]);
  });

  it('loads Electron and electron-updater only in main.ts, so every other module runs (and is tested) under plain Node', () => {
    const dir = join(appRoot, 'main', 'desktop');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(15);
    const offenders = files
      .map((file) => relative(appRoot, join(dir, file)).split('\\').join('/'))
      .filter((file) => !GLUE.has(file))
      .flatMap((file) => runtimeImports(readFileSync(join(appRoot, file), 'utf8')).map((specifier) => `${file} loads ${specifier}`));
    expect(offenders).toEqual([]);
  });
});
