import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { appRoot } from './engine/app-paths.js';

const exec = promisify(execFile);
const bin = (name: string): string => join(appRoot, 'node_modules', '.bin', name);

async function runClean(command: string, args: string[]): Promise<string> {
  try {
    await exec(bin(command), args, { cwd: appRoot, maxBuffer: 16 * 1024 * 1024 });
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ''}${stderr ?? ''}`.trim() || String(error);
  }
}

// npm test builds first (tsc -b for every folder's own tsconfig); these complete the checks.
describe('code quality', () => {
  it('type-checks the tests, fixtures and tool configs (tsconfig.test.json)', { timeout: 180_000 }, async () => {
    expect(await runClean('tsc', ['-p', 'tsconfig.test.json'])).toBe('');
  });

  it('lints clean with typescript-eslint (strict, type-checked)', { timeout: 180_000 }, async () => {
    expect(await runClean('eslint', ['--max-warnings=0', '.'])).toBe('');
  });
});
