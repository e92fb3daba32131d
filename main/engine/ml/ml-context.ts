import type { Logger } from 'pino';
import type { ModelArchitecture, StoredDays } from '../../../shared/api/ml.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { localDate } from '../../../shared/market/time-zone.js';
import type { Clock } from '../clock.js';
import type { Databases } from '../db/databases.js';
import type { EventHub } from '../stream/event-hub.js';
import type { ModelFiles } from './artifacts/model-files.js';
import type { ForecasterKinds, RegisteredKind } from './forecaster-kinds.js';
import { MlAccess } from './ml-access.js';
import { modelNotAvailable, zoneNotFound } from './ml-errors.js';
import type { MlflowRuns } from './tracking/mlflow-runs.js';
import type { ReadStore } from './training-data/series-assembly.js';
import type { ForecastWorkers } from './worker/forecast-workers.js';

/** What the forecasting services share: databases, the zone catalogue, the kinds, the model files, the threads requests wait on. */
export class MlContext {
  readonly access: MlAccess;

  constructor(
    readonly databases: Databases,
    private readonly zones: ReadonlyMap<string, MarketZone>,
    readonly kinds: ForecasterKinds,
    readonly files: ModelFiles,
    readonly events: EventHub,
    readonly clock: Clock,
    readonly logger: Logger,
    readonly mlflow: MlflowRuns | null,
    readonly workers: ForecastWorkers,
    /** This terminal's identity (terminal-identity.ts): its trainings carry it in the registry. */
    readonly terminalId: string,
  ) {
    this.access = new MlAccess(databases);
  }

  zone(id: string, field: string): MarketZone {
    const zone = this.zones.get(id);
    if (!zone) throw zoneNotFound(id, field);
    return zone;
  }

  /** The kind of an architecture, or MODEL_NOT_AVAILABLE (501) when this build has none. */
  kind(architecture: ModelArchitecture): RegisteredKind {
    const kind = this.kinds.byArchitecture[architecture];
    if (!kind) throw modelNotAvailable(architecture);
    return kind;
  }

  /** Market data for the models: the source of truth, or the local cache while it is out of reach (prices are facts any terminal holds). */
  readonly read: ReadStore = (query) => this.databases.read(query);

  /** The zone's first and last delivery days with stored day-ahead prices, if it has any. */
  async storedDays(zone: MarketZone): Promise<StoredDays | null> {
    const span = await this.read((store) => store.trainingData.dayAheadSpan(zone.id));
    return span ? { first: localDate(zone.timezone, span.first.getTime()), last: localDate(zone.timezone, span.last.getTime()) } : null;
  }
}
