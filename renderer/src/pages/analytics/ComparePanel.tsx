import { useState, type FormEvent } from 'react';
import { ML_LIMITS, QUANTILE_LEVELS, type Comparison, type ModelSummary } from '../../../../shared/api/ml.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { localDate, nextDay, shiftDay } from '../../../../shared/market/time-zone.js';
import { engine } from '../../api/engine.js';
import { formatCoefficient } from '../../charts/CorrelationHeatmap.js';
import { Field } from '../../components/Field.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useAction } from '../../components/use-action.js';
import { formatPrice } from '../../format.js';
import { formatBandShares, formatPercent, formatPValue } from './analytics-format.js';
import { ARCHITECTURE_SHORT } from './architectures.js';
import { dieboldMarianoReadings, SIGNIFICANCE } from './dm-reading.js';

/**
 * Held-back days every chosen model can be measured on: after the last day any of them was fitted
 * on, up to the last validated one while that is still held back, else up to yesterday (a model
 * recalibrated since has learnt its validation days).
 */
function defaultDays(chosen: readonly ModelSummary[], zone: MarketZone): { from: string; to: string } {
  const yesterday = shiftDay(localDate(zone.timezone, Date.now()), -1);
  const fittedTo = chosen.map((model) => model.trainingTo ?? '').reduce((latest, day) => (day > latest ? day : latest), '');
  const validatedTo = chosen.map((model) => model.metrics?.validation?.to ?? '').reduce((latest, day) => (day > latest ? day : latest), '');
  return { from: fittedTo ? nextDay(fittedTo) : shiftDay(yesterday, -27), to: validatedTo > fittedTo ? validatedTo : yesterday };
}

/** The central bands the engine measures, widest first (its QUANTILE_LEVELS paired about the median), e.g. "90 / 80 / 50". */
const BAND_NOMINALS = QUANTILE_LEVELS.filter((level) => level < 0.5)
  .map((level) => String(Math.round((1 - 2 * level) * 100)))
  .join(' / ');

function MetricsTable({ comparison, currency }: { comparison: Comparison; currency: string }) {
  const best = (pick: (metrics: Comparison['models'][number]['metrics']) => number): number => Math.min(...comparison.models.map((model) => pick(model.metrics)));
  const [mae, smape, rmae, rmse] = [best((m) => m.mae), best((m) => m.smape), best((m) => m.rmae), best((m) => m.rmse)];
  const pinball = Math.min(...comparison.models.map((model) => model.quantiles?.pinball ?? Infinity));
  const cell = (value: number, bestValue: number, text: string) => <td className={value === bestValue ? 'num compare-best' : 'num'}>{text}</td>;
  return (
    <table className="grid" aria-label="Forecast accuracy by model">
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Architecture</th>
          <th scope="col" className="num">
            MAE
          </th>
          <th scope="col" className="num">
            sMAPE
          </th>
          <th scope="col" className="num">
            rMAE
          </th>
          <th scope="col" className="num">
            RMSE
          </th>
          <th scope="col" className="num">
            Pinball loss
          </th>
          <th scope="col" className="num">
            Inside {BAND_NOMINALS} % bands
          </th>
        </tr>
      </thead>
      <tbody>
        {comparison.models.map((model) => (
          <tr key={model.modelId}>
            <th scope="row">{model.name}</th>
            <td>{ARCHITECTURE_SHORT[model.architecture]}</td>
            {cell(model.metrics.mae, mae, formatPrice(model.metrics.mae, currency))}
            {cell(model.metrics.smape, smape, formatPercent(model.metrics.smape))}
            {cell(model.metrics.rmae, rmae, formatCoefficient(model.metrics.rmae))}
            {cell(model.metrics.rmse, rmse, formatPrice(model.metrics.rmse, currency))}
            {model.quantiles ? cell(model.quantiles.pinball, pinball, formatPrice(model.quantiles.pinball, currency)) : <td className="num">—</td>}
            <td className="num">{model.quantiles ? formatBandShares(model.quantiles.bands) : '—'}</td>
          </tr>
        ))}
        <tr className="row--off">
          <th scope="row">Weekly naive (reference)</th>
          <td>—</td>
          <td className="num">{formatPrice(comparison.reference.mae, currency)}</td>
          <td className="num">—</td>
          <td className="num">1.00</td>
          <td className="num">—</td>
          <td className="num">—</td>
          <td className="num">—</td>
        </tr>
      </tbody>
    </table>
  );
}

