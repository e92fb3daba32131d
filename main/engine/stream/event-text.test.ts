import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PricePoint } from '../../../shared/api/market-data.js';
import type { StreamServerMessage } from '../../../shared/api/stream.js';
import { eventText } from './event-text.js';

const point = (zoneId: string, price: number): PricePoint => ({ zoneId, market: 'tick', resolutionMinutes: 0, at: '2026-11-26T09:00:00.000Z', price, currency: 'EUR', source: 'simulator' });
const live = (data: { prices: PricePoint[] }): StreamServerMessage => ({ type: 'event', topic: 'price-update', snapshot: false, data });

describe('eventText', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('serialises a live event once however many connections send it, each getting the text JSON.stringify gives', () => {
    const data = { prices: [point('DE_LU', 81.25), point('FR', 79.5)] };
    const expected = JSON.stringify(live(data));
    const stringify = vi.spyOn(JSON, 'stringify');
    const texts = Array.from({ length: 50 }, () => eventText(live(data)));
    expect(stringify).toHaveBeenCalledTimes(1);
    expect(new Set(texts)).toEqual(new Set([expected]));
  });

  it('serialises each payload on its own, and a snapshot of a live payload as a snapshot', () => {
    const first = { prices: [point('DE_LU', 81.25)] };
    const second = { prices: [point('DE_LU', 82)] };
    expect(JSON.parse(eventText(live(first)))).toEqual(live(first));
    expect(JSON.parse(eventText(live(second)))).toEqual(live(second));
    expect(JSON.parse(eventText({ type: 'event', topic: 'price-update', snapshot: true, data: first }))).toMatchObject({ snapshot: true, data: first });
  });
});
