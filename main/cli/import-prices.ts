import { performance } from 'node:perf_hooks';
import { formatInZone } from '../../shared/market/time-zone.js';
import { systemClock } from '../engine/clock.js';
import { ConfigError, type EngineConfig } from '../engine/config/load.js';
import { loadZoneCatalogue } from '../engine/db/zone-catalogue.js';
import { readPriceFile, type PriceFile } from '../engine/market/import/read-price-file.js';
import { storePriceFile } from '../engine/market/import/store-price-file.js';
import { withPrimaryStore } from './primary-store.js';
import { progressOn } from './progress.js';

/** Line numbers listed for each kind of skipped row; the rest are counted. */
const LINES_SHOWN = 5;

const utc = (at: Date): string => at.toISOString().replace('.000Z', 'Z');
const counted = (n: number, what: string): string => `${String(n)} ${what}${n === 1 ? '' : 's'}`;

function summary(file: PriceFile, written: number, elapsedMs: number): string[] {
  const { zone, format, intervals, gaps } = file;
  const both = (at: Date): string => `${utc(at)} (${formatInZone(zone.timezone, at.getTime())} ${zone.timezone})`;
  const lines = (numbers: number[]): string => (numbers.length === 0 ? '' : ` (line${numbers.length > 1 ? 's' : ''} ${numbers.slice(0, LINES_SHOWN).join(', ')}${numbers.length > LINES_SHOWN ? ', …' : ''})`);
  const clock = format.clock === 'zone' ? `timestamps in ${zone.id}'s local time, ${zone.timezone}` : 'timestamps read as UTC hours';
  const first = intervals[0];
  const last = intervals.at(-1);
  return [
    `Imported ${String(written)} hourly day-ahead prices of ${zone.id} from ${file.path} (${format.name} format, ${clock})`,
    ...(first && last ? [`  first: ${both(first.intervalStart)}`, `  last:  ${both(last.intervalStart)}`] : []),
    `  gaps: ${gaps.count === 0 ? 'none' : `${counted(gaps.count, 'missing hour')}: ${gaps.first.map(both).join(', ')}${gaps.count > gaps.first.length ? ', …' : ''}`}`,
    `  skipped: ${counted(file.nonexistentLines.length, 'non-existent local hour')}${lines(file.nonexistentLines)}, ${counted(file.duplicateLines.length, 'duplicate hour')}${lines(file.duplicateLines)}, ${counted(file.blankRows, 'blank row')}`,
    `  prices rounded to the cent: ${String(file.roundedPrices)}`,
    `  columns not stored: ${file.notStored.length === 0 ? 'none' : file.notStored.join(', ')}`,
    `  took ${(elapsedMs / 1000).toFixed(1)} s`,
  ];
}

/**
 * `optibid import prices FILE --zone Z`: reads and checks the whole file, then writes it to the
 * terminal's database (PostgreSQL with DATABASE_URL, else the SQLite file) in one transaction,
 * with progress on stderr, and prints what it did.
 */
export async function importPrices(config: EngineConfig, path: string, zoneId: string, print: (line: string) => void): Promise<void> {
  const started = performance.now();
  const { zones } = loadZoneCatalogue();
  const zone = zones.find((candidate) => candidate.id === zoneId.trim().toUpperCase());
  if (!zone) throw new ConfigError([`--zone: "${zoneId}" is not a market zone; expected one of ${zones.map((z) => z.id).join(', ')}`]);
  const file = await readPriceFile(path, zone);
  const progress = progressOn(process.stderr, `writing ${zone.id}`, file.intervals.length);
  let written: number;
  try {
    written = await withPrimaryStore(config, (store) => storePriceFile(store, file, systemClock.now(), (done) => progress.update(done)));
  } finally {
    progress.finish();
  }
  for (const line of summary(file, written, performance.now() - started)) print(line);
}
