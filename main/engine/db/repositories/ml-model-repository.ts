import type { ModelArchitecture, ModelMetrics, ModelStatus } from '../../../../shared/api/ml.js';
import { asDate, asDateOrNull, asJson, placeholdersFor, type SqlExecutor, type SqlParam } from '../sql/executor.js';

/** A row of ml_models: a forecasting model of an organisation, from queued to ready (or failed, cancelled). */
export interface MlModelRecord {
  id: string;
  organizationId: string;
  name: string;
  architecture: ModelArchitecture;
  zoneId: string;
  status: ModelStatus;
  hyperparameters: Record<string, unknown>;
  /** Start of the first delivery day fitted on, and end of the last (local midnights). */
  trainingFrom: Date | null;
  trainingTo: Date | null;
  metrics: ModelMetrics | null;
  artifact: { path: string; bytes: number; sha256: string } | null;
  errorMessage: string | null;
  createdBy: string | null;
  /** The terminal training it (its terminal-id); null for an imported model and those trained before it was kept. */
  trainedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** What a finished training (or an import) records with a model's file. */
export interface ReadyModel {
  trainingFrom: Date;
  trainingTo: Date;
  metrics: ModelMetrics;
  artifact: { path: string; bytes: number; sha256: string };
}

interface Row {
  id: string;
  organization_id: string;
  name: string;
  architecture: ModelArchitecture;
  zone_id: string;
  status: ModelStatus;
  hyperparameters: unknown;
  training_from: unknown;
  training_to: unknown;
  metrics: unknown;
  artifact_path: string | null;
  artifact_bytes: number | string | null;
  artifact_sha256: string | null;
  error_message: string | null;
  created_by: string | null;
  trained_on: string | null;
  created_at: unknown;
  updated_at: unknown;
}

const COLUMNS =
  'id, organization_id, name, architecture, zone_id, status, hyperparameters, training_from, training_to, metrics, artifact_path, artifact_bytes, artifact_sha256, error_message, created_by, trained_on, created_at, updated_at';

/** Statuses a model leaves only once: a job may still move it. */
const UNFINISHED: readonly ModelStatus[] = ['queued', 'training'];
const UNFINISHED_PLACEHOLDERS = placeholdersFor(UNFINISHED);
const FAIL_UNFINISHED = `UPDATE ml_models SET status = 'failed', error_message = ?, updated_at = ? WHERE status IN (${UNFINISHED_PLACEHOLDERS})`;

function decode(row: Row): MlModelRecord {
  const metrics = asJson(row.metrics) as Partial<ModelMetrics>;
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    architecture: row.architecture,
    zoneId: row.zone_id,
    status: row.status,
    hyperparameters: asJson(row.hyperparameters) as Record<string, unknown>,
    trainingFrom: asDateOrNull(row.training_from),
    trainingTo: asDateOrNull(row.training_to),
    // Until training ends the column holds its default, {}.
    metrics:
      metrics.exogenous && metrics.validation !== undefined
        ? { validation: metrics.validation, exogenous: metrics.exogenous, ...(metrics.recalibrated ? { recalibrated: metrics.recalibrated } : {}) }
        : null,
    artifact: row.artifact_path !== null && row.artifact_sha256 !== null ? { path: row.artifact_path, bytes: Number(row.artifact_bytes), sha256: row.artifact_sha256 } : null,
    errorMessage: row.error_message,
    createdBy: row.created_by,
    trainedOn: row.trained_on,
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}

/** The model registry (ml_models), each model its organisation's: every read of one names the organisation too. */
export class MlModelRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async insert(model: MlModelRecord): Promise<void> {
    const params: SqlParam[] = [
      model.id,
      model.organizationId,
      model.name,
      model.architecture,
      model.zoneId,
      model.status,
      model.hyperparameters,
      model.trainingFrom,
      model.trainingTo,
      model.metrics ?? {},
      model.artifact?.path ?? null,
      model.artifact?.bytes ?? null,
      model.artifact?.sha256 ?? null,
      model.errorMessage,
      model.createdBy,
      model.trainedOn,
      model.createdAt,
      model.updatedAt,
    ];
    const placeholders = placeholdersFor(params);
    await this.sql.run(`INSERT INTO ml_models (${COLUMNS}) VALUES (${placeholders})`, params);
  }

