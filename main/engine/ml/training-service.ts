import { randomUUID } from 'node:crypto';
import { ML_LIMITS, type ModelArchitecture, type RecalibrateBody, type TrainAccepted, type TrainBody, type TrainingJobList, type TrainingJobStatus } from '../../../shared/api/ml.js';
import type { MarketZone } from '../../../shared/api/zones.js';
import { dayStart, nextDay } from '../../../shared/market/time-zone.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import { actorOf, type Caller } from '../auth/caller.js';
import type { MlModelRecord } from '../db/repositories/ml-model-repository.js';
import type { Store } from '../db/store.js';
import { AppError } from '../http/app-error.js';
import { checkedDay, checkedDayRange, dayCount } from './calendar-days.js';
import { checkedHyperparameters } from './hyperparameters.js';
import type { MlContext } from './ml-context.js';
import { insufficientHistory, jobNotFound, modelNotReady } from './ml-errors.js';
import { modelOf, readModelFile } from './model-registry.js';
import { fittedDays } from './model-views.js';
import { recalibrationDays } from './training/recalibration-days.js';
import { queuedRecalibration } from './training/recalibration-run.js';
import { TrainingJob } from './training/training-job.js';
import { TrainingQueue } from './training/training-queue.js';
import { queuedTraining, type TrainingRunDependencies } from './training/training-run.js';
import { assembleSeries } from './training-data/series-assembly.js';

const trainingHistoryTooShort = (zoneId: string, daysNeeded: number, daysAvailable: number): AppError =>
  insufficientHistory(
    `Training needs ${String(daysNeeded)} days of ${zoneId} day-ahead prices (the last ${String(ML_LIMITS.validationDays)} held back to measure the model); ${String(daysAvailable)} are available`,
    { zone: zoneId, daysNeeded, daysAvailable, validationDays: ML_LIMITS.validationDays },
  );

const trainingSpanTooLong = ({ from, to }: { from: string; to: string }, days: number): AppError =>
  new AppError('validation_error', 'TRAINING_SPAN_TOO_LONG', `${from} to ${to} is ${String(days)} days; a model trains on at most ${String(ML_LIMITS.trainingDays)} (twenty years): ask for a later body.from`, [
    { field: 'body.from', message: `starts more than ${String(ML_LIMITS.trainingDays)} days before body.to`, value: from },
  ]);

const nothingToRecalibrate = (id: string, architecture: ModelArchitecture): AppError =>
  new AppError('validation_error', 'NOT_RECALIBRATABLE', `Model ${id} is ${architecture}: it copies the latest prices each day and has nothing to recalibrate`, { id, architecture });

const nothingNewToLearn = (model: MlModelRecord, trainedTo: string, to: string): AppError =>
  new AppError('conflict', 'NOTHING_NEW_TO_LEARN', `“${model.name}” has learnt the days up to ${trainedTo}: there is nothing newer to recalibrate it on (asked up to ${to})`, {
    id: model.id,
    trainingTo: trainedTo,
    to,
  });

/**
 * Training jobs: a request is checked (hyperparameters against the kind's schema, the zone, the
 * days and their data) and its data read before it is accepted, so a bad one is refused at once
 * rather than queued to fail; then the model's row is created queued and the job runs in a worker
 * thread when its turn comes (TrainingQueue). Progress goes to the organisation as ml-training events.
 */
export class TrainingService {
  private readonly queue = new TrainingQueue();
  /** Models whose recalibration request is being checked and read, not yet queued. */
  private readonly preparing = new Set<string>();
  /** MLflow logging under way, awaited on close. */
  private readonly tracking = new Set<Promise<void>>();

  constructor(private readonly ml: MlContext) {}

