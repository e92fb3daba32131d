/** Formats of the Analytics page's figures (prices and times come from ../../format.ts). */

const zoneDateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An hour on a zone's clock with its day, e.g. "Tue 05 May 14:00 CEST": anomalies and extremes span weeks. */
export function formatZoneDateTime(at: string | number, timeZone: string): string {
  let format = zoneDateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    zoneDateTimeFormats.set(timeZone, format);
  }
  return format.format(typeof at === 'number' ? at : Date.parse(at)).replace(',', '');
}

const zoneHourFormats = new Map<string, Intl.DateTimeFormat>();

/** A period's start on the zone's clock without the zone, e.g. "14:00": a chart axis whose caption names the zone. */
export function formatZoneHour(at: number, timeZone: string): string {
  let format = zoneHourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    zoneHourFormats.set(timeZone, format);
  }
  return format.format(at);
}

const fixed = (digits: number) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const threeDecimals = fixed(3);
const oneDecimal = fixed(1);

/** A p-value: three decimals, and "< 0.001" below that (the normal tail says nothing finer worth reading). */
export const formatPValue = (value: number): string => (value < 0.001 ? '< 0.001' : threeDecimals.format(value));

/** A fraction as a percentage to one decimal, e.g. 0.0734 -> "7.3 %". */
export const formatPercent = (fraction: number): string => `${oneDecimal.format(fraction * 100)} %`;

const wholePercent = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** The shares of prices inside a model's bands, widest first, e.g. "88 / 71 / 42 %". */
export const formatBandShares = (bands: readonly { observed: number }[]): string => `${bands.map((band) => wholePercent.format(band.observed * 100)).join(' / ')} %`;

/** A score of the anomaly detector: the robust z-score of a spike or drop, to one decimal. */
export const formatScore = (value: number): string => oneDecimal.format(value);

/** Hours, e.g. "1 h", "12.25 h" (negative quarter hours count a quarter each). */
export const formatHours = (hours: number): string => `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(hours)} h`;

const sizeFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** A model file's size, e.g. "812 B", "3.4 KiB", "12.5 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} KiB`;
  return `${sizeFormat.format(bytes / 1024 / 1024)} MiB`;
}
