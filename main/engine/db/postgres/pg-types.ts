import pg from 'pg';

/**
 * Type parsing for this engine's connections only (not pg's global defaults): bigint columns
 * hold minor units and kW, which stay far below 2^53, so they come back as numbers — and a
 * value that would lose precision is an error, never a silent rounding. Dates stay
 * 'YYYY-MM-DD' strings instead of becoming local-midnight Date objects.
 */
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} is beyond the exact range of a JavaScript number`);
  return n;
}

export function engineTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, parseInt8);
  types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
  return types;
}