  async train(caller: Caller, architecture: ModelArchitecture, body: TrainBody, context: RequestContext): Promise<TrainAccepted> {
    const { store, organizationId } = await this.ml.access.of(caller, 'analyst');
    const kind = this.ml.kind(architecture);
    const hyperparameters = checkedHyperparameters(kind, body.hyperparameters ?? {}, 'body.hyperparameters');
    const zone = this.ml.zone(body.zone, 'body.zone');
    const daysNeeded = kind.minimumTrainingDays(hyperparameters) + ML_LIMITS.validationDays;
    const range = await this.range(zone, body, daysNeeded);
    const days = dayCount(range.from, range.to);
    if (days < daysNeeded) throw trainingHistoryTooShort(zone.id, daysNeeded, days);
    if (days > ML_LIMITS.trainingDays) throw trainingSpanTooLong(range, days);
    const series = await assembleSeries(this.ml.read, { zone, first: range.from, last: range.to, forecastLastDay: false, exogenous: kind.readsExogenous(hyperparameters) ? 'available' : [] });
    const until = days - ML_LIMITS.validationDays;

    const now = this.ml.clock.now();
    const model: MlModelRecord = {
      id: randomUUID(),
      organizationId,
      name: body.name?.trim() ?? `${architecture} ${zone.id} ${range.to}`,
      architecture,
      zoneId: zone.id,
      status: 'queued',
      hyperparameters,
      trainingFrom: null,
      trainingTo: null,
      metrics: null,
      artifact: null,
      errorMessage: null,
      createdBy: caller.userId,
      trainedOn: this.ml.terminalId,
      createdAt: now,
      updatedAt: now,
    };
    await store.transaction(async (r) => {
      await r.mlModels.insert(model);
      await recordAudit(
        r,
        this.ml.clock,
        { ...actorOf(caller), organizationId, action: 'ml_model.train', resourceType: 'ml_model', resourceId: model.id, after: { name: model.name, architecture, zoneId: zone.id, from: range.from, to: range.to, hyperparameters } },
        context,
      );
    });
    const job = new TrainingJob({ jobId: randomUUID(), modelId: model.id, task: 'train', architecture, zoneId: zone.id, organizationId }, this.ml.clock);
    this.publish(job);
    this.queue.submit(
      queuedTraining(
        {
          job,
          name: model.name,
          kindsModule: this.ml.kinds.moduleUrl,
          hyperparameters,
          series,
          until,
          fittedFrom: new Date(dayStart(zone.timezone, series.dates[0]!)),
          fittedTo: new Date(dayStart(zone.timezone, series.dates[until]!)),
        },
        this.runDependencies(store),
      ),
    );
    return { jobId: job.identity.jobId, modelId: model.id };
  }

  /**
   * Moves a ready model on to the days since it was trained, as a job in the same queue: LEAR
   * refits its windows, a network takes a few passes over its newest days (RecalibrateBody).
   * Checked and read before it is accepted, as a training is; the model forecasts as it was
   * until the job ends, and is left as it was if it fails or is cancelled.
   */
  async recalibrate(caller: Caller, modelId: string, body: RecalibrateBody, context: RequestContext): Promise<TrainAccepted> {
    const { store, organizationId } = await this.ml.access.of(caller, 'analyst');
    const model = await modelOf(store, organizationId, modelId);
    const needs = this.ml.kind(model.architecture).recalibration;
    if (!needs) throw nothingToRecalibrate(model.id, model.architecture);
    const zone = this.ml.zone(model.zoneId, 'zoneId');
    const fitted = fittedDays(model, zone);
    if (model.status !== 'ready' || !fitted || !model.artifact) throw modelNotReady(model.id, model.status);
    const { artifact } = model;
    if (this.queue.jobOfModel(model.id) || this.preparing.has(model.id)) throw new AppError('conflict', 'JOB_UNDER_WAY', `Model ${model.id} has a job under way on this terminal; wait for it to end or cancel it`, { id: model.id });
    // Held from that check until the job is queued: two requests at once would both pass it across
    // the reads below, and the second job would overwrite the revision file the first moved the row to.
    this.preparing.add(model.id);
    try {
      const to = body.to === undefined ? undefined : checkedDay(body.to, 'body.to');
      const stored = await this.ml.storedDays(zone);
      const last = to ?? stored?.last;
      if (!stored || last === undefined || last <= fitted.to) throw nothingNewToLearn(model, fitted.to, last ?? 'no stored day');
      const { first, learntFrom, settings } = recalibrationDays(needs, { zoneId: zone.id, hyperparameters: model.hyperparameters, given: body.settings, last, storedFrom: stored.first });
      const file = await readModelFile(this.ml, model);
      const series = await assembleSeries(this.ml.read, { zone, first, last, forecastLastDay: false, exogenous: file.header.metrics.exogenous });

      const params = { trainingTo: last, learntFrom, ...(needs.by === 'settings' ? settings : {}) };
      await store.transaction((r) =>
        recordAudit(
          r,
          this.ml.clock,
          { ...actorOf(caller), organizationId, action: 'ml_model.recalibrate', resourceType: 'ml_model', resourceId: model.id, before: { trainingTo: fitted.to }, after: params },
          context,
        ),
      );
      const job = new TrainingJob({ jobId: randomUUID(), modelId: model.id, task: 'recalibrate', architecture: model.architecture, zoneId: zone.id, organizationId }, this.ml.clock);
      this.publish(job);
      this.queue.submit(
        queuedRecalibration(
          { job, kindsModule: this.ml.kinds.moduleUrl, file, from: artifact, series, settings, learntFrom, trainedTo: new Date(dayStart(zone.timezone, nextDay(last))), params },
          this.runDependencies(store),
        ),
      );
      return { jobId: job.identity.jobId, modelId: model.id };
    } finally {
      this.preparing.delete(model.id);
    }
  }

