import type { MarketZone } from '../../../shared/api/zones.js';
import type { FieldProblem } from '../../../shared/assets/asset-checks.js';
import { AppError, notFound } from '../http/app-error.js';

/** The errors sites and assets share, each naming the field or the resource at fault. */

/** The body's own problems as one 400: the first one's code, every problem in the details. */
export function invalidBody(problems: readonly FieldProblem[]): AppError {
  const [first] = problems;
  if (!first) throw new Error('invalidBody needs at least one problem');
  return new AppError(
    'validation_error',
    first.code,
    first.message,
    problems.map(({ field, message, value }) => ({ field, message, value })),
  );
}

export const invalidField = (code: string, field: string, message: string, value: unknown): AppError => invalidBody([{ code, field, message, value }]);

/** The zone a body names, from the catalogue; a 400 naming it when there is no such zone. */
export function zoneNamed(zones: ReadonlyMap<string, MarketZone>, id: string, field = 'body.zoneId'): MarketZone {
  const zone = zones.get(id);
  if (!zone) throw invalidField('ZONE_NOT_FOUND', field, `Market zone ${id} does not exist`, id);
  return zone;
}

export const resourceNotFound = (kind: 'site' | 'asset', id: string): AppError => notFound(`${kind.toUpperCase()}_NOT_FOUND`, `Your organisation has no ${kind} ${id}`, { id });

export const nameTaken = (kind: 'site' | 'asset', name: string): AppError =>
  new AppError('conflict', `${kind.toUpperCase()}_NAME_TAKEN`, `Your organisation has a ${kind} named “${name}” already`, [{ field: 'body.name', message: 'is taken', value: name }]);

/** A replacement made from an old version: the caller gets what is there now, to merge and retry. */
export const versionConflict = (kind: 'site' | 'asset', sent: number, current: { version: number }): AppError =>
  new AppError('conflict', 'VERSION_CONFLICT', `The ${kind} changed since version ${String(sent)}: it is at version ${String(current.version)} now`, {
    currentVersion: current.version,
    current,
  });
