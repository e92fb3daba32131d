import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = 'terminal-id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * This terminal's identity on a floor: a UUID kept in its data directory (`terminal-id`), made at
 * its first start (again if the file no longer holds one). The trainings it starts carry it in
 * the shared registry, so after a crash it can tell its own interrupted trainings from those
 * another terminal is running.
 */
export async function terminalIdentity(dataDir: string): Promise<string> {
  const path = join(dataDir, FILE);
  const kept = await readFile(path, 'utf8').then(
    (text) => text.trim(),
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    },
  );
  if (kept !== null && UUID.test(kept)) return kept;
  const id = randomUUID();
  // Written whole or not at all: a crash mid-write must not leave half an identity.
  const partial = `${path}.${id}.partial`;
  await writeFile(partial, `${id}\n`);
  await rename(partial, path);
  return id;
}
