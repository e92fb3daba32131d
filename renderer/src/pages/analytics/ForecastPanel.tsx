import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { ModelSummary, Prediction } from '../../../../shared/api/ml.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { localDate, nextDay } from '../../../../shared/market/time-zone.js';
import { engine } from '../../api/engine.js';
import { FanChart } from '../../charts/FanChart.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { SelectField } from '../../components/SelectField.js';
import { Field } from '../../components/Field.js';
import { useAction } from '../../components/use-action.js';
import { useLoad } from '../../components/use-load.js';
import { formatDeliveryDay, formatPrice, formatPriceAmount, NO_VALUE } from '../../format.js';
import { formatPercent } from './analytics-format.js';
import { ARCHITECTURE_SHORT } from './architectures.js';
import { fanPeriods, fanScore, type FanScore } from './forecast-fan.js';

const tomorrow = (zone: MarketZone): string => nextDay(localDate(zone.timezone, Date.now()));

function ScoreLine({ score, prediction, expected }: { score: FanScore | null; prediction: Prediction; expected: number }) {
  if (!score) return <p className="chart-caption">No day-ahead result for {formatDeliveryDay(prediction.deliveryDate)} yet: the actual prices join the chart once they are published.</p>;
  return (
    <p className="chart-caption" data-testid="forecast-score">
      Against the {score.periods === expected ? '' : `${String(score.periods)} of ${String(expected)} `}published prices: MAE {formatPrice(score.mae, prediction.currency)} · inside 5–95 % {formatPercent(score.insideOuter)} of hours (90 % expected) · inside 25–75 %{' '}
      {formatPercent(score.insideInner)} (50 % expected)
    </p>
  );
}

function PeriodsTable({ prediction, periods }: { prediction: Prediction; periods: ReturnType<typeof fanPeriods> }) {
  return (
    <details className="periods">
      <summary>All {periods.length} hours</summary>
      <table className="grid" aria-label={`Forecast of ${prediction.zoneId} for ${prediction.deliveryDate}`}>
        <thead>
          <tr>
            <th scope="col">Hour ({prediction.timezone})</th>
            <th scope="col" className="num">
              5 %
            </th>
            <th scope="col" className="num">
              25 %
            </th>
            <th scope="col" className="num">
              Forecast
            </th>
            <th scope="col" className="num">
              75 %
            </th>
            <th scope="col" className="num">
              95 %
            </th>
            <th scope="col" className="num">
              Actual
            </th>
          </tr>
        </thead>
        <tbody>
          {periods.map((period, i) => (
            <tr key={`${period.label} ${String(i)}`}>
              <th scope="row" className="tabular">
                {period.label}
              </th>
              <td className="num muted">{formatPriceAmount(period.outer[0])}</td>
              <td className="num">{formatPriceAmount(period.inner[0])}</td>
              <td className="num">{formatPriceAmount(period.point)}</td>
              <td className="num">{formatPriceAmount(period.inner[1])}</td>
              <td className="num muted">{formatPriceAmount(period.outer[1])}</td>
              <td className="num">{period.actual === null ? NO_VALUE : formatPriceAmount(period.actual)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/**
 * A ready model's forecast of a delivery day as a fan chart, against the day-ahead result where
 * it is published: the next day by default, or a held-back day to see how the model did.
 */
export function ForecastPanel({ zone, models, chosenId, onChoose }: { zone: MarketZone; models: readonly ModelSummary[]; chosenId: string | null; onChoose: (modelId: string) => void }) {
  const model = models.find((candidate) => candidate.id === chosenId) ?? models[0] ?? null;
  const [day, setDay] = useState(() => tomorrow(zone));
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  const [forecast, forecasting] = useAction(async (chosen: ModelSummary, deliveryDate: string) => {
    setPrediction(await engine.predict(chosen.architecture, chosen.id, { deliveryDate }));
  });
  const shown = prediction?.zoneId === zone.id ? prediction : null;
  const actual = useLoad(useCallback(() => (shown ? engine.dayAhead({ zone: shown.zoneId, day: shown.deliveryDate }) : Promise.resolve(null)), [shown]));
  const profile = actual.data && shown && actual.data.day === shown.deliveryDate && actual.data.zoneId === shown.zoneId ? actual.data : null;
  const periods = useMemo(() => (shown ? fanPeriods(shown, profile) : []), [shown, profile]);
  // Held back until a recalibration learnt it: then no day it was measured on is out of sample any more.
  const validatedTo = model?.metrics?.validation?.to ?? null;
  const lastHeldBack = validatedTo && model?.trainingTo && validatedTo > model.trainingTo ? validatedTo : null;
  const shownModel = shown ? models.find((candidate) => candidate.id === shown.modelId) : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (model && day) forecast(model, day);
  };

  return (
    <Panel headingId="forecast-heading" title="Forecast" aside={`${zone.id} · ${zone.currency}/MWh · hours in ${zone.timezone}`}>
      {models.length === 0 ? (
        <p className="panel__empty">No ready model of {zone.id}: train one, and forecast with it here once it is ready.</p>
      ) : (
        <form className="panel__body" onSubmit={onSubmit} noValidate aria-label="Forecast a delivery day">
          <div className="form-row">
            <SelectField label="Model" value={model?.id ?? ''} onChange={(event) => onChoose(event.target.value)} options={models.map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${ARCHITECTURE_SHORT[candidate.architecture]})` }))} />
            <Field label="Delivery day" type="date" value={day} onChange={(event) => setDay(event.target.value)} error={forecasting.fieldError('body.deliveryDate')} />
            <button type="submit" className="button button--primary" disabled={forecasting.busy || !model || !day}>
              {forecasting.busy ? 'Forecasting…' : 'Forecast'}
            </button>
          </div>
          <div className="button-row">
            <button type="button" className="button button--small" onClick={() => setDay(tomorrow(zone))}>
              Next delivery day
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={lastHeldBack === null}
              onClick={() => lastHeldBack && setDay(lastHeldBack)}
              title={
                lastHeldBack === null && validatedTo
                  ? `Recalibrated since: the model has learnt the days it was measured on (to ${validatedTo}); forecast a day after ${model?.trainingTo ?? ''} to see it out of sample`
                  : 'A day the model was not fitted on, with its actual prices: how it does out of sample'
              }
            >
              Last held-back day{lastHeldBack ? ` (${lastHeldBack})` : ''}
            </button>
          </div>
          <FormError message={forecasting.formError} />
        </form>
      )}
      {shown && (
        <figure className="analytics-figure" aria-live="polite">
          <p className="fan-legend">
            <strong>
              {shownModel?.name ?? ARCHITECTURE_SHORT[shown.architecture]} · {formatDeliveryDay(shown.deliveryDate)} {shown.deliveryDate.slice(0, 4)}
            </strong>
            <span className="fan-legend__item fan-legend__item--outer">5–95 %</span>
            <span className="fan-legend__item fan-legend__item--inner">25–75 %</span>
            <span className="fan-legend__item fan-legend__item--point">Forecast</span>
            <span className="fan-legend__item fan-legend__item--actual">Actual</span>
          </p>
          <FanChart periods={periods} label={`Forecast fan of ${shown.zoneId} for ${shown.deliveryDate}: quantile bands 5 to 95 % and 25 to 75 % around the point forecast${profile && profile.periods.length > 0 ? ', with the actual prices' : ''}`} />
          <FormError message={actual.error} />
          <ScoreLine score={fanScore(periods)} prediction={shown} expected={periods.length} />
          <PeriodsTable prediction={shown} periods={periods} />
        </figure>
      )}
    </Panel>
  );
}
