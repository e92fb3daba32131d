import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { envExample, withSettingsTable } from '../engine/config/docs.js';

/** `optibid config-docs`: rewrites .env.example and the README's settings table. */
export async function writeConfigDocs(root: string): Promise<void> {
  const readme = join(root, 'README.md');
  await writeFile(readme, withSettingsTable(await readFile(readme, 'utf8')));
  await writeFile(join(root, '.env.example'), envExample());
}
