import type { ModelInfo, ModelSummary } from '../../../shared/api/ml.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { localDate, shiftDay } from '../../../shared/market/time-zone.js';
import type { MlModelRecord } from '../db/repositories/ml-model-repository.js';

/** The delivery days a model was fitted on, from its row's instants (the first day's start, the last day's end). */
export function fittedDays(record: Pick<MlModelRecord, 'trainingFrom' | 'trainingTo'>, zone: Pick<MarketZone, 'timezone'>): { from: string; to: string } | null {
  if (!record.trainingFrom || !record.trainingTo) return null;
  return { from: localDate(zone.timezone, record.trainingFrom.getTime()), to: shiftDay(localDate(zone.timezone, record.trainingTo.getTime()), -1) };
}

export function modelSummary(record: MlModelRecord, zone: Pick<MarketZone, 'timezone'>): ModelSummary {
  const fitted = fittedDays(record, zone);
  return {
    id: record.id,
    name: record.name,
    architecture: record.architecture,
    zoneId: record.zoneId,
    status: record.status,
    trainingFrom: fitted?.from ?? null,
    trainingTo: fitted?.to ?? null,
    metrics: record.metrics,
    error: record.errorMessage,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export const modelInfo = (record: MlModelRecord, zone: Pick<MarketZone, 'timezone'>): ModelInfo => ({
  ...modelSummary(record, zone),
  hyperparameters: record.hyperparameters,
  artifact: record.artifact ? { bytes: record.artifact.bytes, sha256: record.artifact.sha256 } : null,
});
