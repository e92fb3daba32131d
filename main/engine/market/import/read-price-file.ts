import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { mwToKw, priceToMinor } from '../../../../shared/units.js';
import { instantsAtWallClock } from '../../../../shared/market/time-zone.js';
import type { IntervalFundamentals } from '../../db/repositories/market-data-repository.js';
import { KNOWN_HEADERS, recogniseHeader, type PriceFileFormat, type PriceFileLayout } from './price-file-formats.js';

const HOUR_MS = 3_600_000;
/** Problems listed in the error; the rest are counted. */
const PROBLEMS_SHOWN = 20;
/** Missing hours listed in the summary; the rest are counted. */
const GAPS_SHOWN = 5;

/** One hour's price read from a file, with the fundamentals published for it. */
export interface FileInterval {
  intervalStart: Date;
  priceMinor: number;
  fundamentals: IntervalFundamentals;
}

/** A price file read and checked in full: its hours in time order, and what was left out. */
export interface PriceFile {
  path: string;
  zone: MarketZone;
  format: PriceFileFormat;
  intervals: FileInterval[];
  /** Lines of the local hours skipped by a spring clock change, written in the file all the same. */
  nonexistentLines: number[];
  /** Lines whose hour an earlier line already gave. */
  duplicateLines: number[];
  blankRows: number;
  /** Prices written finer than a cent (e.g. the mean of a repeated autumn hour), rounded half away from zero. */
  roundedPrices: number;
  notStored: string[];
  /** Hours between the first and the last that the file has no price for (e.g. the second of a repeated autumn hour). */
  gaps: { count: number; first: Date[] };
}

export interface FileProblem {
  /** 1-based line in the file; null for the file as a whole. */
  line: number | null;
  message: string;
}

/** A file that cannot be imported: every problem found, with its line. Nothing was written. */
export class PriceFileError extends Error {
  constructor(
    readonly path: string,
    readonly problems: readonly FileProblem[],
  ) {
    const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => `${path}${p.line === null ? '' : `:${String(p.line)}`}: ${p.message}`);
    const more = problems.length > PROBLEMS_SHOWN ? [`… and ${String(problems.length - PROBLEMS_SHOWN)} more problems`] : [];
    const count = problems.length === 1 ? '1 problem' : `${String(problems.length)} problems`;
    super([`${path}: not imported (${count}; nothing was written)`, ...shown, ...more].join('\n'));
    this.name = 'PriceFileError';
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * A decimal as written, in whole cents: exact up to two decimals; finer ones are rounded half
 * away from zero on the written digits (no binary float in between). Null when not a decimal.
 */
function centsOf(text: string): { minor: number; rounded: boolean } | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  const beyond = fraction.slice(2);
  const magnitude = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0')) + ((beyond[0] ?? '0') >= '5' ? 1 : 0);
  return { minor: sign === '-' && magnitude !== 0 ? -magnitude : magnitude, rounded: /[1-9]/.test(beyond) };
}

const EMPTY_FUNDAMENTALS: IntervalFundamentals = { loadForecastKw: null, loadActualKw: null, generationKw: null, solarForecastKw: null, windOnshoreForecastKw: null, windOffshoreForecastKw: null };

/**
 * Reads a price file for a zone and checks all of it before anything is written: a problem on
 * any line fails the whole file (PriceFileError lists them), so an import is all or nothing.
 */
export async function readPriceFile(path: string, zone: MarketZone): Promise<PriceFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PriceFileError(path, [{ line: null, message: `cannot be read (${(error as Error).message})` }]);
  }
  let records: ParsedRecord[];
  try {
    // csv-parse's typings do not describe the records that `info: true` produces.
    records = parse(text, { bom: true, trim: true, info: true, relax_column_count: true }) as unknown as ParsedRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new PriceFileError(path, [{ line: typeof error.lines === 'number' ? error.lines : null, message: `is not valid CSV (${error.message})` }]);
  }
  const [header, ...rows] = records;
  if (!header || records.every(({ record }) => record.every((cell) => cell === ''))) throw new PriceFileError(path, [{ line: null, message: `is empty; expected a header: ${KNOWN_HEADERS}` }]);
  const layout = recogniseHeader(header.record);
  if (!layout) throw new PriceFileError(path, [{ line: header.info.lines, message: `the header "${header.record.join(',')}" is not a known price file; expected ${KNOWN_HEADERS}` }]);
  if (rows.every(({ record }) => record.every((cell) => cell === ''))) throw new PriceFileError(path, [{ line: null, message: 'has a header but no prices' }]);
  return new RowChecker(path, zone, layout, header.record.length).check(rows);
}

/** Checks rows in order against the zone, collecting every problem and the hours to store. */
class RowChecker {
  private readonly problems: FileProblem[] = [];
  private readonly file: PriceFile;
  private readonly lowestMinor: number;
  private readonly highestMinor: number;
  private previous: { wallClock: number; instant: number; text: string } | null = null;

