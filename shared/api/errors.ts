import { Type, type Static } from '@sinclair/typebox';

/**
 * The one error envelope of the API. Every failure — validation, missing resource, conflict,
 * unavailable service, unexpected fault — answers `{ error: { code, message, type, details } }`
 * so the renderer, scripts and IPC callers handle errors in one place.
 */
export const ErrorTypes = [
  'validation_error',
  'authentication_error',
  'authorization_error',
  'not_found',
  'conflict',
  'rate_limited',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorType = (typeof ErrorTypes)[number];

export const FieldError = Type.Object(
  {
    field: Type.String({ description: 'Where the bad value is, e.g. "body.price" or "query.zone"' }),
    message: Type.String(),
    value: Type.Optional(Type.Unknown()),
    code: Type.Optional(Type.String({ description: 'Which rule the value breaks, when a field can break several (e.g. a bid’s PRICE_OUT_OF_LIMITS)' })),
  },
  { title: 'FieldError' },
);
export type FieldError = Static<typeof FieldError>;

export const ErrorEnvelope = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. ZONE_NOT_FOUND' }),
      message: Type.String({ description: 'What went wrong, for a person' }),
      type: Type.Union(ErrorTypes.map((t) => Type.Literal(t))),
      details: Type.Union([Type.Array(FieldError), Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    }),
  },
  { title: 'ErrorEnvelope', description: 'The error envelope every route answers with on failure' },
);
export type ErrorEnvelope = Static<typeof ErrorEnvelope>;

/** HTTP status that belongs to each error type; one table so routes never pick ad hoc. */
export const statusOfErrorType: Record<ErrorType, number> = {
  validation_error: 400,
  authentication_error: 401,
  authorization_error: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  service_unavailable: 503,
  internal_error: 500,
};
