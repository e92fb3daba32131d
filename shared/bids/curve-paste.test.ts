import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal, parsePastedCurve } from './curve-paste.js';

describe('decimals as traders type them', () => {
  it('reads points, decimal commas, signs and the typographic minus', () => {
    expect([parseDecimal('80'), parseDecimal(' -12.5 '), parseDecimal('12,50'), parseDecimal('\u22123'), parseDecimal('+4'), parseDecimal('.5')]).toEqual([80, -12.5, 12.5, -3, 4, 0.5]);
  });

  it('refuses what is no decimal, the empty cell included, so the rules can name the cell', () => {
    for (const text of ['', ' ', 'abc', '1e3', '1.2.3', '12,5,0', '--1', '0x10', 'Infinity']) expect(parseDecimal(text)).toBeNaN();
  });

  it('reads back any decimal of up to 2 places written with a point or a comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.boolean(), (cents, comma) => {
        const text = (cents / 100).toFixed(2);
        expect(parseDecimal(comma ? text.replace('.', ',') : text)).toBe(cents / 100);
      }),
    );
  });
});

describe('a curve pasted from a spreadsheet', () => {
  it('takes tab-separated price/volume rows, skipping a header and blank lines', () => {
    expect(parsePastedCurve('Price\tVolume\r\n-500\t10\n\n40,5\t8\n4000\t0\n')).toEqual({
      kind: 'rows',
      rows: [
        { price: '-500', volume: '10' },
        { price: '40,5', volume: '8' },
        { price: '4000', volume: '0' },
      ],
    });
  });

  it('splits on semicolons (decimal commas stay in the cell) and on commas', () => {
    expect(parsePastedCurve('10;5,5\n20;4')).toEqual({ kind: 'rows', rows: [{ price: '10', volume: '5,5' }, { price: '20', volume: '4' }] });
    expect(parsePastedCurve('10,5.5\n20,4')).toEqual({ kind: 'rows', rows: [{ price: '10', volume: '5.5' }, { price: '20', volume: '4' }] });
  });

  it('keeps a cell that is no number as text, so it is marked rather than lost', () => {
    expect(parsePastedCurve('10\tabc\n20')).toEqual({ kind: 'rows', rows: [{ price: '10', volume: 'abc' }, { price: '20', volume: '' }] });
  });

  it('fills several periods from period/price/volume rows, by period, in the order pasted', () => {
    expect(parsePastedCurve('period;price;volume\n2;10;5\n1;0;3\n2;20;4\nx;1;1')).toEqual({
      kind: 'periods',
      periods: [
        { period: 1, rows: [{ price: '0', volume: '3' }] },
        {
          period: 2,
          rows: [
            { price: '10', volume: '5' },
            { price: '20', volume: '4' },
          ],
        },
      ],
    });
  });

  it('leaves a single value to the ordinary paste', () => {
    expect(parsePastedCurve('42.5')).toBeNull();
    expect(parsePastedCurve('\n')).toBeNull();
  });

  it('keeps every pasted row of two cells, in order', () => {
    const cell = fc.stringMatching(/^-?\d{1,4}(\.\d{1,2})?$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { minLength: 2, maxLength: 50 }), fc.constantFrom('\t', ';'), (rows, separator) => {
        const pasted = parsePastedCurve(rows.map((row) => row.join(separator)).join('\n'));
        expect(pasted).toEqual({ kind: 'rows', rows: rows.map(([price, volume]) => ({ price, volume })) });
      }),
    );
  });
});
