import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedId } from './derived-id.js';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('derived ids', () => {
  it('are version-5-style UUIDs, the same for the same names and different for different ones', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.string({ minLength: 10, maxLength: 10 }), (a, b, day) => {
        expect(derivedId(a, day)).toMatch(UUID_V5);
        expect(derivedId(a, day)).toBe(derivedId(a, day));
        if (a !== b) expect(derivedId(a, day)).not.toBe(derivedId(b, day));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the names apart: (ab, c) is not (a, bc)', () => {
    expect(derivedId('ab', 'c')).not.toBe(derivedId('a', 'bc'));
  });
});
