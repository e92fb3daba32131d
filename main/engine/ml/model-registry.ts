import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ModelInfo, ModelList, ModelListQuery } from '../../../shared/api/ml.js';
import { DELIVERY_YEARS, isDeliveryDate } from '../../../shared/bids/bid-market.js';
import { dayStart, nextDay } from '../../../shared/market/time-zone.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import { actorOf, type Caller } from '../auth/caller.js';
import type { MlModelRecord } from '../db/repositories/ml-model-repository.js';
import type { Repositories } from '../db/repositories/index.js';
import { AppError } from '../http/app-error.js';
import { decodeModelFile, InvalidModelFile, type ModelFile } from './artifacts/model-file.js';
import { ModelFileUnreadable } from './artifacts/model-files.js';
import { checkedHyperparameters } from './hyperparameters.js';
import type { MlContext } from './ml-context.js';
import { modelNotFound, modelNotReady } from './ml-errors.js';
import { modelInfo, modelSummary } from './model-views.js';
import type { TrainingService } from './training-service.js';

const invalidModelFile = (reason: string): AppError => new AppError('validation_error', 'INVALID_MODEL_FILE', `Not a model this terminal can register: ${reason}`, { reason });

/** A model's file as the export route sends it. */
export interface ExportedModel {
  fileName: string;
  bytes: Uint8Array;
}

/** A stored model file that cannot be served, as an error envelope. */
function unreadableModelFile(error: unknown): unknown {
  if (!(error instanceof ModelFileUnreadable)) return error;
  switch (error.reason) {
    case 'missing':
      return new AppError('not_found', 'MODEL_FILE_NOT_HERE', `${error.message}: if it was trained on another terminal of the floor, export it there and import it here; if its file was lost, delete the model and train it again`);
    case 'changed':
      return new AppError('conflict', 'MODEL_FILE_CHANGED', `${error.message}; delete the model and train or import it again`);
    case 'unreadable':
      return new AppError('conflict', 'MODEL_FILE_UNREADABLE', `${error.message}: check that the terminal's data directory is its own to read, or delete the model and train it again`);
  }
}

/** A ready model's file as written in this terminal's data directory. */
async function readModelBytes(ml: MlContext, model: MlModelRecord): Promise<Uint8Array> {
  if (model.status !== 'ready' || !model.artifact) throw modelNotReady(model.id, model.status);
  return ml.files.read(model.artifact).catch((error: unknown) => {
    throw unreadableModelFile(error);
  });
}

/** A ready model's file, read as its header and payload. */
export const readModelFile = async (ml: MlContext, model: MlModelRecord): Promise<ModelFile> => decodeModelFile(await readModelBytes(ml, model));

export async function modelOf(repositories: Pick<Repositories, 'mlModels'>, organizationId: string, id: string): Promise<MlModelRecord> {
  const model = await repositories.mlModels.get(id, organizationId);
  if (!model) throw modelNotFound(id);
  return model;
}

/**
 * The organisation's model registry: list, information, deletion, and model files out (export)
 * and in (import). An import is checked whole before anything is written: the file's format and
 * hash, its zone, its architecture and hyperparameters, and its model read back by its kind in a
 * worker and made to forecast a made-up day (probeSeries); only then are the file and its row written.
 */
export class ModelRegistry {
  constructor(
    private readonly ml: MlContext,
    private readonly training: TrainingService,
  ) {}

  async list(caller: Caller, query: ModelListQuery): Promise<ModelList> {
    const { store, organizationId } = await this.ml.access.of(caller, 'viewer');
    const zone = query.zone === undefined ? null : this.ml.zone(query.zone, 'query.zone');
    const models = await store.mlModels.listOf(organizationId, { zoneId: query.zone, architecture: query.architecture });
    const summaries = models.map((model) => modelSummary(model, this.ml.zone(model.zoneId, 'zoneId')));
    return zone ? { models: summaries, storedDays: await this.ml.storedDays(zone) } : { models: summaries };
  }

  async info(caller: Caller, id: string): Promise<ModelInfo> {
    const { store, organizationId } = await this.ml.access.of(caller, 'viewer');
    const model = await modelOf(store, organizationId, id);
    return modelInfo(model, this.ml.zone(model.zoneId, 'zoneId'));
  }

