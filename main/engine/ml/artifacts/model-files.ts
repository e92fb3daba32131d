import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { sha256Hex } from './model-file.js';

/** Where a model file is, relative to the data directory (as ml_models.artifact_path keeps it), with its size and hash. */
export interface StoredModelFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** A stored model file that is gone, no longer what was written, or not readable by this terminal. */
export class ModelFileUnreadable extends Error {
  constructor(
    readonly reason: 'missing' | 'changed' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'ModelFileUnreadable';
  }
}

const MODELS_FOLDER = 'models';
const EXTENSION = '.optibid-model';
const PARTIAL_SUFFIX = '.partial';

/**
 * The model files of this terminal, in `<data dir>/models/<model id>.optibid-model` (a model
 * recalibrated n times: `<model id>-r<n>.optibid-model`, written beside the one its row still
 * names until the row is moved on, so a failed recalibration never touches the model). Written
 * whole or not at all (a temporary file, flushed, then renamed over), so a crash never leaves a
 * half model under a model's name. Paths are kept relative to the data directory, so a data
 * directory moved or restored elsewhere still finds its models.
 */
export class ModelFiles {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir);
  }

  async write(modelId: string, file: Uint8Array, revision = 0): Promise<StoredModelFile> {
    const folder = join(this.root, MODELS_FOLDER);
    await mkdir(folder, { recursive: true });
    const target = join(folder, `${modelId}${revision > 0 ? `-r${String(revision)}` : ''}${EXTENSION}`);
    const temporary = `${target}.${randomUUID()}${PARTIAL_SUFFIX}`;
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(file);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { path: relative(this.root, target).split(sep).join('/'), bytes: file.length, sha256: sha256Hex(file) };
  }

  /** The file as written: refused when it is gone or its SHA-256 is no longer the one recorded. */
  async read(stored: Pick<StoredModelFile, 'path' | 'sha256'>): Promise<Uint8Array> {
    let file: Uint8Array;
    try {
      file = new Uint8Array(await readFile(this.absolute(stored.path)));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new ModelFileUnreadable('missing', `The model file ${stored.path} is not on this terminal`);
      // Not a model file any more (a folder in its place) or not this process's to read: the operator's to mend.
      if (code === 'EISDIR' || code === 'EACCES' || code === 'EPERM') throw new ModelFileUnreadable('unreadable', `The model file ${stored.path} cannot be read (${code})`);
      throw error;
    }
    if (sha256Hex(file) !== stored.sha256) throw new ModelFileUnreadable('changed', `The model file ${stored.path} has changed since it was written (SHA-256 differs)`);
    return file;
  }

  /**
   * Removes the temporary files of writes a crash cut short (never a model's: only the rename
   * gives a file its model's name). Run at start, before any write of this terminal; model files
   * without a row are kept, since the rows may be in a database this terminal is not connected to.
   */
  async removeLeftovers(): Promise<string[]> {
    const folder = join(this.root, MODELS_FOLDER);
    const names = await readdir(folder).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    });
    const leftovers = names.filter((name) => name.endsWith(PARTIAL_SUFFIX));
    await Promise.all(leftovers.map((name) => rm(join(folder, name), { force: true })));
    return leftovers;
  }

  async remove(path: string): Promise<void> {
    await rm(this.absolute(path), { force: true });
  }

  /** The absolute path of a stored path, which must stay inside the models folder (a row is data, not trusted as a path). */
  private absolute(path: string): string {
    const absolute = resolve(this.root, path);
    if (!absolute.startsWith(join(this.root, MODELS_FOLDER) + sep)) throw new Error(`model file path ${path} is outside the models folder`);
    return absolute;
  }
}
