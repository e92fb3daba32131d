import { useCallback, useEffect, useRef, useState } from 'react';
import type { TrainingJobStatus } from '../../../../shared/api/ml.js';
import { engine } from '../../api/engine.js';
import { useLoad } from '../../components/use-load.js';
import { transport } from '../../transport/index.js';
import { onStreamReopen } from '../../transport/stream-reopen.js';

export const isActive = (job: Pick<TrainingJobStatus, 'state'>): boolean => job.state === 'queued' || job.state === 'training';

/**
 * The organisation's training jobs on this terminal: listed once (the engine keeps them in
 * memory since it started) and again whenever the event stream reopens, kept current between by
 * `ml-training` events, each the job's whole status. `onStateChange` hears a job that appears or changes state (not each step), which is
 * when the model list changes.
 */
export function useTrainingJobs(onStateChange: () => void): { jobs: TrainingJobStatus[]; error: string | null } {
  const listed = useLoad(useCallback(() => engine.trainingJobs(), []));
  const [live, setLive] = useState<ReadonlyMap<string, TrainingJobStatus>>(new Map());
  const liveRef = useRef(live);
  const notify = useRef(onStateChange);
  useEffect(() => {
    notify.current = onStateChange;
  });

  useEffect(
    () =>
      transport.subscribe('ml-training', (event) => {
        const job = event.data;
        const before = liveRef.current.get(job.jobId);
        // Events may arrive out of order across a reconnect: a step never overrides an end.
        if (before && !isActive(before) && isActive(job)) return;
        liveRef.current = new Map(liveRef.current).set(job.jobId, job);
        setLive(liveRef.current);
        if (before?.state !== job.state) notify.current();
      }),
    [],
  );

  // A job may have moved or ended while the stream was down (ml-training has no snapshot to catch
  // up with): the list is read again when it reopens, and the models with it.
  const { reload } = listed;
  useEffect(
    () =>
      onStreamReopen(() => {
        reload();
        notify.current();
      }),
    [reload],
  );

  const jobs = new Map((listed.data?.jobs ?? []).map((job) => [job.jobId, job]));
  for (const [id, job] of live) {
    const before = jobs.get(id);
    if (!before || isActive(before) || !isActive(job)) jobs.set(id, job);
  }
  return { jobs: [...jobs.values()], error: listed.error };
}
