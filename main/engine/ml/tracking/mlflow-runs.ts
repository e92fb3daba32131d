import type { Logger } from 'pino';
import type { ForecastMetrics, ModelArchitecture, TrainingTask } from '../../../../shared/api/ml.js';
import { withoutPassword } from '../../redact-url.js';
import type { TrainingStep } from '../forecaster.js';

/** A finished training job (a training, or a recalibration of a ready model) as MLflow records it. */
export interface TrainingRunRecord {
  task: TrainingTask;
  modelId: string;
  name: string;
  architecture: ModelArchitecture;
  zoneId: string;
  /** A training's hyperparameters; a recalibration's last day, first day learnt and settings. */
  params: Record<string, unknown>;
  steps: readonly TrainingStep[];
  /** The model measured on its held-back days, when it got that far. */
  heldBack: ForecastMetrics | null;
  outcome: 'ready' | 'failed' | 'cancelled';
  startedAt: number;
  endedAt: number;
}

const RUN_STATUS = { ready: 'FINISHED', failed: 'FAILED', cancelled: 'KILLED' } as const;
/**
 * MLflow's limits of one log-batch call: 1,000 metrics, 100 params, and 1,000 metrics, params and
 * tags together (its REST API reference, runs/log-batch); a call over any of them is refused whole.
 */
const ENTRIES_PER_BATCH = 1000;
const PARAMS_PER_BATCH = 100;
/** The experiment every MLflow tracking server has from the start ("Default"). */
const DEFAULT_EXPERIMENT = '0';
const REQUEST_TIMEOUT_MS = 5_000;

interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

function metricsOf(run: TrainingRunRecord): Metric[] {
  const at = run.endedAt;
  const steps = run.steps.flatMap((s) => [
    { key: 'loss', value: s.loss, timestamp: at, step: s.epoch },
    ...(s.validationMae === null ? [] : [{ key: 'validation_mae', value: s.validationMae, timestamp: at, step: s.epoch }]),
  ]);
  const heldBack = run.heldBack ? Object.entries(run.heldBack).map(([key, value]) => ({ key: `heldback_${key}`, value, timestamp: at, step: 0 })) : [];
  // MLflow refuses NaN and infinities in JSON; a diverged loss is left out rather than failing the batch.
  return [...steps, ...heldBack].filter((m) => Number.isFinite(m.value));
}

interface Param {
  key: string;
  value: string;
}

/** Params and metrics in log-batch calls within MLflow's limits: the params first, the metrics filling what is left. */
function logBatches(params: readonly Param[], metrics: readonly Metric[]): { params: Param[]; metrics: Metric[] }[] {
  const batches: { params: Param[]; metrics: Metric[] }[] = [];
  let p = 0;
  let m = 0;
  while (p < params.length || m < metrics.length) {
    const batchParams = params.slice(p, p + PARAMS_PER_BATCH);
    const batchMetrics = metrics.slice(m, m + ENTRIES_PER_BATCH - batchParams.length);
    p += batchParams.length;
    m += batchMetrics.length;
    batches.push({ params: batchParams, metrics: batchMetrics });
  }
  return batches;
}

/**
 * Training runs logged to an MLflow tracking server through its REST API (runs/create,
 * runs/log-batch, runs/update), when MLFLOW_TRACKING_URI is set: one run per training job
 * (tagged optibid.task: train or recalibrate), in the Default experiment, with its params, each
 * step's loss and validation MAE, and the held-back metrics. Logging never fails a training: a server out of reach or an
 * error answer is logged as a warning, and a run it had begun is marked FAILED there rather than
 * left RUNNING for ever.
 */
export class MlflowRuns {
  private readonly base: URL;
  private readonly headers: Record<string, string> = { 'content-type': 'application/json' };

  constructor(
    trackingUri: string,
    private readonly logger: Logger,
  ) {
    this.base = new URL(trackingUri.endsWith('/') ? trackingUri : `${trackingUri}/`);
    if (this.base.username || this.base.password) {
      this.headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(this.base.username)}:${decodeURIComponent(this.base.password)}`).toString('base64')}`;
      this.base.username = '';
      this.base.password = '';
    }
  }

  async log(run: TrainingRunRecord): Promise<void> {
    let runId: string | undefined;
    try {
      const created = (await this.call('runs/create', {
        experiment_id: DEFAULT_EXPERIMENT,
        run_name: run.name,
        start_time: run.startedAt,
        tags: [
          { key: 'optibid.task', value: run.task },
          { key: 'optibid.model_id', value: run.modelId },
          { key: 'optibid.architecture', value: run.architecture },
          { key: 'optibid.zone', value: run.zoneId },
        ],
      })) as { run?: { info?: { run_id?: string } } };
      runId = created.run?.info?.run_id;
      if (!runId) throw new Error('runs/create answered without a run id');
      const params = [
        { key: 'architecture', value: run.architecture },
        { key: 'zone', value: run.zoneId },
        ...Object.entries(run.params).map(([key, value]) => ({ key, value: JSON.stringify(value) })),
      ];
      for (const batch of logBatches(params, metricsOf(run))) await this.call('runs/log-batch', { run_id: runId, ...batch });
      await this.call('runs/update', { run_id: runId, status: RUN_STATUS[run.outcome], end_time: run.endedAt });
    } catch (error) {
      this.logger.warn({ err: error, server: withoutPassword(this.base.href), modelId: run.modelId }, 'The training run could not be logged to MLflow; the model is not affected');
      if (runId) await this.markFailed(runId, run.endedAt);
    }
  }

  /** A run whose logging broke off: FAILED there, so it does not read as still running; if even that fails, it stays as it is. */
  private async markFailed(runId: string, endedAt: number): Promise<void> {
    await this.call('runs/update', { run_id: runId, status: 'FAILED', end_time: endedAt }).catch((error: unknown) => {
      this.logger.warn({ err: error, server: withoutPassword(this.base.href), runId }, 'The MLflow run could not be marked FAILED');
    });
  }

  private async call(endpoint: string, body: object): Promise<unknown> {
    const response = await fetch(new URL(`api/2.0/mlflow/${endpoint}`, this.base), { method: 'POST', headers: this.headers, body: JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    if (!response.ok) throw new Error(`MLflow ${endpoint} answered HTTP ${String(response.status)}: ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : {};
  }
}
