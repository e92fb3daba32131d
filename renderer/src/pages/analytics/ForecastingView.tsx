import { useCallback, useEffect, useState } from 'react';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { engine } from '../../api/engine.js';
import { useLoad } from '../../components/use-load.js';
import { useHasRole } from '../../state/current-role.js';
import { transport } from '../../transport/index.js';
import { ComparePanel } from './ComparePanel.js';
import { ForecastPanel } from './ForecastPanel.js';
import { ModelsPanel } from './ModelsPanel.js';
import { TrainPanel } from './TrainPanel.js';
import { useTrainingJobs } from './use-training-jobs.js';

/**
 * Forecasting for the selected zone: its models (kept current by the training events), training
 * with live progress, a forecast fan of a delivery day, and comparisons. Viewers see the models;
 * analysts and above train, forecast and compare (the engine's own rule).
 */
export function ForecastingView({ zone }: { zone: MarketZone }) {
  const list = useLoad(useCallback(() => engine.models(zone.id), [zone.id]));
  const { jobs, error: jobsError } = useTrainingJobs(list.reload);
  const { reload } = list;
  // A new day of prices stored: the list's stored days move on, and a model may be recalibrated
  // again. The feed announces its days; a price file imported from the command line does not, so
  // the list is also read again whenever the trader comes back to the window.
  useEffect(
    () =>
      transport.subscribe('day-ahead-result', (event) => {
        if (event.data.zoneId === zone.id) reload();
      }),
    [zone.id, reload],
  );
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);
  const canWrite = useHasRole('analyst');
  const [forecastModel, setForecastModel] = useState<string | null>(null);
  const choose = (modelId: string): void => {
    setForecastModel(modelId);
    document.getElementById('forecast-heading')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };
  const models = list.data?.models.filter((model) => model.zoneId === zone.id) ?? null;
  const ready = models?.filter((model) => model.status === 'ready') ?? [];
  return (
    <>
      <ModelsPanel zone={zone} models={models} storedDays={list.data?.storedDays ?? null} jobs={jobs} error={list.error ?? jobsError} canWrite={canWrite} onForecast={(model) => choose(model.id)} onDeleted={list.reload} />
      {canWrite ? (
        <>
          <div className="analytics-columns analytics-columns--forecast">
            <TrainPanel zone={zone} jobs={jobs} models={models ?? []} />
            <ForecastPanel zone={zone} models={ready} chosenId={forecastModel} onChoose={setForecastModel} />
          </div>
          <ComparePanel zone={zone} models={ready} />
        </>
      ) : (
        <p className="notice notice--info">Training, forecasting and comparing models need the analyst role or above in this organisation.</p>
      )}
    </>
  );
}