function PValueTable({ comparison }: { comparison: Comparison }) {
  const pValue = (a: string, b: string): number | undefined => comparison.dieboldMariano.find((result) => result.modelA === a && result.modelB === b)?.pValue;
  return (
    <table className="grid" aria-label="Diebold-Mariano p-values">
      <thead>
        <tr>
          <th scope="col">A \ B</th>
          {comparison.models.map((model) => (
            <th key={model.modelId} scope="col" className="num">
              {model.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {comparison.models.map((row) => (
          <tr key={row.modelId}>
            <th scope="row">{row.name}</th>
            {comparison.models.map((column) => {
              const p = row.modelId === column.modelId ? undefined : pValue(row.modelId, column.modelId);
              return (
                <td key={column.modelId} className={p !== undefined && p < SIGNIFICANCE ? 'num compare-best' : 'num'}>
                  {p === undefined ? '—' : formatPValue(p)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Several ready models of the zone on the same held-back days: MAE, sMAPE, rMAE and RMSE each,
 * how well its quantile bands held, and the Diebold-Mariano test of every pair, read out in
 * plain words.
 */
export function ComparePanel({ zone, models }: { zone: MarketZone; models: readonly ModelSummary[] }) {
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [days, setDays] = useState<{ from: string; to: string } | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const chosen = models.filter((model) => picked.includes(model.id));
  const shownDays = days ?? defaultDays(chosen, zone);
  const [compare, comparing] = useAction(async (modelIds: string[], from: string, to: string) => {
    setComparison(await engine.compareModels({ modelIds, from, to }));
  });
  // The days follow the models chosen (defaultDays) until the trader sets them.
  const toggle = (id: string): void => setPicked((current) => (current.includes(id) ? current.filter((other) => other !== id) : [...current, id]));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    compare(
      chosen.map((model) => model.id),
      shownDays.from,
      shownDays.to,
    );
  };
  const shown = comparison?.zoneId === zone.id ? comparison : null;
  const { min, max } = ML_LIMITS.compareModels;

  return (
    <Panel headingId="compare-heading" title="Compare models" aside={`held-back days only · Diebold-Mariano at ${formatPercent(SIGNIFICANCE)}`}>
      {models.length < min ? (
        <p className="panel__empty">
          Comparing needs at least {min} ready models of {zone.id}; {models.length === 0 ? 'there is none' : 'there is one'}.
        </p>
      ) : (
        <form className="panel__body" onSubmit={onSubmit} noValidate aria-label="Compare models">
          <fieldset className="zone-picks">
            <legend>Models ({String(min)} to {String(max)})</legend>
            {models.map((model) => {
              const checked = picked.includes(model.id);
              return (
                <label key={model.id} className={checked ? 'zone-pick zone-pick--on' : 'zone-pick'}>
                  <input type="checkbox" checked={checked} disabled={!checked && picked.length >= max} onChange={() => toggle(model.id)} />
                  {model.name}
                </label>
              );
            })}
          </fieldset>
          <div className="form-row">
            <Field label="First day" type="date" value={shownDays.from} onChange={(event) => setDays({ ...shownDays, from: event.target.value })} error={comparing.fieldError('body.from')} />
            <Field label="Last day" type="date" value={shownDays.to} onChange={(event) => setDays({ ...shownDays, to: event.target.value })} error={comparing.fieldError('body.to')} />
            <button type="submit" className="button button--primary" disabled={comparing.busy || chosen.length < min}>
              {comparing.busy ? 'Comparing…' : 'Compare'}
            </button>
          </div>
          <FormError message={comparing.formError ?? comparing.fieldError('body.modelIds')} />
        </form>
      )}
      {shown && (
        <div className="compare-result" aria-live="polite">
          <p className="chart-caption">
            {shown.days} delivery days, {shown.from} to {shown.to} · each day forecast from what was known before it · rMAE against the weekly naive forecast · bands: the
            share of prices that fell inside each central quantile band, well below 90 / 80 / 50 % when the bands are too narrow to size risk with
          </p>
          <div className="analytics-scroll">
            <MetricsTable comparison={shown} currency={zone.currency} />
          </div>
          <h3 className="panel__subheading">Diebold-Mariano test (p-value: small means the column model is more accurate than the row model)</h3>
          <div className="analytics-scroll">
            <PValueTable comparison={shown} />
          </div>
          <ul className="dm-readings" aria-label="What the test says">
            {dieboldMarianoReadings(shown).map((reading) => (
              <li key={`${reading.a} ${reading.b}`} className={reading.better ? 'dm-readings__item dm-readings__item--significant' : 'dm-readings__item'}>
                {reading.sentence}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Panel>
  );
}
