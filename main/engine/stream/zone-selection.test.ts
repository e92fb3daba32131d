import { describe, expect, it } from 'vitest';
import type { PricePoint } from '../../../shared/api/market-data.js';
import { selectZones } from './zone-selection.js';

const point = (zoneId: string): PricePoint => ({ zoneId, market: 'tick', resolutionMinutes: 0, at: '2026-11-26T09:00:00.000Z', price: 80, currency: 'EUR', source: 'simulator' });

describe('selectZones of a price update', () => {
  const update = { prices: [point('DE_LU'), point('FR'), point('NL')] };

  it('passes the event itself on when the selection keeps all of it, so its JSON text can be shared', () => {
    expect(selectZones('price-update', update, new Set(['DE_LU', 'FR', 'NL', 'PL'])).data).toBe(update);
    expect(selectZones('price-update', update, null).data).toBe(update);
  });

  it('keeps only the selected zones, leaving the event as it was, and says when nothing is left', () => {
    expect(selectZones('price-update', update, new Set(['FR']))).toEqual({ data: { prices: [point('FR')] }, empty: false });
    expect(selectZones('price-update', update, new Set(['PL']))).toEqual({ data: { prices: [] }, empty: true });
    expect(update.prices).toHaveLength(3);
  });
});
