import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorTypes, statusOfErrorType, type ErrorType, type FieldError } from '../../../shared/api/errors.js';
import type { DatabaseFailure } from '../db/databases.js';
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
    // The field that says which kind of body this is (an alert rule's `kind`) is missing or names no kind.
    if (e.keyword === 'discriminator') path.push(String(e.params.tag));
    const message = e.keyword === 'additionalProperties' ? 'is not an allowed field' : e.keyword === 'discriminator' ? 'is not one of the kinds allowed' : (e.message ?? 'is invalid');
    return { field: [prefix, ...path].join('.'), message };
  });
}

/** Handlers may throw anything; Fastify's own errors add a code, a status and validation details. */
type HandlerError = Error & Partial<Pick<FastifyError, 'code' | 'statusCode' | 'validation' | 'validationContext'>>;

/** Fastify's own request errors, renamed to this API's codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON_BODY',
};

/** The error type of a 4xx status: the inverse of statusOfErrorType, bad requests otherwise. */
function typeOfStatus(status: number): ErrorType {
  const match = ErrorTypes.find((type) => type !== 'validation_error' && statusOfErrorType[type] === status);
  return match ?? 'validation_error';
}

/** Fastify's internal codes are renamed or hidden; a plugin's own code is kept. */
function codeOf(code: string | undefined, type: ErrorType): string {
  if (code && !code.startsWith('FST_')) return code;
  return (code && FASTIFY_CODES[code]) ?? (type === 'validation_error' ? 'BAD_REQUEST' : type.toUpperCase());
}

/** Why the database failed a request, when it is its availability: unreachable, or reachable with no capacity now. */
export type DatabaseFailureOf = (error: unknown) => DatabaseFailure | null;

const DATABASE_ERRORS: Record<DatabaseFailure, () => AppError> = {
  unreachable: () => new AppError('service_unavailable', 'DATABASE_UNAVAILABLE', 'The database cannot be reached right now; try again shortly'),
  busy: () => new AppError('service_unavailable', 'DATABASE_BUSY', 'The database is reachable but has no capacity free right now; try again shortly'),
};

function toAppError(error: HandlerError, databaseFailureOf: DatabaseFailureOf): AppError {
  if (error instanceof AppError) return error;
  const databaseFailure = databaseFailureOf(error);
  if (databaseFailure) return DATABASE_ERRORS[databaseFailure]();
  if (error.validation) {
    const details = fieldErrors(error.validationContext, error.validation);
    const fields = details.map((d) => d.field).join(', ');
    return new AppError('validation_error', 'VALIDATION_FAILED', `Request is invalid: ${fields}`, details);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const type = typeOfStatus(status);
    return new AppError(type, codeOf(error.code, type), error.message, null, status);
  }
  return new AppError('internal_error', 'INTERNAL_ERROR', 'The terminal hit an unexpected error; it has been logged with the request id.', null, 500);
}

/** Every failure leaves as the one error envelope; unexpected ones are logged, never leaked. */
export function installErrorHandling(app: FastifyInstance, databaseFailureOf: DatabaseFailureOf = () => null): void {
  app.setErrorHandler((error: HandlerError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error, databaseFailureOf);
    if (appError.type === 'internal_error') request.log.error({ err: error }, 'request failed');
    else if (appError.statusCode >= 500) request.log.warn({ err: error, code: appError.code }, appError.message);
    else request.log.info({ code: appError.code, statusCode: appError.statusCode }, appError.message);
    return reply.code(appError.statusCode).headers(appError.headers).send(appError.toEnvelope());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new AppError('not_found', 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}; see /api/docs`);
    return reply.code(404).send(error.toEnvelope());
  });
}
