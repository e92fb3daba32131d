import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../testing/environment.js';
import { terminalIdentity } from './terminal-identity.js';

describe('the terminal’s identity', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('is made at the first start, kept in the data directory, and the same at every start after', async () => {
    const id = await terminalIdentity(dir.path);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await readFile(join(dir.path, 'terminal-id'), 'utf8')).trim()).toBe(id);
    expect(await terminalIdentity(dir.path)).toBe(id);
  });

  it('is made anew when its file no longer holds one', async () => {
    await writeFile(join(dir.path, 'terminal-id'), 'not an identity');
    const id = await terminalIdentity(dir.path);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await terminalIdentity(dir.path)).toBe(id);
  });
});
