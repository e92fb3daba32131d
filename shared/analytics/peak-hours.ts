import type { MarketZone } from '../api/zones.js';
import { hourOfWallHour, weekdayOfWallHour } from './wall-clock-hours.js';

/**
 * Peak hours as each market quotes its peak product, on the zone's own clock. Holidays are not
 * taken out (the exchanges' calendars differ and change yearly): a public holiday on a weekday
 * counts as peak, which moves a month's peak average by a fraction of a percent.
 */
export interface PeakDefinition {
  /** Days of the week with peak hours, 0 = Monday .. 6 = Sunday. */
  days: readonly number[];
  /** Local hours [fromHour, toHour) of those days. */
  fromHour: number;
  toHour: number;
  /** For a person: the definition and where it comes from. */
  description: string;
}

const WEEKDAYS = [0, 1, 2, 3, 4] as const;

/** EEX / EPEX Peak: Monday to Friday, 08:00-20:00 local (hours 9-20). */
const EUROPEAN_PEAK: PeakDefinition = { days: WEEKDAYS, fromHour: 8, toHour: 20, description: 'Monday to Friday 08:00-20:00 local time (EEX/EPEX Peak)' };

/** North American on-peak blocks, by ISO: the eastern 5x16, ERCOT's 5x16, the western 6x16. */
const US_PEAKS: Readonly<Record<string, PeakDefinition>> = {
  PJM: { days: WEEKDAYS, fromHour: 7, toHour: 23, description: 'Monday to Friday 07:00-23:00 local time (PJM on-peak, hours ending 8-23)' },
  ERCOT: { days: WEEKDAYS, fromHour: 6, toHour: 22, description: 'Monday to Friday 06:00-22:00 local time (ERCOT on-peak, hours ending 7-22)' },
  CAISO: { days: [0, 1, 2, 3, 4, 5], fromHour: 6, toHour: 22, description: 'Monday to Saturday 06:00-22:00 local time (WECC on-peak, hours ending 7-22)' },
};

/** A North American zone of no listed ISO: the common 5x16 block. */
const US_DEFAULT_PEAK: PeakDefinition = { days: WEEKDAYS, fromHour: 6, toHour: 22, description: 'Monday to Friday 06:00-22:00 local time (5x16 on-peak, hours ending 7-22)' };

/** The zone's peak definition: its ISO's for a North American zone, EEX's for every European one. */
export function peakDefinitionOf(zone: Pick<MarketZone, 'id' | 'region'>): PeakDefinition {
  return zone.region === 'US' ? (US_PEAKS[zone.id] ?? US_DEFAULT_PEAK) : EUROPEAN_PEAK;
}

/** Whether a wall-clock hour of the zone (wall-clock-hours.ts) is a peak hour. */
export function isPeakHour(definition: PeakDefinition, wallHour: number): boolean {
  const hour = hourOfWallHour(wallHour);
  return definition.days.includes(weekdayOfWallHour(wallHour)) && hour >= definition.fromHour && hour < definition.toHour;
}
