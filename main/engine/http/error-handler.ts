import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../../shared/api/errors.js';
import { AppError } from './app-error.js';

interface AjvError {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

const CONTEXT_NAMES: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** ajv errors to one entry per bad field, named as the caller wrote it: body.price, query.zone. */
export function fieldErrors(context: string | undefined, errors: readonly AjvError[]): FieldError[] {
  const prefix = CONTEXT_NAMES[context ?? 'body'] ?? context ?? 'body';
  return errors.map((e) => {
    const path = e.instancePath.split('/').filter(Boolean);
    if (e.keyword === 'required') path.push(String(e.params.missingProperty));
    if (e.keyword === 'additionalProperties') path.push(String(e.params.additionalProperty));
    const message = e.keyword === 'additionalProperties' ? 'is not an allowed field' : (e.message ?? 'is invalid');
    return { field: [prefix, ...path].join('.'), message };
  });
}

/** Handlers may throw anything; Fastify's own errors add a code, a status and validation details. */
type HandlerError = Error & Partial<Pick<FastifyError, 'code' | 'statusCode' | 'validation' | 'validationContext'>>;

function toAppError(error: HandlerError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const details = fieldErrors(error.validationContext, error.validation);
    const fields = details.map((d) => d.field).join(', ');
    return new AppError('validation_error', 'VALIDATION_FAILED', `Request is invalid: ${fields}`, details);
  }
  const status = error.statusCode ?? 500;
  if (status === 415) return new AppError('validation_error', 'UNSUPPORTED_MEDIA_TYPE', error.message, null, 415);
  if (status === 413) return new AppError('validation_error', 'PAYLOAD_TOO_LARGE', error.message, null, 413);
  if (status >= 400 && status < 500) return new AppError('validation_error', error.code ?? 'BAD_REQUEST', error.message, null, status);
  return new AppError('internal_error', 'INTERNAL_ERROR', 'The terminal hit an unexpected error; it has been logged with the request id.', null, 500);
}

/** Every failure leaves as the one error envelope; unexpected ones are logged, never leaked. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: HandlerError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, statusCode: appError.statusCode }, appError.message);
    return reply.code(appError.statusCode).send(appError.toEnvelope());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new AppError('not_found', 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}; see /api/docs`);
    return reply.code(404).send(error.toEnvelope());
  });
}
