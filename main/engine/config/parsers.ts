/**
 * Parsers for configuration values. Each turns the raw string into a value or returns the
 * problem in words that complete "VARIABLE: <value> <problem>; expected <expectation>".
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface Parser<T> {
  expected: string;
  parse(raw: string): Parsed<T>;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (problem: string): Parsed<never> => ({ ok: false, problem });

export function integer(min: number, max: number, unit = ''): Parser<number> {
  const suffix = unit ? ` ${unit}` : '';
  return {
    expected: `an integer from ${min} to ${max}${suffix}`,
    parse(raw) {
      if (!/^-?\d+$/.test(raw.trim())) return bad('is not an integer');
      const value = Number(raw.trim());
      if (value < min || value > max) return bad(`is out of range`);
      return ok(value);
    },
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Parser<T> {
  return {
    expected: `one of ${values.join(', ')}`,
    parse(raw) {
      const value = raw.trim().toLowerCase();
      return (values as readonly string[]).includes(value) ? ok(value as T) : bad('is not an allowed value');
    },
  };
}

/** A comma-separated subset of known names, or "none" for the empty list. */
export function subsetOf<const T extends string>(values: readonly T[]): Parser<T[]> {
  return {
    expected: `"none" or a comma-separated list of ${values.join(', ')}`,
    parse(raw) {
      const items = raw.split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);
      if (items.length === 1 && items[0] === 'none') return ok([]);
      const unknown = items.filter((item) => !(values as readonly string[]).includes(item));
      if (unknown.length > 0) return bad(`names ${unknown.join(', ')}, which is not one of them`);
      return ok([...new Set(items)] as T[]);
    },
  };
}

export function url(protocols: readonly string[]): Parser<string> {
  const names = protocols.map((p) => `${p}//`).join(' or ');
  return {
    expected: `a URL starting with ${names}`,
    parse(raw) {
      let parsed: URL;
      try {
        parsed = new URL(raw.trim());
      } catch {
        return bad('is not a valid URL');
      }
      if (!protocols.includes(parsed.protocol)) return bad(`has the unsupported scheme ${parsed.protocol}`);
      if (!parsed.hostname) return bad('has no host');
      return ok(raw.trim());
    },
  };
}

export function hostPortList(): Parser<string[]> {
  return {
    expected: 'a comma-separated list of host:port, e.g. broker1:9092,broker2:9092',
    parse(raw) {
      const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
      if (items.length === 0) return bad('is empty');
      for (const item of items) {
        const match = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(item);
        if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) return bad(`has the malformed entry "${item}"`);
      }
      return ok(items);
    },
  };
}

export function path(): Parser<string> {
  return {
    expected: 'a file system path',
    parse(raw) {
      const value = raw.trim();
      if (value === '') return bad('is empty');
      if (value.includes('\0')) return bad('contains a NUL character');
      return ok(value);
    },
  };
}

/** A comma-separated list of ids from a known set, in any case (de_lu, FR), given as written in the set. */
export function idList(known: readonly string[]): Parser<string[]> {
  return {
    expected: `a comma-separated list of ${known.join(', ')}`,
    parse(raw) {
      const items = raw.split(',').map((item) => item.trim().toUpperCase()).filter(Boolean);
      if (items.length === 0) return bad('is empty');
      const unknown = items.filter((item) => !known.includes(item));
      if (unknown.length > 0) return bad(`names ${unknown.join(', ')}, which is not one of them`);
      return ok([...new Set(items)]);
    },
  };
}

/** An instant: an ISO 8601 date (read as 00:00 UTC), or a date and time with Z or an offset. */
export function isoInstant(): Parser<Date> {
  return {
    expected: 'an ISO 8601 date (2021-12-01, 00:00 UTC) or date and time with its offset (2021-12-01T06:00:00+01:00)',
    parse(raw) {
      const value = raw.trim();
      const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
      if (!dateOnly && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return bad('is not an ISO 8601 date or date and time with an offset');
      const instant = new Date(dateOnly ? `${value}T00:00:00Z` : value);
      // Date also accepts 2021-02-30 (as March 2nd): a calendar date must read back as written.
      const calendarDate = Number.isNaN(instant.getTime()) ? null : new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))));
      if (!calendarDate || calendarDate.toISOString().slice(0, 10) !== value.slice(0, 10)) return bad('is not a calendar date');
      return ok(instant);
    },
  };
}
