import type { ErrorEnvelope } from '../../../shared/api/errors.js';

/** A failed request, carrying the engine's own message, code and field errors when it sent the envelope. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    message: string,
    readonly code: string,
    readonly status: number | null,
    readonly details: ErrorEnvelope['error']['details'] = null,
  ) {
    super(message);
  }

  /**
   * The message of the field error for `field` (e.g. "body.newPassword"), if the engine named it
   * or a part of it: an item of a list field ("body.hyperparameters.calibrationWindows.1") is
   * shown at the list's input, as "item 2: …", since the form has no input of its own for it.
   */
  fieldMessage(field: string): string | null {
    if (!Array.isArray(this.details)) return null;
    const detail = this.details.find((d) => d.field === field || d.field.startsWith(`${field}.`));
    if (!detail) return null;
    const part = detail.field.slice(field.length + 1);
    if (part === '') return detail.message;
    return /^\d+$/.test(part) ? `item ${String(Number(part) + 1)}: ${detail.message}` : `${part}: ${detail.message}`;
  }
}

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' && 'code' in error && typeof error.code === 'string';
}

/** The body of a successful answer, or the ApiError a failed one means; shared by both transports. */
export function resultOf(path: string, status: number, body: unknown, okStatuses: readonly number[]): unknown {
  if (okStatuses.includes(status) || (okStatuses.length === 0 && status >= 200 && status < 300)) return body;
  if (isErrorEnvelope(body)) return throwError(new ApiError(body.error.message, body.error.code, status, body.error.details));
  return throwError(new ApiError(`The engine answered ${path} with HTTP ${status}`, `HTTP_${status}`, status));
}

const throwError = (error: ApiError): never => {
  throw error;
};

/** A message a person can act on, whatever was thrown. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
