import { KindGuard } from '@sinclair/typebox';
import { parseDecimal } from '../../parse-decimal.js';

/** One hyperparameter as the train form shows it, read from the architecture's TypeBox schema. */
export type HyperparameterField =
  | { name: string; kind: 'number'; integer: boolean; minimum: number | null; maximum: number | null; defaultValue: number | null; description: string | null }
  | { name: string; kind: 'choice'; options: string[]; defaultValue: string | null; description: string | null }
  | { name: string; kind: 'integers'; defaultValue: number[] | null; description: string | null }
  | { name: string; kind: 'choices'; options: string[]; defaultValue: string[] | null; description: string | null };

/**
 * An object schema as shared/ml declares it. Typed by its shape rather than as TypeBox's TObject:
 * the renderer resolves TypeBox's declarations apart from shared/'s (bundler resolution), and its
 * guards below read any value anyway.
 */
export interface HyperparameterSchema {
  readonly properties: Readonly<Record<string, unknown>>;
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The options of a union of string literals (LEAR's transform, the DNN's activation); null for any other schema. */
function choicesOf(schema: unknown): string[] | null {
  if (!KindGuard.IsUnion(schema)) return null;
  const options = schema.anyOf.flatMap((option) => (KindGuard.IsLiteralString(option) ? [option.const] : []));
  return options.length === schema.anyOf.length ? options : null;
}

function fieldOf(name: string, schema: unknown): HyperparameterField | null {
  if (!KindGuard.IsSchema(schema)) return null;
  const description = stringOrNull(schema.description);
  if (KindGuard.IsInteger(schema) || KindGuard.IsNumber(schema)) {
    const minimum = numberOrNull(schema.minimum) ?? numberOrNull(schema.exclusiveMinimum);
    const maximum = numberOrNull(schema.maximum) ?? numberOrNull(schema.exclusiveMaximum);
    return { name, kind: 'number', integer: KindGuard.IsInteger(schema), minimum, maximum, defaultValue: numberOrNull(schema.default), description };
  }
  const choice = choicesOf(schema);
  if (choice) return { name, kind: 'choice', options: choice, defaultValue: stringOrNull(schema.default), description };
  const choices = KindGuard.IsArray(schema) ? choicesOf(schema.items) : null;
  if (choices) {
    const defaults: unknown = schema.default;
    return { name, kind: 'choices', options: choices, defaultValue: Array.isArray(defaults) ? defaults.filter((value): value is string => typeof value === 'string') : null, description };
  }
  if (KindGuard.IsArray(schema) && KindGuard.IsInteger(schema.items)) {
    const defaults: unknown = schema.default;
    return { name, kind: 'integers', defaultValue: Array.isArray(defaults) ? defaults.filter((value): value is number => typeof value === 'number') : null, description };
  }
  // Anything else (none of the models has one yet) keeps its default: the form offers no field for it.
  return null;
}

/** The fields the form shows for a schema, in its order. */
export function hyperparameterFields(schema: HyperparameterSchema): HyperparameterField[] {
  return Object.entries(schema.properties).flatMap(([name, property]) => fieldOf(name, property) ?? []);
}

/** How a set of choices is written in the form's text (the select's value): "asinh,npit". */
export const CHOICES_SEPARATOR = ',';

/**
 * What a choice's select offers, as value and label: each option; for a set of choices, then all
 * of them together too (for LEAR's two transforms, every set there is).
 */
export const selectOptions = (field: Extract<HyperparameterField, { kind: 'choice' | 'choices' }>): { value: string; label: string }[] => [
  ...field.options.map((option) => ({ value: option, label: option })),
  ...(field.kind === 'choices' && field.options.length > 1 ? [{ value: field.options.join(CHOICES_SEPARATOR), label: field.options.join(' + ') }] : []),
];

/** A schema's property name as a label: "quantileDays" -> "Quantile days", "learningRate" -> "Learning rate". */
export const labelOf = (name: string): string => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** A field's default as its placeholder shows it; an optional one without a default (the DNN's calibration window) is "not set". */
export const defaultText = (field: HyperparameterField): string => {
  if (field.defaultValue === null) return 'not set';
  if (field.kind === 'choices') return field.defaultValue.join(' + ');
  return Array.isArray(field.defaultValue) ? field.defaultValue.join(', ') : String(field.defaultValue);
};

/**
 * The hyperparameters a request sends: only the fields the trader filled in (the engine takes
 * the rest from the schema's defaults and checks them all), and what cannot be read as a number
 * by field. Ranges are the engine's to check, so the message is the same whichever way it comes.
 */
export function hyperparametersOf(fields: readonly HyperparameterField[], texts: Readonly<Record<string, string>>): { values: Record<string, unknown>; problems: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const text = (texts[field.name] ?? '').trim();
    if (text === '') continue;
    if (field.kind === 'choice') values[field.name] = text;
    else if (field.kind === 'choices') values[field.name] = text.split(CHOICES_SEPARATOR);
    else if (field.kind === 'number') {
      const value = parseDecimal(text);
      if (value === null) problems[field.name] = 'Not a number';
      else values[field.name] = value;
    } else {
      const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
      const numbers = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : null));
      if (numbers.some((value) => value === null)) problems[field.name] = 'Whole numbers separated by commas';
      else values[field.name] = numbers;
    }
  }
  return { values, problems };
}