  /** Deletes the model, its predictions and its file (if it can); a training under way on this terminal is cancelled first. */
  async delete(caller: Caller, id: string, context: RequestContext): Promise<void> {
    const { store, organizationId } = await this.ml.access.of(caller, 'analyst');
    await modelOf(store, organizationId, id);
    await this.training.cancelModel(id);
    const deleted = await store.transaction(async (r) => {
      const model = await modelOf(r, organizationId, id);
      await r.mlModels.delete(id, organizationId);
      await recordAudit(r, this.ml.clock, { ...actorOf(caller), organizationId, action: 'ml_model.delete', resourceType: 'ml_model', resourceId: id, before: { name: model.name, architecture: model.architecture, zoneId: model.zoneId, status: model.status } }, context);
      return model;
    });
    // The model is gone with its row: a file the system will not let go of (held open, on Windows)
    // is left behind and logged for the operator, not answered as a failed deletion.
    const path = deleted.artifact?.path;
    if (path) {
      await this.ml.files.remove(path).catch((error: unknown) => {
        this.ml.logger.warn({ err: error, modelId: id, path }, 'The file of a deleted model could not be removed');
      });
    }
  }

  async export(caller: Caller, id: string): Promise<ExportedModel> {
    const { store, organizationId } = await this.ml.access.of(caller, 'viewer');
    const model = await modelOf(store, organizationId, id);
    const bytes = await readModelBytes(this.ml, model);
    const safeName = model.name.replace(/[^A-Za-z0-9._ -]+/g, '_').trim() || model.id;
    return { fileName: `${safeName}.optibid-model`, bytes };
  }

  /** `signal`: the caller has gone, and the file's check is stopped (nothing is registered). */
  async import(caller: Caller, file: Uint8Array, context: RequestContext, signal?: AbortSignal): Promise<ModelInfo> {
    const { store, organizationId } = await this.ml.access.of(caller, 'analyst');
    let decoded: ModelFile;
    try {
      decoded = decodeModelFile(file);
    } catch (error) {
      if (error instanceof InvalidModelFile) throw invalidModelFile(error.message);
      throw error;
    }
    const { header, payload } = decoded;
    const zone = this.ml.zone(header.zoneId, 'file.zoneId');
    const kind = this.ml.kind(header.architecture);
    let hyperparameters: Record<string, unknown>;
    try {
      hyperparameters = checkedHyperparameters(kind, header.hyperparameters, 'file.hyperparameters');
    } catch (error) {
      throw error instanceof AppError ? invalidModelFile(error.message) : error;
    }
    for (const [field, day] of [['trainingFrom', header.trainingFrom], ['trainingTo', header.trainingTo]] as const) {
      if (!isDeliveryDate(day)) throw invalidModelFile(`its ${field} (${day}) is not a calendar day from ${String(DELIVERY_YEARS.first)} to ${String(DELIVERY_YEARS.last)}`);
    }
    if (header.trainingFrom > header.trainingTo) throw invalidModelFile(`its training range ends (${header.trainingTo}) before it starts (${header.trainingFrom})`);
    const verified = await this.ml.workers.run({ task: 'verify', kindsModule: this.ml.kinds.moduleUrl, architecture: header.architecture, bytes: payload }, signal);
    if (verified.type !== 'verified') throw invalidModelFile(`its ${header.architecture} model cannot be read or cannot forecast: ${verified.type === 'failed' ? verified.message : verified.type}`);
    // The header is what the registry shows and what forecasts read their inputs by; the model is what forecasts.
    if (!isDeepStrictEqual(hyperparameters, checkedHyperparameters(kind, verified.hyperparameters, 'file.hyperparameters'))) {
      throw invalidModelFile(`its header's hyperparameters are not those its ${header.architecture} model was trained with`);
    }
    if (!isDeepStrictEqual(header.metrics.exogenous, verified.exogenous)) {
      throw invalidModelFile(`its header names the exogenous series [${header.metrics.exogenous.join(', ')}]; its model reads [${verified.exogenous.join(', ')}]`);
    }

    const now = this.ml.clock.now();
    const id = randomUUID();
    const stored = await this.ml.files.write(id, file);
    const model: MlModelRecord = {
      id,
      organizationId,
      name: header.name,
      architecture: header.architecture,
      zoneId: zone.id,
      status: 'ready',
      hyperparameters,
      trainingFrom: new Date(dayStart(zone.timezone, header.trainingFrom)),
      trainingTo: new Date(dayStart(zone.timezone, nextDay(header.trainingTo))),
      metrics: header.metrics,
      artifact: stored,
      errorMessage: null,
      createdBy: caller.userId,
      trainedOn: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await store.transaction(async (r) => {
        await r.mlModels.insert(model);
        await recordAudit(r, this.ml.clock, { ...actorOf(caller), organizationId, action: 'ml_model.import', resourceType: 'ml_model', resourceId: id, after: { name: model.name, architecture: model.architecture, zoneId: zone.id, sha256: stored.sha256 } }, context);
      });
    } catch (error) {
      await this.ml.files.remove(stored.path);
      throw error;
    }
    return modelInfo(model, zone);
  }
}
