import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import {
  CompareBody,
  Comparison,
  JobParams,
  ML_LIMITS,
  ModelInfo,
  ModelList,
  ModelListQuery,
  ModelParams,
  PredictBody,
  Prediction,
  PredictParams,
  RecalibrateBody,
  TrainAccepted,
  TrainBody,
  TrainingJobList,
  TrainingJobStatus,
  TrainParams,
} from '../../../../shared/api/ml.js';
import type { MlServices } from '../../ml/ml-services.js';
import { AppError } from '../app-error.js';
import { callerOf } from '../authenticate.js';
import { callerGone } from '../caller-gone.js';
import { contextOf } from '../request-context.js';

const security = [{ bearer: [] }];
const tags = ['ml'];
const MODEL_FILE_TYPE = 'application/octet-stream';

/** For a route whose body is optional: a request without one asks for the defaults, as `{}` does. */
const absentBodyIsEmpty = async (request: FastifyRequest): Promise<void> => {
  request.body ??= {};
};

/**
 * Forecasting: training jobs (their progress also as ml-training events), the organisation's
 * model registry, predictions of a delivery day, comparisons, and model files out and in.
 */
export const mlRoutes: FastifyPluginAsyncTypebox<{ ml: MlServices }> = async (app, { ml }) => {
  // A model file arrives as itself (curl --data-binary @model.optibid-model); only inside these routes.
  app.addContentTypeParser(MODEL_FILE_TYPE, { parseAs: 'buffer', bodyLimit: ML_LIMITS.importBytes }, (_request, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/ml/train/:architecture',
    {
      schema: {
        tags,
        summary: 'Start training a model of a zone; answers at once with the job, whose progress streams as ml-training events',
        security,
        params: TrainParams,
        body: TrainBody,
        response: { 202: TrainAccepted },
      },
    },
    async (request, reply) => reply.code(202).send(await ml.training.train(callerOf(request), request.params.architecture, request.body, contextOf(request))),
  );

  app.post(
    '/api/ml/models/:id/recalibrate',
    {
      schema: {
        tags,
        summary: 'Move a ready model on to the days since it was trained (LEAR refits its windows; a network takes a few passes over its newest days); answers at once with the job',
        description:
          'The model forecasts as it was until the job ends, then as moved (its trainingTo is the new last day); a recalibration that fails or is cancelled leaves it as it was. Progress streams as ml-training events with task "recalibrate".',
        security,
        params: ModelParams,
        body: RecalibrateBody,
        response: { 202: TrainAccepted },
      },
      preValidation: absentBodyIsEmpty,
    },
    async (request, reply) => reply.code(202).send(await ml.training.recalibrate(callerOf(request), request.params.id, request.body, contextOf(request))),
  );

  app.get('/api/ml/jobs', { schema: { tags, summary: 'The organisation’s training jobs on this terminal (kept in memory since it started)', security, response: { 200: TrainingJobList } } }, async (request) =>
    ml.training.jobs(callerOf(request)),
  );

  app.get('/api/ml/jobs/:id', { schema: { tags, summary: 'A training job’s latest progress', security, params: JobParams, response: { 200: TrainingJobStatus } } }, async (request) =>
    ml.training.job(callerOf(request), request.params.id),
  );

  app.post(
    '/api/ml/jobs/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a training job; answers once it has stopped (its model ends cancelled, no file written)',
        security,
        params: JobParams,
        body: Type.Object({}, { additionalProperties: false, description: 'Empty' }),
        response: { 200: TrainingJobStatus },
      },
      preValidation: absentBodyIsEmpty,
    },
    async (request) => ml.training.cancel(callerOf(request), request.params.id),
  );

  app.post(
    '/api/ml/predict/:architecture/:modelId',
    {
      schema: {
        tags,
        summary: 'Forecast a delivery day with a ready model (by default the zone’s next day); the forecast is stored',
        security,
        params: PredictParams,
        body: PredictBody,
        response: { 200: Prediction },
      },
      preValidation: absentBodyIsEmpty,
    },
    async (request, reply) => ml.predictions.predict(callerOf(request), request.params, request.body, callerGone(reply)),
  );

  app.get('/api/ml/models', { schema: { tags, summary: 'The organisation’s models, newest first', security, querystring: ModelListQuery, response: { 200: ModelList } } }, async (request) =>
    ml.registry.list(callerOf(request), request.query),
  );

  app.get('/api/ml/models/:id/info', { schema: { tags, summary: 'A model: architecture, hyperparameters, training days, metrics, file size and SHA-256', security, params: ModelParams, response: { 200: ModelInfo } } }, async (request) =>
    ml.registry.info(callerOf(request), request.params.id),
  );

  app.delete(
    '/api/ml/models/:id',
    { schema: { tags, summary: 'Delete a model, its predictions and its file; a training under way here is cancelled first', security, params: ModelParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await ml.registry.delete(callerOf(request), request.params.id, contextOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/ml/models/:id/export',
    {
      schema: {
        tags,
        summary: 'The model file (.optibid-model: a JSON header describing it, then the model), to import on another terminal',
        security,
        params: ModelParams,
        produces: [MODEL_FILE_TYPE],
        // Sent as bytes, never serialized: the schema documents it.
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The model file' }) },
      },
    },
    async (request, reply) => {
      const exported = await ml.registry.export(callerOf(request), request.params.id);
      return reply
        .header('content-type', MODEL_FILE_TYPE)
        .header('content-disposition', `attachment; filename="${exported.fileName}"`)
        .send(Buffer.from(exported.bytes.buffer, exported.bytes.byteOffset, exported.bytes.byteLength));
    },
  );

  app.post(
    '/api/ml/models/import',
    {
      bodyLimit: ML_LIMITS.importBytes,
      schema: {
        tags,
        summary: `Register a model file made by an export (${MODEL_FILE_TYPE}, at most ${String(ML_LIMITS.importBytes / 1024 / 1024)} MiB) as a ready model of the organisation`,
        security,
        consumes: [MODEL_FILE_TYPE],
        body: Type.Unknown({ description: 'The model file, as exported' }),
        response: { 201: ModelInfo },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('validation_error', 'UNSUPPORTED_MEDIA_TYPE', `Send the model file itself as ${MODEL_FILE_TYPE}`, null, 415);
      return reply.code(201).send(await ml.registry.import(callerOf(request), new Uint8Array(request.body), contextOf(request), callerGone(reply)));
    },
  );

  app.post(
    '/api/ml/compare',
    { schema: { tags, summary: 'Measure ready models of one zone on the same held-back days, with the Diebold-Mariano test of every pair', security, body: CompareBody, response: { 200: Comparison } } },
    async (request, reply) => ml.comparisons.compare(callerOf(request), request.body, callerGone(reply)),
  );
};
