import type { ModelArchitecture, ModelStatus, TrainingJobStatus, TrainingTask } from '../../../../shared/api/ml.js';
import type { Clock } from '../../clock.js';
import type { TrainingStep } from '../forecaster.js';
import type { TrainingRunRecord } from '../tracking/mlflow-runs.js';

export interface TrainingJobIdentity {
  jobId: string;
  modelId: string;
  task: TrainingTask;
  architecture: ModelArchitecture;
  zoneId: string;
  organizationId: string;
}

/**
 * One training job's progress as this terminal knows it (a training, or a recalibration of a
 * ready model): queued, then training (each step the worker reports), then its end. The ETA is
 * the time left if every step runs, at the pace of the steps since the first (the first also
 * carries the worker's start and the data's preparation, seconds a step does not take).
 */
export class TrainingJob {
  private state: ModelStatus = 'queued';
  private startedAt: number | null = null;
  private endedAt: number | null = null;
  private lastStep: TrainingStep | null = null;
  private firstStepAt: number | null = null;
  private lastStepAt: number | null = null;
  private error: string | null = null;
  /** Every step reported, for the run's record (MLflow). */
  readonly steps: TrainingStep[] = [];

  constructor(
    readonly identity: TrainingJobIdentity,
    private readonly clock: Clock,
  ) {}

  get finished(): boolean {
    return this.state !== 'queued' && this.state !== 'training';
  }

  start(): void {
    this.state = 'training';
    this.startedAt = this.clock.now().getTime();
  }

  step(step: TrainingStep): void {
    const at = this.clock.now().getTime();
    this.firstStepAt ??= at;
    this.lastStepAt = at;
    this.lastStep = step;
    this.steps.push(step);
  }

  /**
   * Time left until the end of step `last`, at the pace of the steps so far, less what the step
   * under way has run already; null before a step has ended or once the job is over (0 when ready).
   */
  private timeLeftMs(now: number, last: (step: TrainingStep) => number): number | null {
    const step = this.lastStep;
    if (this.state === 'ready') return 0;
    if (this.state !== 'training' || !step || step.epoch === 0 || this.startedAt === null || this.firstStepAt === null || this.lastStepAt === null) return null;
    const msPerStep = step.epoch > 1 ? (this.lastStepAt - this.firstStepAt) / (step.epoch - 1) : this.lastStepAt - this.startedAt;
    return Math.max(0, Math.round(msPerStep * Math.max(0, last(step) - step.epoch) - (now - this.lastStepAt)));
  }

  end(state: Extract<ModelStatus, 'ready' | 'failed' | 'cancelled'>, error: string | null = null): void {
    this.state = state;
    this.error = error;
    this.endedAt = this.clock.now().getTime();
  }

  /** The job as its run is recorded (MLflow), once it has ended; null before. */
  runRecord(run: Pick<TrainingRunRecord, 'name' | 'params' | 'heldBack' | 'startedAt'>): TrainingRunRecord | null {
    const { state } = this;
    if (state !== 'ready' && state !== 'failed' && state !== 'cancelled') return null;
    const { task, modelId, architecture, zoneId } = this.identity;
    return { ...run, task, modelId, architecture, zoneId, steps: this.steps, outcome: state, endedAt: this.endedAt ?? this.clock.now().getTime() };
  }

  status(): TrainingJobStatus {
    const { jobId, modelId, task, architecture, zoneId } = this.identity;
    const now = this.clock.now().getTime();
    const elapsedMs = this.startedAt === null ? 0 : Math.max(0, (this.endedAt ?? now) - this.startedAt);
    const step = this.lastStep;
    const etaMs = this.timeLeftMs(now, (last) => last.epochs);
    // Without early stopping every step runs: the soonest end is the end.
    const etaSoonestMs = this.timeLeftMs(now, (last) => last.stopsAfter ?? last.epochs);
    return {
      jobId,
      modelId,
      task,
      architecture,
      zoneId,
      state: this.state,
      epoch: step?.epoch ?? 0,
      epochs: step?.epochs ?? null,
      loss: step?.loss ?? null,
      validationMae: step?.validationMae ?? null,
      elapsedMs,
      etaMs,
      etaSoonestMs,
      error: this.error,
    };
  }
}
