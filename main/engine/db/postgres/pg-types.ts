import pg from 'pg';

/**
 * Type parsing for this engine's pools only (not pg's global defaults): bigint columns hold
 * minor units and kW, which stay far below 2^53, so they come back as numbers — and any value
 * that would lose precision is an error, never a silent rounding. Dates stay 'YYYY-MM-DD'.
 */
const INT8 = 20;
const DATE = 1082;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} is beyond the exact range of a JavaScript number`);
  return n;
}

export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return parseInt8;
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;
