import { DEFAULT_TRADING_DAY, TradingDaySettings } from '../../../shared/api/analytics.js';
import { canonicalTimeZone, dayStart, localDate, nextDay } from '../../../shared/market/time-zone.js';
import { AppError } from '../http/app-error.js';
import type { OrganizationSetting } from '../organizations/organization-setting.js';

/** The organisation's trading-day time zone: every member reads it, owners and admins set it. */
export const TRADING_DAY: OrganizationSetting<typeof TradingDaySettings> = {
  key: 'tradingDay',
  schema: TradingDaySettings,
  fallback: DEFAULT_TRADING_DAY,
  auditAction: 'trading_day',
  canonical: ({ timeZone }) => {
    const known = canonicalTimeZone(timeZone);
    if (known === null) {
      throw new AppError('validation_error', 'UNKNOWN_TIME_ZONE', `No time zone "${timeZone}" in the time zone database: use an IANA name such as Europe/Berlin or America/New_York`, [
        { field: 'body.timeZone', message: 'is not an IANA time zone name' },
      ]);
    }
    return { timeZone: known };
  },
};

export interface TradingDay {
  /** The calendar day (YYYY-MM-DD) in the time zone. */
  day: string;
  timeZone: string;
  /** Midnight of `day` there, and of the day after: shorter or longer than 24 hours apart when the clocks change. */
  start: Date;
  end: Date;
}

/** The trading day of `now`: midnight to midnight on the clock of `timeZone` (a name the time zone database knows: TRADING_DAY's values are). */
export function tradingDay(now: Date, timeZone: string): TradingDay {
  const day = localDate(timeZone, now.getTime());
  return { day, timeZone, start: new Date(dayStart(timeZone, day)), end: new Date(dayStart(timeZone, nextDay(day))) };
}
