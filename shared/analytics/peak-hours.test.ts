import { describe, expect, it } from 'vitest';
import { isPeakHour, peakDefinitionOf, type PeakDefinition } from './peak-hours.js';
import { hourOfWallHour, wallClockHours, weekdayOfWallHour } from './wall-clock-hours.js';

const EU = peakDefinitionOf({ id: 'DE_LU', region: 'EU' });
/** Whether the hour starting at `iso` is a peak hour on the clock of `timeZone`. */
const peakAt = (definition: PeakDefinition, timeZone: string, iso: string): boolean => isPeakHour(definition, wallClockHours(Date.parse(iso), 1, timeZone)[0] ?? Number.NaN);

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
    expect(cases.map(([iso]) => peakAt(EU, 'Europe/Berlin', iso))).toEqual(cases.map(([, peak]) => peak));
  });

  it('follow each North American ISO’s on-peak block', () => {
    const pjm = peakDefinitionOf({ id: 'PJM', region: 'US' });
    const caiso = peakDefinitionOf({ id: 'CAISO', region: 'US' });
    // Monday 15 June 2026: 07:00 EDT is 11:00Z; 23:00 EDT is 03:00Z the next day.
    expect([peakAt(pjm, 'America/New_York', '2026-06-15T11:00:00Z'), peakAt(pjm, 'America/New_York', '2026-06-15T10:00:00Z')]).toEqual([true, false]);
    expect(peakAt(pjm, 'America/New_York', '2026-06-16T02:00:00Z')).toBe(true);
    expect(peakAt(pjm, 'America/New_York', '2026-06-16T03:00:00Z')).toBe(false);
    // Saturday 20 June, 12:00 PDT: on-peak in the West (6x16), not in PJM.
    expect(peakAt(caiso, 'America/Los_Angeles', '2026-06-20T19:00:00Z')).toBe(true);
    expect(peakAt(pjm, 'America/New_York', '2026-06-20T16:00:00Z')).toBe(false);
    expect(peakDefinitionOf({ id: 'ERCOT', region: 'US' }).fromHour).toBe(6);
  });

  it('reads each UTC hour on the zone’s clock: an hour skipped in spring, one repeated in autumn', () => {
    const local = (iso: string, length: number): string[] => Array.from(wallClockHours(Date.parse(iso), length, 'Europe/Berlin'), (wall) => `${String(weekdayOfWallHour(wall))} ${String(hourOfWallHour(wall))}`);
    // Sunday 29 March 2026 from local midnight: 00, 01, then 03 (02:00 never happens).
    expect(local('2026-03-28T23:00:00Z', 4)).toEqual(['6 0', '6 1', '6 3', '6 4']);
    // Sunday 25 October 2026: 02:00 twice.
    expect(local('2026-10-24T23:00:00Z', 4)).toEqual(['6 1', '6 2', '6 2', '6 3']);
    expect(local('2026-06-15T06:00:00Z', 1)).toEqual(['0 8']);
  });
});
