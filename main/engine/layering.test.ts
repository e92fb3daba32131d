import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from './app-paths.js';

/** Every module specifier a file imports, re-exports or requires. */
function specifiers(source: string): string[] {
  const patterns = [/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[1] ?? ''));
}

function sourceFiles(folder: string): string[] {
  const dir = join(appRoot, folder);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|cts|mts)$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

function violations(folder: string, forbidden: (specifier: string) => boolean): string[] {
  return sourceFiles(folder).flatMap((file) =>
    specifiers(readFileSync(file, 'utf8'))
      .filter(forbidden)
      .map((s) => `${relative(appRoot, file)} imports ${s}`),
  );
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isElectron = (s: string): boolean => s === 'electron' || s.startsWith('electron/');

describe('layering', () => {
  it('finds the imports it checks (the scanner itself works)', () => {
    const shell = 'electron';
    expect(specifiers(`import a from '${shell}';\nexport { b } from "node:fs";\nconst c = require('${shell}');\nawait import('x');`)).toEqual([shell, 'node:fs', 'x', shell]);
    expect(sourceFiles('main/engine').length).toBeGreaterThan(20);
  });

  it('keeps Electron out of the engine: main/engine runs under plain Node', () => {
    expect(violations('main/engine', isElectron)).toEqual([]);
  });

  it('keeps shared/ pure: no electron, no node: modules, nothing from main/, preload/ or renderer/', () => {
    expect(violations('shared', (s) => isElectron(s) || NODE_BUILTINS.has(s) || /^\.\.\/(\.\.\/)*(main|preload|renderer)\//.test(s))).toEqual([]);
  });

  it('layers import only downward: the engine never reaches into the desktop shell or the CLI', () => {
    expect(violations('main/engine', (s) => /(^|\/)desktop\//.test(s) || /(^|\/)cli(\.js|\/)/.test(s))).toEqual([]);
  });

  it('keeps the renderer off Node and Electron: it talks to the engine only through its transport', () => {
    expect(violations('renderer/src', (s) => isElectron(s) || NODE_BUILTINS.has(s) || /\/main\//.test(s))).toEqual([]);
  });
});