  async job(caller: Caller, jobId: string): Promise<TrainingJobStatus> {
    const { organizationId } = await this.ml.access.of(caller, 'viewer');
    return this.jobOf(organizationId, jobId).status();
  }

  async jobs(caller: Caller): Promise<TrainingJobList> {
    const { organizationId } = await this.ml.access.of(caller, 'viewer');
    return { jobs: this.queue.jobs().filter((job) => job.identity.organizationId === organizationId).map((job) => job.status()) };
  }

  /** Cancels a job and answers once it has ended: cancelled (or, had it just finished, how it finished). */
  async cancel(caller: Caller, jobId: string): Promise<TrainingJobStatus> {
    const { organizationId } = await this.ml.access.of(caller, 'analyst');
    const job = this.jobOf(organizationId, jobId);
    if (job.finished) throw new AppError('conflict', 'JOB_FINISHED', `Training job ${jobId} has ended already (${job.status().state})`, { id: jobId, state: job.status().state });
    await this.queue.cancel(jobId);
    return job.status();
  }

  /** Cancels the training of a model on this terminal, if one is under way, and waits for it to end. */
  async cancelModel(modelId: string): Promise<void> {
    const job = this.queue.jobOfModel(modelId);
    if (job) await this.queue.cancel(job.identity.jobId);
  }

  /**
   * A model left queued or training by this terminal when it stopped mid-way (a crash: a clean
   * stop cancels its jobs) can never finish: it is marked failed. Without a shared database this
   * terminal is the registry's only user, so that is every unfinished model; with one, only those
   * it was training (trained_on): another terminal may be training the rest.
   */
  async failInterrupted(): Promise<void> {
    const { primary, local } = this.ml.databases;
    try {
      const failed = await primary.mlModels.failUnfinished('The terminal stopped before this training ended', this.ml.clock.now(), primary === local ? undefined : this.ml.terminalId);
      if (failed > 0) this.ml.logger.warn({ failed }, 'Trainings interrupted when the terminal last stopped are marked failed');
    } catch (error) {
      // Start-up goes on: the models stay as they were, for a person to delete.
      this.ml.logger.warn({ err: error }, 'Trainings interrupted when the terminal last stopped could not be marked failed');
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    await Promise.all(this.tracking);
  }

  private jobOf(organizationId: string, jobId: string): TrainingJob {
    const job = this.queue.job(jobId);
    if (!job || job.identity.organizationId !== organizationId) throw jobNotFound(jobId);
    return job;
  }

  /** The days asked for; a day left out defaults to the zone's first or last stored day-ahead day. */
  private async range(zone: MarketZone, body: TrainBody, daysNeeded: number): Promise<{ from: string; to: string }> {
    if (body.from !== undefined && body.to !== undefined) return checkedDayRange(body.from, 'body.from', body.to, 'body.to');
    const span = await this.ml.storedDays(zone);
    if (!span) throw trainingHistoryTooShort(zone.id, daysNeeded, 0);
    return checkedDayRange(body.from ?? span.first, 'body.from', body.to ?? span.last, 'body.to');
  }

  /** What a queued job records its outcome with. */
  private runDependencies(store: Store): TrainingRunDependencies {
    const { mlflow } = this.ml;
    return { store, files: this.ml.files, clock: this.ml.clock, logger: this.ml.logger, publish: (j) => this.publish(j), track: mlflow ? (run) => this.track(mlflow.log(run)) : null };
  }

  private publish(job: TrainingJob): void {
    this.ml.events.publish('ml-training', job.status(), { kind: 'organization', organizationId: job.identity.organizationId });
  }

  private track(logging: Promise<void>): Promise<void> {
    this.tracking.add(logging);
    void logging.finally(() => this.tracking.delete(logging));
    return logging;
  }
}
