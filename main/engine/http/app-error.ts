import { statusOfErrorType, type ErrorEnvelope, type ErrorType, type FieldError } from '../../../shared/api/errors.js';

/** An error the engine means to show the caller: it becomes the error envelope as is. */
export class AppError extends Error {
  constructor(
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly details: FieldError[] | Record<string, unknown> | null = null,
    readonly statusCode: number = statusOfErrorType[type],
    /** Response headers that belong to the error, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { code: this.code, message: this.message, type: this.type, details: this.details } };
  }
}

export const notFound = (code: string, message: string, details: Record<string, unknown> | null = null): AppError =>
  new AppError('not_found', code, message, details);
