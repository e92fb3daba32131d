import { useCallback, useMemo, useState } from 'react';
import type { DayAheadPeriod, DayAheadProfile } from '../../../../shared/api/market-data.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { nextGateClosure } from '../../../../shared/market/gate-closure.js';
import { shiftDay, wallClockMs } from '../../../../shared/market/time-zone.js';
import { engine } from '../../api/engine.js';
import type { ChartPoint } from '../../charts/chart-data.js';
import { PriceChart } from '../../charts/PriceChart.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useLoad } from '../../components/use-load.js';
import { formatDeliveryDay, formatPrice, formatZoneTime, NO_VALUE } from '../../format.js';

/** The delivery day whose gate closed last: its results are the newest there can be. */
const latestAuctionedDay = (zone: MarketZone): string => shiftDay(nextGateClosure(zone.gateClosure, Date.now()).deliveryDay, -1);

const mean = (periods: readonly DayAheadPeriod[]): number | null => (periods.length === 0 ? null : periods.reduce((sum, period) => sum + period.price, 0) / periods.length);

/** Peak hours as the exchanges quote them: 08:00 to 20:00 on the zone's clock. */
const isPeak = (period: DayAheadPeriod, timeZone: string): boolean => {
  const hour = new Date(wallClockMs(timeZone, Date.parse(period.start))).getUTCHours();
  return hour >= 8 && hour < 20;
};

function Summary({ profile }: { profile: DayAheadProfile }) {
  const { periods, currency, timezone } = profile;
  const price = (value: number | null | undefined) => (value === null || value === undefined ? NO_VALUE : formatPrice(value, currency));
  const sorted = [...periods].sort((a, b) => a.price - b.price);
  const [lowest, highest] = [sorted[0], sorted[sorted.length - 1]];
  return (
    <dl className="kpis kpis--compact">
      <div className="kpi">
        <dt className="kpi__label">Base</dt>
        <dd className="kpi__value">{price(mean(periods))}</dd>
      </div>
      <div className="kpi">
        <dt className="kpi__label">Peak 08–20</dt>
        <dd className="kpi__value">{price(mean(periods.filter((period) => isPeak(period, timezone))))}</dd>
      </div>
      <div className="kpi">
        <dt className="kpi__label">Lowest</dt>
        <dd className="kpi__value">
          {price(lowest?.price)} {lowest && <span className="kpi__detail">{formatZoneTime(Date.parse(lowest.start), timezone, false)}</span>}
        </dd>
      </div>
      <div className="kpi">
        <dt className="kpi__label">Highest</dt>
        <dd className="kpi__value">
          {price(highest?.price)} {highest && <span className="kpi__detail">{formatZoneTime(Date.parse(highest.start), timezone, false)}</span>}
        </dd>
      </div>
      <div className="kpi">
        <dt className="kpi__label">Periods</dt>
        <dd className="kpi__value">
          {periods.length} / {profile.periodCount} × {profile.resolutionMinutes} min
        </dd>
      </div>
    </dl>
  );
}

/** The day-ahead result of one delivery day of the selected zone: period by period, as steps, with its base and peak. */
export function DayAheadPanel({ zone }: { zone: MarketZone }) {
  const [chosenDay, setDay] = useState<{ zoneId: string; day: string } | null>(null);
  const day = chosenDay?.zoneId === zone.id ? chosenDay.day : latestAuctionedDay(zone);
  const choose = (next: string): void => setDay({ zoneId: zone.id, day: next });
  const result = useLoad(useCallback(() => engine.dayAhead({ zone: zone.id, day }), [zone.id, day]));
  const profile = result.data?.zoneId === zone.id && result.data.day === day ? result.data : null;
  const points = useMemo<ChartPoint[]>(() => {
    if (!profile) return [];
    const steps = profile.periods.map((period) => ({ time: Date.parse(period.start), value: period.price }));
    const last = profile.periods[profile.periods.length - 1];
    // The last period's step ends where the period does.
    return last ? [...steps, { time: Date.parse(last.end), value: last.price }] : steps;
  }, [profile]);

  return (
    <Panel headingId="day-ahead-heading" title={`${zone.id} day-ahead`} aside={`${zone.currency}/MWh · delivery day in ${zone.timezone}`}>
      <div className="chart-toolbar">
        <button type="button" className="button button--small" onClick={() => choose(shiftDay(day, -1))} aria-label="Previous delivery day">
          ◀
        </button>
        <label className="inline-field">
          Delivery day
          <input type="date" value={day} onChange={(event) => event.target.value && choose(event.target.value)} />
        </label>
        <button type="button" className="button button--small" onClick={() => choose(shiftDay(day, 1))} aria-label="Next delivery day">
          ▶
        </button>
        <span className="muted">{formatDeliveryDay(day)}</span>
      </div>
      <FormError message={result.error} />
      {profile && profile.periods.length > 0 && <Summary profile={profile} />}
      <div className="chart-frame chart-frame--short">
        <PriceChart kind="steps" data={points} timeZone={zone.timezone} label={`Day-ahead prices of ${zone.id} for ${day}`} />
        {!profile && !result.error && <p className="chart-frame__empty">Loading the day-ahead result…</p>}
        {profile?.periods.length === 0 && (
          <p className="chart-frame__empty">
            No day-ahead result for {zone.id} on {formatDeliveryDay(day)} yet ({profile.periodCount} periods of {profile.resolutionMinutes} min expected).
          </p>
        )}
      </div>
      {profile && profile.periods.length > 0 && (
        <details className="periods">
          <summary>All {profile.periods.length} periods</summary>
          <table className="grid" aria-label={`Day-ahead prices of ${zone.id} for ${day}`}>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Period
                </th>
                <th scope="col">Start ({zone.timezone})</th>
                <th scope="col" className="num">
                  Price
                </th>
              </tr>
            </thead>
            <tbody>
              {profile.periods.map((period) => (
                <tr key={period.period}>
                  <td className="num">{period.period}</td>
                  <td className="num">{formatZoneTime(Date.parse(period.start), zone.timezone, false)}</td>
                  <td className={period.price < 0 ? 'num bad-text' : 'num'}>{formatPrice(period.price, profile.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </Panel>
  );
}
