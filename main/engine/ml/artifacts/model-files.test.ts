import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../../testing/environment.js';
import { ModelFiles } from './model-files.js';

describe('model files in the data directory', () => {
  let dir: TempDir;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.remove();
  });

  it('removes the temporary files of writes a crash cut short, and nothing else', async () => {
    const files = new ModelFiles(dir.path);
    expect(await files.removeLeftovers()).toEqual([]);
    const kept = await files.write('a1b2', new Uint8Array([1, 2, 3]));
    const unregistered = join(dir.path, 'models', 'c3d4.optibid-model');
    await writeFile(unregistered, 'a model whose row is in another database');
    await writeFile(join(dir.path, 'models', 'e5f6.optibid-model.0f1e.partial'), 'half a model');
    expect(await files.removeLeftovers()).toEqual(['e5f6.optibid-model.0f1e.partial']);
    expect((await readdir(join(dir.path, 'models'))).sort()).toEqual(['a1b2.optibid-model', 'c3d4.optibid-model']);
    expect(await files.read(kept)).toEqual(new Uint8Array([1, 2, 3]));
  });
});
