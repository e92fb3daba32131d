import { Fragment, useEffect, useState } from 'react';
import type { TrainingJobStatus } from '../../../../shared/api/ml.js';
import { engine } from '../../api/engine.js';
import { FormError } from '../../components/FormError.js';
import { useAction } from '../../components/use-action.js';
import { useNow } from '../../components/use-now.js';
import { formatDuration, formatPrice } from '../../format.js';
import { ARCHITECTURE_SHORT } from './architectures.js';
import { ModelStatusBadge } from './ModelStatusBadge.js';
import { isActive } from './use-training-jobs.js';

const lossFormat = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 });

const ENDED: Partial<Record<TrainingJobStatus['state'], string>> = { ready: 'Ready after', failed: 'Failed after', cancelled: 'Cancelled after' };

/**
 * The time left: one figure where every step runs; where early stopping may end training sooner,
 * from the soonest end (no further improvement) to the latest (every step).
 */
function etaText({ etaMs, etaSoonestMs }: TrainingJobStatus): string | null {
  if (etaMs === null) return null;
  const latest = formatDuration(etaMs / 1000);
  const soonest = etaSoonestMs === null ? latest : formatDuration(etaSoonestMs / 1000);
  return soonest === latest ? `ETA ${latest}` : `ETA ${soonest} – ${latest}`;
}

/** The job's facts, each one phrase: the line breaks between them, never inside one ("ETA 1 m / 25 s"). */
function progressFacts(job: TrainingJobStatus, currency: string): string[] {
  if (job.state === 'queued') return ['Waiting for the job before it to end'];
  const ended = ENDED[job.state];
  const parts = [
    job.epochs === null ? (job.state === 'training' ? 'Starting' : null) : `Step ${String(job.epoch)} / ${String(job.epochs)}`,
    job.loss === null ? null : `loss ${lossFormat.format(job.loss)}`,
    job.validationMae === null ? null : `validation MAE ${formatPrice(job.validationMae, currency)}`,
    `${ended ?? 'elapsed'} ${formatDuration(job.elapsedMs / 1000)}`,
    isActive(job) ? etaText(job) : null,
  ];
  return parts.filter((part): part is string => part !== null);
}

const TASK_WORDS: Record<TrainingJobStatus['task'], { tag: string | null; verb: string; progress: string }> = {
  train: { tag: null, verb: 'training', progress: 'Training progress' },
  recalibrate: { tag: 'recalibration', verb: 'recalibrating', progress: 'Recalibration progress' },
};

/** How often a running job's elapsed time and ETA move on between its statuses; an ended job's clock barely ticks. */
const TICK_MS = 1000;
const IDLE_TICK_MS = 3_600_000;

/**
 * The job as of now: while it trains, the time since its last status has moved its elapsed time
 * on and its ETA down (a long epoch reports nothing for minutes, and the figures would stand still).
 */
function useJobNow(job: TrainingJobStatus): TrainingJobStatus {
  const [received, setReceived] = useState(() => ({ job, at: Date.now() }));
  const now = useNow(job.state === 'training' ? TICK_MS : IDLE_TICK_MS);
  useEffect(() => setReceived({ job, at: Date.now() }), [job]);
  if (job.state !== 'training' || received.job !== job) return job;
  const since = Math.max(0, now - received.at);
  const left = (ms: number | null): number | null => (ms === null ? null : Math.max(0, ms - since));
  return { ...job, elapsedMs: job.elapsedMs + since, etaMs: left(job.etaMs), etaSoonestMs: left(job.etaSoonestMs) };
}

/** One training job (or recalibration): its state, a progress bar over its steps, the last step's loss and validation MAE, the time left, and Cancel while it runs. */
export function TrainingJobRow({ job: reported, name, currency }: { job: TrainingJobStatus; name: string; currency: string }) {
  const job = useJobNow(reported);
  const words = TASK_WORDS[job.task];
  const [cancel, cancelling] = useAction(async () => {
    await engine.cancelTraining(job.jobId);
  });
  const done = job.state === 'ready';
  // A model that reports no steps (the naive rule) shows an indeterminate bar while it trains.
  const max = done ? 1 : (job.epochs ?? undefined);
  const value = done ? 1 : job.epochs === null ? undefined : job.epoch;
  return (
    <li className="training-job" data-state={job.state}>
      <div className="training-job__head">
        <strong>{name}</strong>
        <span className="muted">
          {ARCHITECTURE_SHORT[job.architecture]}
          {words.tag && ` · ${words.tag}`}
        </span>
        <ModelStatusBadge status={job.state} />
        {isActive(job) && (
          <button type="button" className="button button--small button--danger training-job__cancel" onClick={() => cancel()} disabled={cancelling.busy} aria-label={`Cancel ${words.verb} ${name}`}>
            {cancelling.busy ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {job.state !== 'cancelled' && job.state !== 'failed' && <progress className="training-job__bar" max={max} value={value} aria-label={`${words.progress} of ${name}`} />}
      <p className="training-job__facts">
        {progressFacts(job, currency).map((fact, i) => (
          <Fragment key={fact.split(' ')[0]}>
            {i > 0 && ' · '}
            <span className="training-job__fact">{fact}</span>
          </Fragment>
        ))}
      </p>
      {job.error && <p className="form-error">{job.error}</p>}
      <FormError message={cancelling.formError} />
    </li>
  );
}
