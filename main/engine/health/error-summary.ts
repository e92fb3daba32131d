import type { ServiceError } from '../../../shared/api/health.js';

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  cause?: unknown;
  errors?: unknown[];
}

/**
 * Turns whatever a client library threw into { type, message }: the errno-style code where
 * there is one (ECONNREFUSED, ETIMEDOUT), otherwise the error's class. fetch and pg wrap the
 * socket error in `cause` or an AggregateError, so those are looked into.
 */
export function summariseError(error: unknown, at: Date): ServiceError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const inner = [e.cause, ...(e.errors ?? [])].find((x): x is ErrorLike => typeof x === 'object' && x !== null);
  const type = e.code ?? inner?.code ?? e.name ?? 'Error';
  const parts = [e.message, inner?.message].filter((m): m is string => typeof m === 'string' && m.length > 0);
  const message = [...new Set(parts)].join(': ');
  return { type, message: message || type, at: at.toISOString() };
}
