import { parseDecimal } from '../../parse-decimal.js';

/** A typed number read against its field's schema: the value, or what is wrong with the text. */
/** What the form reads of a number's schema in the contract. */
export interface NumberLimits {
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

export type ReadNumber = { value: number; problem: null } | { value: null; problem: string };

const bound = (value: number): string => value.toLocaleString('en-GB', { maximumFractionDigits: 6 });

/**
 * Reads a form's number with the limits of the contract's own schema (minimum, exclusive
 * minimum, maximum), so the form refuses what the engine's validation would, in the same terms.
 */
export function readNumber(text: string, schema: NumberLimits): ReadNumber {
  if (text.trim() === '') return { value: null, problem: 'is required' };
  const value = parseDecimal(text);
  if (value === null) return { value: null, problem: 'must be a number, e.g. 12.5' };
  const { minimum, exclusiveMinimum, maximum } = schema;
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum) return { value: null, problem: `must be above ${bound(exclusiveMinimum)}` };
  if (minimum !== undefined && value < minimum) return { value: null, problem: `must be at least ${bound(minimum)}` };
  if (maximum !== undefined && value > maximum) return { value: null, problem: `must be at most ${bound(maximum)}` };
  return { value, problem: null };
}

/** The number of a text the checks have passed (NaN otherwise, which the engine would refuse). */
export const numberOf = (text: string): number => parseDecimal(text) ?? Number.NaN;