  constructor(
    path: string,
    private readonly zone: MarketZone,
    private readonly layout: PriceFileLayout,
    private readonly width: number,
  ) {
    this.file = { path, zone, format: layout.format, intervals: [], nonexistentLines: [], duplicateLines: [], blankRows: 0, roundedPrices: 0, notStored: layout.notStored, gaps: { count: 0, first: [] } };
    const { floor, cap, costVerifiedCap } = zone.priceLimits;
    // A cleared price may reach the cost-verified cap where the market has one (the US ISOs).
    this.lowestMinor = priceToMinor(floor);
    this.highestMinor = priceToMinor(Math.max(cap, costVerifiedCap ?? cap));
  }

  check(rows: readonly ParsedRecord[]): PriceFile {
    for (const { record, info } of rows) this.checkRow(record, info.lines);
    if (this.problems.length > 0) throw new PriceFileError(this.file.path, this.problems);
    this.findGaps();
    return this.file;
  }

  private findGaps(): void {
    const { intervals, gaps } = this.file;
    let previous: number | null = null;
    for (const { intervalStart } of intervals) {
      const at = intervalStart.getTime();
      for (let missing = (previous ?? at) + HOUR_MS; missing < at; missing += HOUR_MS) {
        gaps.count += 1;
        if (gaps.first.length < GAPS_SHOWN) gaps.first.push(new Date(missing));
      }
      previous = at;
    }
  }

  private problem(line: number, message: string): void {
    this.problems.push({ line, message });
  }

  private checkRow(cells: readonly string[], line: number): void {
    if (cells.every((cell) => cell === '')) {
      this.file.blankRows += 1;
      return;
    }
    if (cells.length !== this.width) {
      this.problem(line, `has ${String(cells.length)} fields; the header has ${String(this.width)}`);
      return;
    }
    const [stamp = '', priceText = ''] = cells;
    const wallClock = this.readTimestamp(stamp, line);
    const price = this.readPrice(priceText, line);
    const fundamentals = this.readFundamentals(cells, line);
    if (wallClock === null || price === null || fundamentals === null) return;

    const previous = this.previous;
    if (previous && wallClock < previous.wallClock) {
      this.problem(line, `timestamp ${stamp} goes back before the previous row's ${previous.text}; expected rows in time order`);
      return;
    }
    const candidates = this.layout.format.clock === 'utc' ? [wallClock] : instantsAtWallClock(this.zone.timezone, wallClock);
    if (candidates.length === 0) {
      this.file.nonexistentLines.push(line);
      return;
    }
    // A repeated autumn hour written twice is the later instant the second time.
    const instant = candidates.find((candidate) => !previous || candidate > previous.instant);
    if (instant === undefined) {
      this.file.duplicateLines.push(line);
      return;
    }
    this.previous = { wallClock, instant, text: stamp };
    if (price.rounded) this.file.roundedPrices += 1;
    this.file.intervals.push({ intervalStart: new Date(instant), priceMinor: price.minor, fundamentals });
  }

  private readTimestamp(stamp: string, line: number): number | null {
    const { format } = this.layout;
    const wallClock = format.readTimestamp(stamp);
    if (wallClock === null) {
      this.problem(line, `timestamp "${stamp}" is not a date and time written ${format.timestampPattern}`);
      return null;
    }
    if (wallClock % HOUR_MS !== 0) {
      this.problem(line, `timestamp ${stamp} is not the start of an hour; expected hourly prices`);
      return null;
    }
    return wallClock;
  }

  private readPrice(text: string, line: number): { minor: number; rounded: boolean } | null {
    const { priceColumn } = this.layout;
    const { id, currency, priceLimits } = this.zone;
    const price = centsOf(text);
    if (price === null) {
      this.problem(line, text === '' ? `${priceColumn} is empty` : `${priceColumn} "${text}" is not a number`);
      return null;
    }
    if (price.minor < this.lowestMinor || price.minor > this.highestMinor) {
      this.problem(line, `${priceColumn} ${text} is outside ${id}'s price limits (${String(priceLimits.floor)} to ${String(this.highestMinor / 100)} ${currency}/MWh)`);
      return null;
    }
    return price;
  }

  private readFundamentals(cells: readonly string[], line: number): IntervalFundamentals | null {
    const fundamentals = { ...EMPTY_FUNDAMENTALS };
    let valid = true;
    for (const [index, field, column] of this.layout.fundamentals) {
      const text = cells[index] ?? '';
      if (text === '') continue;
      const mw = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      const problem = Number.isNaN(mw) ? `${column} "${text}" is not a number` : mw < 0 ? `${column} ${text} is negative; expected MW of 0 or more` : null;
      if (problem) {
        this.problem(line, problem);
        valid = false;
        continue;
      }
      if (mw === 0 && this.layout.format.zeroMeansMissing) continue;
      try {
        fundamentals[field] = mwToKw(mw);
      } catch {
        this.problem(line, `${column} ${text} is finer than a kW`);
        valid = false;
      }
    }
    return valid ? fundamentals : null;
  }
}
