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

describe('selectZones of the other zone-keyed topics', () => {
  it('passes an alert without a zone to every selection, and a zone’s alert, day-ahead result or bid update only to its own', () => {
    const alert = { id: '7b0e3c1a-54a4-4f7a-9d0e-2f7f3d1c9a11', zoneId: null, severity: 'info' as const, title: 'Floor notice', message: '', at: '2026-11-26T09:00:00.000Z', source: 'broadcast' as const };
    expect(selectZones('market-alert', alert, new Set(['FR'])).empty).toBe(false);
    expect(selectZones('market-alert', { ...alert, zoneId: 'DE_LU' }, new Set(['FR'])).empty).toBe(true);
    const result = { zoneId: 'FR', deliveryDay: '2026-11-27', resolutionMinutes: 15, currency: 'EUR', source: 'simulator' as const, periods: [] };
    expect(selectZones('day-ahead-result', result, new Set(['FR'])).empty).toBe(false);
    expect(selectZones('day-ahead-result', result, new Set(['NL'])).empty).toBe(true);
    const bid = { bidId: '5f2b8c1e-0d7a-4c3b-8e9f-1a2b3c4d5e6f', organizationId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', zoneId: 'NL', market: 'day_ahead' as const, deliveryDate: '2026-11-27', status: 'submitted' as const, version: 2, change: 'status' as const, at: '2026-11-26T09:00:00.000Z' };
    expect(selectZones('bid-update', bid, new Set(['NL'])).empty).toBe(false);
    expect(selectZones('bid-update', bid, new Set(['FR'])).empty).toBe(true);
    expect(selectZones('terminal-status', { database: { mode: 'online', dialect: 'postgres' }, sync: { state: 'online', queued: 0, lastSyncAt: null }, feed: { state: 'none', source: null }, health: 'ok', time: '2026-11-26T09:00:00.000Z' }, new Set(['FR'])).empty).toBe(false);
  });
});
