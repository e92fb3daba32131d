import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ModelInfo, Prediction, TrainAccepted, TrainingJobStatus } from '../../shared/api/ml.js';
import type { Desk } from './desk.js';
import { eventually } from './eventually.js';

/**
 * The forecasting routes as a test drives them (as alice), each expecting the route's success
 * status. `deskOf` gives the desk when a call is made (a suite opens it in beforeAll).
 */
export function mlCalls(deskOf: () => Desk) {
  const call: Desk['call'] = (...args) => deskOf().call(...args);
  const job = async (jobId: string): Promise<TrainingJobStatus> => (await call('GET', `/api/ml/jobs/${jobId}`, 'alice')).json<TrainingJobStatus>();
  const ended = async (jobId: string): Promise<TrainingJobStatus> => {
    await eventually(async () => !['queued', 'training'].includes((await job(jobId)).state), `job ${jobId} to end`, 30_000);
    return job(jobId);
  };
  const accepted = async (url: string, body: object | undefined): Promise<TrainAccepted> => {
    const response = await call('POST', url, 'alice', body);
    expect(response.statusCode, response.body).toBe(202);
    return response.json<TrainAccepted>();
  };
  const train = (architecture: string, body: object): Promise<TrainAccepted> => accepted(`/api/ml/train/${architecture}`, body);
  return {
    job,
    ended,
    train,
    trained: async (architecture: string, body: object): Promise<string> => {
      const { jobId, modelId } = await train(architecture, body);
      expect((await ended(jobId)).state).toBe('ready');
      return modelId;
    },
    recalibrate: (modelId: string, body?: object): Promise<TrainAccepted> => accepted(`/api/ml/models/${modelId}/recalibrate`, body),
    predict: async (architecture: string, modelId: string, body?: object): Promise<Prediction> => {
      const response = await call('POST', `/api/ml/predict/${architecture}/${modelId}`, 'alice', body);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<Prediction>();
    },
    info: async (modelId: string): Promise<ModelInfo> => (await call('GET', `/api/ml/models/${modelId}/info`, 'alice')).json<ModelInfo>(),
    /** The files in the terminal's models folder, sorted. */
    modelFiles: async (): Promise<string[]> => (await readdir(join(deskOf().engine.config.dataDir, 'models')).catch(() => [])).sort(),
  };
}
