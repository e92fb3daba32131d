import { describe, expect, it } from 'vitest';
import { isPeakHour, peakDefinitionOf } from './peak-hours.js';

const EU = peakDefinitionOf({ id: 'DE_LU', region: 'EU' });
const at = (iso: string): number => Date.parse(iso);

describe('peak hours on the zone’s clock', () => {
  it('are 08:00-20:00 Monday to Friday in Europe (EEX Peak), in summer and in winter time', () => {
    const cases: [string, boolean][] = [
      ['2026-06-15T06:00:00Z', true], // Monday 08:00 CEST
      ['2026-06-15T05:00:00Z', false], // 07:00
      ['2026-06-15T17:00:00Z', true], // 19:00
      ['2026-06-15T18:00:00Z', false], // 20:00
      ['2026-06-20T10:00:00Z', false], // Saturday noon
      ['2026-01-16T07:00:00Z', true], // Friday 08:00 CET
      ['2026-01-16T06:00:00Z', false], // 07:00 CET
    ];
    expect(cases.map(([iso]) => isPeakHour(EU, 'Europe/Berlin', at(iso)))).toEqual(cases.map(([, peak]) => peak));
  });

  it('follow each North American ISO’s on-peak block', () => {
    const pjm = peakDefinitionOf({ id: 'PJM', region: 'US' });
    const caiso = peakDefinitionOf({ id: 'CAISO', region: 'US' });
    // Monday 15 June 2026: 07:00 EDT is 11:00Z; 23:00 EDT is 03:00Z the next day.
    expect([isPeakHour(pjm, 'America/New_York', at('2026-06-15T11:00:00Z')), isPeakHour(pjm, 'America/New_York', at('2026-06-15T10:00:00Z'))]).toEqual([true, false]);
    expect(isPeakHour(pjm, 'America/New_York', at('2026-06-16T02:00:00Z'))).toBe(true);
    expect(isPeakHour(pjm, 'America/New_York', at('2026-06-16T03:00:00Z'))).toBe(false);
    // Saturday 20 June, 12:00 PDT: on-peak in the West (6x16), not in PJM.
    expect(isPeakHour(caiso, 'America/Los_Angeles', at('2026-06-20T19:00:00Z'))).toBe(true);
    expect(isPeakHour(pjm, 'America/New_York', at('2026-06-20T16:00:00Z'))).toBe(false);
    expect(peakDefinitionOf({ id: 'ERCOT', region: 'US' }).fromHour).toBe(6);
  });
});
