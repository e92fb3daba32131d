import type { MarketZone } from '../../shared/api/zones.js';

export const NO_VALUE = '—';

const priceFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A price without its currency, for a column whose heading names it, e.g. "-500.00". */
export const formatPriceAmount = (value: number): string => priceFormat.format(value);

// Volumes are whole kW (units.ts), so three decimals of MW show every one exactly.
const volumeFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 3, signDisplay: 'exceptZero' });

/** A signed volume in MW, the exchanges' convention kept visible: "+1.5" buys, "-0.25" sells. */
export const formatVolume = (mw: number): string => volumeFormat.format(mw);

/** A price in the zone's currency per MWh, e.g. "-500.00 EUR". */
export const formatPrice = (value: number, currency: string): string => `${priceFormat.format(value)} ${currency}`;

export const formatLatency = (ms: number | null): string => (ms === null ? NO_VALUE : `${ms.toFixed(1)} ms`);

const utcTimeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });

/** Wall-clock time in UTC, labelled: zones span many time zones, so local time would mislead. */
export const formatUtcTime = (at: string | number | null): string => (at === null ? NO_VALUE : `${utcTimeFormat.format(new Date(at))} UTC`);

export function formatDuration(totalSeconds: number): string {
  const seconds = Math.floor(totalSeconds);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (days > 0) return `${days} d ${pad(hours)} h`;
  if (hours > 0) return `${hours} h ${pad(minutes)} m`;
  if (minutes > 0) return `${minutes} m ${pad(seconds % 60)} s`;
  return `${seconds} s`;
}

/** Gate closure as traders write it: "D-1 12:00". */
export const formatGateTime = (rule: MarketZone['gateClosure']): string => `${rule.daysBefore === 0 ? 'D' : `D-${rule.daysBefore}`} ${rule.time}`;

/** When the market time unit last changed, e.g. "15 min since 2025-10-01, 60 min before". */
export const formatMtuChange = (mtu: MarketZone['mtu']): string | null =>
  mtu.since === null ? null : `${mtu.minutes} min since ${mtu.since}${mtu.minutesBefore === null ? '' : `, ${mtu.minutesBefore} min before`}`;

const dateTimeOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' } as const;
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', dateTimeOptions);
const dateTimeSecondsFormat = new Intl.DateTimeFormat('en-GB', { ...dateTimeOptions, second: '2-digit' });

/** A date and time in UTC, labelled, e.g. "26/11/2026, 09:14 UTC" (with seconds where events follow each other closely, e.g. a sync queue). */
export const formatDateTime = (at: string | null, withSeconds = false): string => (at === null ? NO_VALUE : `${(withSeconds ? dateTimeSecondsFormat : dateTimeFormat).format(new Date(at))} UTC`);

/** A price change with its direction, e.g. "▲ 1.25" or "▼ 0.40"; the sign is in the arrow. */
export const formatChange = (change: number): string => `${change > 0 ? '▲' : change < 0 ? '▼' : ''} ${priceFormat.format(Math.abs(change))}`.trim();

/** The CSS class of a change: green up, red down, muted unchanged. */
export const changeClass = (change: number): string => (change > 0 ? 'ok-text' : change < 0 ? 'bad-text' : 'muted');

const zoneTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A time on a zone's own clock, labelled with its abbreviation, e.g. "14:05:09 CEST" (or "14:05 CEST"). */
export function formatZoneTime(at: number, timeZone: string, withSeconds = true): string {
  const key = `${timeZone} ${String(withSeconds)}`;
  let format = zoneTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}), hourCycle: 'h23', timeZoneName: 'short' });
    zoneTimeFormats.set(key, format);
  }
  return format.format(at);
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: '2-digit', month: 'short', timeZone: 'UTC' });

/** A delivery day (YYYY-MM-DD) as a trader reads it, e.g. "Tue 05 May". */
export const formatDeliveryDay = (day: string): string => dayFormat.format(Date.parse(`${day}T00:00:00Z`));
