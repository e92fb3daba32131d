import { Fragment, useState } from 'react';
import type { ModelSummary, StoredDays, TrainingJobStatus } from '../../../../shared/api/ml.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { engine } from '../../api/engine.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useAction } from '../../components/use-action.js';
import { formatDateTime, formatPrice, NO_VALUE } from '../../format.js';
import { toast } from '../../state/toast-store.js';
import { ConfirmButton } from '../bidding/ConfirmButton.js';
import { downloadFile } from '../market/candles-csv.js';
import { formatCoefficient } from '../../charts/CorrelationHeatmap.js';
import { formatBytes, formatPercent } from './analytics-format.js';
import { ARCHITECTURE_SHORT, RECALIBRATES } from './architectures.js';
import { ModelStatusBadge } from './ModelStatusBadge.js';
import { useModelSizes } from './use-model-sizes.js';
import { isActive } from './use-training-jobs.js';

function Validation({ model, currency }: { model: ModelSummary; currency: string }) {
  const validation = model.metrics?.validation ?? null;
  if (!validation) return <span className="muted">{NO_VALUE}</span>;
  const { metrics } = validation;
  const recalibrated = model.metrics?.recalibrated;
  return (
    <>
      <span title={`${String(validation.days)} held-back days, ${validation.from} to ${validation.to}`}>
        MAE {formatPrice(metrics.mae, currency)} · sMAPE {formatPercent(metrics.smape)} · rMAE {formatCoefficient(metrics.rmae)}
      </span>
      {recalibrated && (
        <span className="row-detail muted" title="Measured before the model was recalibrated: it has since learnt those days">
          Before {recalibrated.times === 1 ? 'its recalibration' : `${String(recalibrated.times)} recalibrations`} (last {formatDateTime(recalibrated.lastAt)})
        </span>
      )}
    </>
  );
}

interface ModelsPanelProps {
  zone: MarketZone;
  models: readonly ModelSummary[] | null;
  /** The zone's stored day-ahead days: a model fitted to the last has nothing newer to learn. */
  storedDays: StoredDays | null;
  /** This terminal's training jobs: a model with one under way is not recalibrated again. */
  jobs: readonly TrainingJobStatus[];
  error: string | null;
  canWrite: boolean;
  onForecast: (model: ModelSummary) => void;
  onDeleted: () => void;
}

/** The table's columns, for a refusal's row spanning them all. */
const COLUMNS = 8;

/** What a model's row does. */
type RowAction = 'recalibrate' | 'export' | 'delete';

const RECALIBRATE_HINT =
  'Learn the days since its last one, up to the last stored prices, without training anew (LEAR refits its windows; a network takes two passes over its newest half year)';

/** Why a model cannot be recalibrated now, or null when it can. */
function recalibrateBlocked(model: ModelSummary, storedDays: StoredDays | null, underWay: boolean): string | null {
  if (underWay) return 'A training or recalibration of this model is under way: it can be recalibrated once that ends';
  if (storedDays === null) return 'No day-ahead prices of the zone are stored to learn from';
  if (model.trainingTo !== null && model.trainingTo >= storedDays.last) return `Nothing newer to learn: it has learnt the days up to ${model.trainingTo}, the last with stored prices; it can be recalibrated once the next day's prices arrive`;
  return null;
}

/**
 * The organisation's models of the zone, newest first: what each is, how it validated, its file;
 * forecast with one, recalibrate it on the prices since (its job shows with the trainings), export
 * or delete it.
 */
