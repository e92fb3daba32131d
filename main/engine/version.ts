import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from './app-paths.js';

interface PackageInfo {
  name: string;
  productName: string;
  version: string;
}

export const packageInfo: PackageInfo = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as PackageInfo;
