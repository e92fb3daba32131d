import type { Logger } from 'pino';
import type { MarketZone } from '../../../shared/api/zones.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config/load.js';
import type { Databases } from '../db/databases.js';
import type { EventHub } from '../stream/event-hub.js';
import { terminalIdentity } from '../terminal-identity.js';
import { ModelFiles } from './artifacts/model-files.js';
import { ComparisonService } from './comparison-service.js';
import type { ForecasterKinds } from './forecaster-kinds.js';
import { MlContext } from './ml-context.js';
import { ModelRegistry } from './model-registry.js';
import { PredictionService } from './prediction-service.js';
import { MlflowRuns } from './tracking/mlflow-runs.js';
import { TrainingService } from './training-service.js';
import { ForecastWorkers } from './worker/forecast-workers.js';

/** The forecasting services behind /api/ml. */
export interface MlServices {
  training: TrainingService;
  registry: ModelRegistry;
  predictions: PredictionService;
  comparisons: ComparisonService;
  /**
   * Stops the forecasts and comparisons under way (their requests answer TERMINAL_CLOSING) and
   * cancels the trainings under way and queued (their models end cancelled); resolves once all have ended.
   */
  close(): Promise<void>;
}

export interface MlServiceOptions {
  config: Pick<EngineConfig, 'dataDir' | 'services'>;
  databases: Databases;
  zones: ReadonlyMap<string, MarketZone>;
  kinds: ForecasterKinds;
  events: EventHub;
  clock: Clock;
  logger: Logger;
}

/**
 * Builds the services; a terminal that crashed mid-training has its interrupted models marked
 * failed (see TrainingService.failInterrupted) and the model files it was writing removed.
 */
export async function openMlServices(options: MlServiceOptions): Promise<MlServices> {
  const { config, logger } = options;
  const mlflow = config.services.mlflowUrl ? new MlflowRuns(config.services.mlflowUrl, logger) : null;
  const files = new ModelFiles(config.dataDir);
  const leftovers = await files.removeLeftovers();
  if (leftovers.length > 0) logger.info({ files: leftovers }, 'Removed model files a stopped write had left unfinished');
  const ml = new MlContext(options.databases, options.zones, options.kinds, files, options.events, options.clock, logger, mlflow, new ForecastWorkers(), await terminalIdentity(config.dataDir));
  const training = new TrainingService(ml);
  await training.failInterrupted();
  return {
    training,
    registry: new ModelRegistry(ml, training),
    predictions: new PredictionService(ml),
    comparisons: new ComparisonService(ml),
    close: async () => {
      await Promise.all([ml.workers.close(), training.close()]);
    },
  };
}