export function ModelsPanel({ zone, models, storedDays, jobs, error, canWrite, onForecast, onDeleted }: ModelsPanelProps) {
  const sizes = useModelSizes(models ?? []);
  const underWay = new Set(jobs.filter(isActive).map((job) => job.modelId));
  // One action of a row at a time; its refusal is shown in that row, where the trader clicked.
  const [actedOn, setActedOn] = useState<string | null>(null);
  const [act, acting] = useAction(async (action: RowAction, model: ModelSummary) => {
    setActedOn(model.id);
    switch (action) {
      case 'recalibrate':
        await engine.recalibrateModel(model.id, {});
        toast('info', `Recalibrating “${model.name}” on the prices since ${model.trainingTo ?? 'its training'}`);
        return;
      case 'export': {
        const file = await engine.exportModel(model.id);
        // The desktop shell passes no headers, so no name from the engine: the model's own, made safe for a file.
        downloadFile(file.fileName ?? `${model.name.replace(/[^\w.-]+/g, '-')}.optibid-model`, file.bytes, 'application/octet-stream');
        return;
      }
      case 'delete':
        await engine.deleteModel(model.id);
        toast('success', `Model “${model.name}” deleted`);
        onDeleted();
    }
  });
  return (
    <Panel headingId="models-heading" title="Forecasting models" aside={models ? `${String(models.length)} of ${zone.id} · newest first` : undefined}>
      <FormError message={error} />
      {models?.length === 0 && <p className="panel__empty">No model of {zone.id} yet.{canWrite ? ' Train one below: the naive rule takes a second, LEAR and the networks minutes.' : ''}</p>}
      {models && models.length > 0 && (
        <div className="analytics-scroll">
          <table className="grid models-table" aria-label={`Forecasting models of ${zone.id}`}>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Architecture</th>
                <th scope="col">Status</th>
                <th scope="col">Fitted on</th>
                <th scope="col">Validation (held-back days)</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map((model) => {
                const size = sizes.get(model.id);
                const blocked = recalibrateBlocked(model, storedDays, underWay.has(model.id));
                return (
                  <Fragment key={model.id}>
                    <tr data-model={model.id}>
                      <th scope="row" className="cell-clip" title={model.name}>
                        {model.name}
                      </th>
                      <td>{ARCHITECTURE_SHORT[model.architecture]}</td>
                      <td>
                        <ModelStatusBadge status={model.status} />
                        {model.error && <span className="row-detail bad-text">{model.error}</span>}
                      </td>
                      <td className="tabular">{model.trainingFrom && model.trainingTo ? `${model.trainingFrom} → ${model.trainingTo}` : NO_VALUE}</td>
                      <td className="cell-wrap">
                        <Validation model={model} currency={zone.currency} />
                      </td>
                      <td className="num">{size === undefined ? NO_VALUE : formatBytes(size)}</td>
                      <td className="muted">{formatDateTime(model.createdAt)}</td>
                      <td className="actions">
                        <span className="button-row">
                          {model.status === 'ready' && canWrite && (
                            <button type="button" className="button button--small" onClick={() => onForecast(model)} aria-label={`Forecast with ${model.name}`}>
                              Forecast
                            </button>
                          )}
                          {model.status === 'ready' && canWrite && RECALIBRATES[model.architecture] && (
                            <button
                              type="button"
                              className="button button--small"
                              onClick={() => act('recalibrate', model)}
                              disabled={acting.busy || blocked !== null}
                              aria-label={`Recalibrate ${model.name}`}
                              title={blocked ?? RECALIBRATE_HINT}
                            >
                              Recalibrate
                            </button>
                          )}
                          {model.status === 'ready' && (
                            <button type="button" className="button button--small" onClick={() => act('export', model)} disabled={acting.busy} aria-label={`Export ${model.name}`} title="The model file, to import on another terminal">
                              Export
                            </button>
                          )}
                          {canWrite && <ConfirmButton label="Delete" confirmLabel="Delete for good?" onConfirm={() => act('delete', model)} disabled={acting.busy} />}
                        </span>
                      </td>
                    </tr>
                    {actedOn === model.id && acting.formError && (
                      <tr>
                        <td colSpan={COLUMNS} className="cell-wrap">
                          <FormError message={acting.formError} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
