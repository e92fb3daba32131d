import type { IntervalFundamentals } from '../../db/repositories/market-data-repository.js';

/** A recognised layout of an hourly price file: how its timestamps are written and on which clock. */
export interface PriceFileFormat {
  name: 'ENTSO-E' | 'epftoolbox';
  /** How a timestamp is written, for messages. */
  timestampPattern: string;
  /**
   * The clock the timestamps are on: the zone's local wall clock (clock changes included), or
   * UTC hours (a dataset normalised to 24 hours every day).
   */
  clock: 'zone' | 'utc';
  /** Whether a 0 among the fundamentals means "not published" (stored as NULL). */
  zeroMeansMissing: boolean;
  /** A timestamp's wall-clock reading as epoch milliseconds read as if UTC, or null when it is not one. */
  readTimestamp(text: string): number | null;
}

export type FundamentalField = keyof IntervalFundamentals;

/** The header of a file, understood: its format, where each stored value is, what is not stored. */
export interface PriceFileLayout {
  format: PriceFileFormat;
  /** The price column's name as written (for messages). */
  priceColumn: string;
  /** Column index of each fundamental the file carries. */
  fundamentals: [index: number, field: FundamentalField, column: string][];
  /** Columns the database has no place for. */
  notStored: string[];
}

/** A calendar reading as if UTC, or null when a field is out of range (2/30, 24:00). */
function wallClock(year: number, month: number, day: number, hour: number, minute: number, second: number): number | null {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  const same = back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day && back.getUTCHours() === hour && back.getUTCMinutes() === minute && back.getUTCSeconds() === second;
  return same ? ms : null;
}

const ENTSOE: PriceFileFormat = {
  name: 'ENTSO-E',
  timestampPattern: 'M/D/YYYY H:MM',
  // The transparency platform's series are in the bidding zone's local time: the hour skipped in
  // spring appears as a copy of the one before, the repeated autumn hour once.
  clock: 'zone',
  zeroMeansMissing: true,
  readTimestamp(text) {
    const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/.exec(text);
    return match ? wallClock(Number(match[3]), Number(match[1]), Number(match[2]), Number(match[4]), Number(match[5]), 0) : null;
  },
};

const EPFTOOLBOX: PriceFileFormat = {
  name: 'epftoolbox',
  timestampPattern: 'YYYY-MM-DD HH:MM:SS',
  // The benchmark gives every day exactly 24 hours (no clock change): read as UTC hours, every
  // row has its own instant and an export gives the file back unchanged.
  clock: 'utc',
  zeroMeansMissing: false,
  readTimestamp(text) {
    const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
    return match ? wallClock(Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])) : null;
  },
};

// Columns are mapped by name only where the value is the zone's own: ENTSO-E publishes each
// series per bidding zone. The epftoolbox exogenous series are stored only where they belong
// to the same market as the price (the Nordic grid load with the Nordic system price, COMED's
// load forecast with COMED's price, header spelled as published); PJM's system-wide load and
// the Nordic wind forecast (onshore and offshore together) have no column of their own.
const ENTSOE_COLUMNS: Record<string, FundamentalField> = {
  load_da: 'loadForecastKw',
  load_ac: 'loadActualKw',
  gen_sc: 'generationKw',
  sol_da: 'solarForecastKw',
  won_da: 'windOnshoreForecastKw',
  woff_da: 'windOffshoreForecastKw',
};
const EPFTOOLBOX_COLUMNS: Record<string, FundamentalField> = {
  'grid load forecast': 'loadForecastKw',
  'zonal comed load foecast': 'loadForecastKw',
};

/** The formats a header may announce, for the message when it announces none. */
export const KNOWN_HEADERS = 'ENTSO-E ",Price_DA,Load_DA,…" or epftoolbox "Date, Price, …"';

/**
 * Recognises a header: ENTSO-E (an unnamed timestamp column, then Price_DA) or epftoolbox
 * (Date, then a column whose name contains "price"); null for anything else.
 */
export function recogniseHeader(header: readonly string[]): PriceFileLayout | null {
  const [first, price] = header;
  if (first === undefined || price === undefined) return null;
  let format: PriceFileFormat;
  let columns: Record<string, FundamentalField>;
  if (first === '' && price.toLowerCase() === 'price_da') [format, columns] = [ENTSOE, ENTSOE_COLUMNS];
  else if (first.toLowerCase() === 'date' && /price/i.test(price)) [format, columns] = [EPFTOOLBOX, EPFTOOLBOX_COLUMNS];
  else return null;

  const layout: PriceFileLayout = { format, priceColumn: price, fundamentals: [], notStored: [] };
  header.slice(2).forEach((column, offset) => {
    const field = columns[column.toLowerCase()];
    const taken = layout.fundamentals.some(([, f]) => f === field);
    if (field && !taken) layout.fundamentals.push([offset + 2, field, column]);
    else layout.notStored.push(column);
  });
  return layout;
}
