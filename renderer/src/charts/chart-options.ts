import { ColorType, TickMarkType, type ChartOptions, type DeepPartial, type Time } from 'lightweight-charts';

/** The app's own colours (styles.css), so the chart is part of the page rather than a widget on it. */
export function themeColour(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

const priceFormat = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function baseChartOptions(): DeepPartial<ChartOptions> {
  const border = themeColour('--border');
  return {
    // The chart follows its container (the library watches it with a ResizeObserver).
    autoSize: true,
    layout: { background: { type: ColorType.Solid, color: themeColour('--panel') }, textColor: themeColour('--muted'), fontFamily: themeColour('--mono'), fontSize: 11, attributionLogo: false },
    grid: { vertLines: { color: themeColour('--row-alt') }, horzLines: { color: themeColour('--row-alt') } },
    rightPriceScale: { borderColor: border },
    timeScale: { borderColor: border, timeVisible: true, secondsVisible: false },
    crosshair: { vertLine: { labelBackgroundColor: themeColour('--panel-header') }, horzLine: { labelBackgroundColor: themeColour('--panel-header') } },
    localization: { priceFormatter: (price: number) => priceFormat.format(price) },
  };
}

const seconds = (time: Time): number => (typeof time === 'number' ? time : 0);

/**
 * Times shown on the zone's clock: the data stay true UTC instants (a clock change would make
 * shifted times run backwards, which the chart refuses), only their labels follow the zone.
 */
export function zoneTimeOptions(timeZone: string, showSeconds: boolean): DeepPartial<ChartOptions> {
  const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', ...options });
  const year = format({ year: 'numeric' });
  const month = format({ month: 'short', year: '2-digit' });
  const day = format({ day: 'numeric', month: 'short' });
  const time = format({ hour: '2-digit', minute: '2-digit' });
  const timeWithSeconds = format({ hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const crosshair = format({ weekday: 'short', day: '2-digit', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', ...(showSeconds ? { second: '2-digit' } : {}) });
  const byType: Record<TickMarkType, Intl.DateTimeFormat> = {
    [TickMarkType.Year]: year,
    [TickMarkType.Month]: month,
    [TickMarkType.DayOfMonth]: day,
    [TickMarkType.Time]: time,
    [TickMarkType.TimeWithSeconds]: timeWithSeconds,
  };
  return {
    timeScale: { secondsVisible: showSeconds, tickMarkFormatter: (at: Time, type: TickMarkType) => byType[type].format(seconds(at) * 1000) },
    localization: { timeFormatter: (at: Time) => crosshair.format(seconds(at) * 1000) },
  };
}
