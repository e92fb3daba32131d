import type { TrainingJob } from './training-job.js';

/** A training the queue runs: its job, how to run it, and how to end it if it is cancelled before it starts. */
export interface QueuedTraining {
  job: TrainingJob;
  /** Trains and records the outcome; resolves once the job has ended, whatever the outcome. Aborting `signal` cancels it. */
  run(signal: AbortSignal): Promise<void>;
  /** Records a job cancelled while it waited; the job has ended when it resolves, and it never rejects. */
  cancelWaiting(): Promise<void>;
}

interface Entry {
  training: QueuedTraining;
  abort: AbortController;
  /** Settles once the job has ended. */
  ended: Promise<void>;
  markEnded: () => void;
}

/** Finished jobs kept for GET /api/ml/jobs/{id}; their models keep the outcome for good. */
const FINISHED_KEPT = 100;

/**
 * Training jobs of this terminal, run one at a time in submission order. One at a time because
 * a training takes a core to itself for minutes (a network's epochs, LEAR's fits) and a desktop
 * has two or four: with one training, the other core stays with the terminal (prices, bids, the
 * UI); two trainings at once would each take twice as long and starve it.
 */
export class TrainingQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: Entry[] = [];
  private running: Entry | null = null;
  private closed = false;

  /** Queues a training; once the queue is closed (the terminal stopping while a request was under way) it is cancelled at once. */
  submit(training: QueuedTraining): void {
    let markEnded = (): void => undefined;
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    const entry: Entry = { training, abort: new AbortController(), ended, markEnded };
    this.entries.set(training.job.identity.jobId, entry);
    this.waiting.push(entry);
    if (this.closed) void this.cancel(training.job.identity.jobId);
    else this.next();
  }

  job(jobId: string): TrainingJob | null {
    return this.entries.get(jobId)?.training.job ?? null;
  }

  jobs(): TrainingJob[] {
    return [...this.entries.values()].map((entry) => entry.training.job);
  }

  /** The unfinished job training a model, if any. */
  jobOfModel(modelId: string): TrainingJob | null {
    return this.jobs().find((job) => job.identity.modelId === modelId && !job.finished) ?? null;
  }

  /** Cancels a job (waiting: at once; running: at its next step) and resolves once it has ended. */
  async cancel(jobId: string): Promise<void> {
    const entry = this.entries.get(jobId);
    if (!entry) return;
    const index = this.waiting.indexOf(entry);
    if (index >= 0) {
      this.waiting.splice(index, 1);
      try {
        await entry.training.cancelWaiting();
      } finally {
        entry.markEnded();
      }
    } else {
      entry.abort.abort();
    }
    await entry.ended;
  }

  /** Cancels every job, waiting and running, and resolves once all have ended. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.waiting, ...(this.running ? [this.running] : [])].map((entry) => this.cancel(entry.training.job.identity.jobId)));
  }

  private next(): void {
    if (this.running) return;
    const entry = this.waiting.shift();
    if (!entry) return;
    this.running = entry;
    void entry.training
      .run(entry.abort.signal)
      .finally(() => {
        entry.markEnded();
        this.running = null;
        this.forgetOldest();
        this.next();
      });
  }

  private forgetOldest(): void {
    const finished = [...this.entries.entries()].filter(([, entry]) => entry.training.job.finished);
    for (const [jobId] of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.entries.delete(jobId);
  }
}