  async get(id: string, organizationId: string): Promise<MlModelRecord | null> {
    const row = await this.sql.one<Row>(`SELECT ${COLUMNS} FROM ml_models WHERE id = ? AND organization_id = ?`, [id, organizationId]);
    return row ? decode(row) : null;
  }

  /** The organisation's models, newest first, of one zone and/or architecture when named. */
  async listOf(organizationId: string, filter: { zoneId?: string | undefined; architecture?: ModelArchitecture | undefined } = {}): Promise<MlModelRecord[]> {
    const clauses = ['organization_id = ?'];
    const params: SqlParam[] = [organizationId];
    if (filter.zoneId) {
      clauses.push('zone_id = ?');
      params.push(filter.zoneId);
    }
    if (filter.architecture) {
      clauses.push('architecture = ?');
      params.push(filter.architecture);
    }
    const conditions = clauses.join(' AND ');
    const rows = await this.sql.all<Row>(`SELECT ${COLUMNS} FROM ml_models WHERE ${conditions} ORDER BY created_at DESC, id DESC`, params);
    return rows.map(decode);
  }

  /** queued -> training; false when the model is gone or no longer queued (deleted, cancelled). */
  async markTraining(id: string, at: Date): Promise<boolean> {
    return (await this.sql.run("UPDATE ml_models SET status = 'training', updated_at = ? WHERE id = ? AND status = 'queued'", [at, id])) === 1;
  }

  /** training -> ready with its file; false when the model is gone or was ended meanwhile. */
  async markReady(id: string, ready: ReadyModel, at: Date): Promise<boolean> {
    const changed = await this.sql.run(
      "UPDATE ml_models SET status = 'ready', training_from = ?, training_to = ?, metrics = ?, artifact_path = ?, artifact_bytes = ?, artifact_sha256 = ?, updated_at = ? WHERE id = ? AND status = 'training'",
      [ready.trainingFrom, ready.trainingTo, ready.metrics, ready.artifact.path, ready.artifact.bytes, ready.artifact.sha256, at, id],
    );
    return changed === 1;
  }

  /**
   * A ready model moved on to newer days: its new file, training end and metrics, provided its
   * file is still the one the recalibration started from (`fromSha256`); false when the model
   * is gone or was replaced meanwhile.
   */
  async markRecalibrated(id: string, fromSha256: string, moved: Omit<ReadyModel, 'trainingFrom'>, at: Date): Promise<boolean> {
    const changed = await this.sql.run(
      "UPDATE ml_models SET training_to = ?, metrics = ?, artifact_path = ?, artifact_bytes = ?, artifact_sha256 = ?, updated_at = ? WHERE id = ? AND status = 'ready' AND artifact_sha256 = ?",
      [moved.trainingTo, moved.metrics, moved.artifact.path, moved.artifact.bytes, moved.artifact.sha256, at, id, fromSha256],
    );
    return changed === 1;
  }

  /** An unfinished model ends failed or cancelled; false when it is gone or already ended. */
  async markEnded(id: string, status: 'failed' | 'cancelled', errorMessage: string | null, at: Date): Promise<boolean> {
    const changed = await this.sql.run(`UPDATE ml_models SET status = ?, error_message = ?, updated_at = ? WHERE id = ? AND status IN (${UNFINISHED_PLACEHOLDERS})`, [
      status,
      errorMessage,
      at,
      id,
      ...UNFINISHED,
    ]);
    return changed === 1;
  }

  /**
   * Every unfinished model (or, with `trainedOn`, every one that terminal was training) fails with
   * `errorMessage`: at the start of a terminal whose jobs died with it.
   */
  async failUnfinished(errorMessage: string, at: Date, trainedOn?: string): Promise<number> {
    const params = [errorMessage, at, ...UNFINISHED];
    return trainedOn === undefined ? this.sql.run(FAIL_UNFINISHED, params) : this.sql.run(`${FAIL_UNFINISHED} AND trained_on = ?`, [...params, trainedOn]);
  }

  /** Deletes the model (its predictions go with it); false when the organisation has no such model. */
  async delete(id: string, organizationId: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM ml_models WHERE id = ? AND organization_id = ?', [id, organizationId])) === 1;
  }
}
