import { SITE_LIMITS, SiteBody, type Site } from '../../../../shared/api/sites.js';
import { siteProblems } from '../../../../shared/assets/asset-checks.js';
import { numberOf, readNumber } from './number-field.js';

/** The site form as typed: numbers stay text until they are checked. */
export interface SiteDraft {
  name: string;
  latitude: string;
  longitude: string;
  zoneId: string;
  gridCapacityMw: string;
}

export const newSiteDraft = (zoneId: string): SiteDraft => ({ name: '', latitude: '', longitude: '', zoneId, gridCapacityMw: '' });

export const siteDraftOf = (site: Site): SiteDraft => ({
  name: site.name,
  latitude: String(site.latitude),
  longitude: String(site.longitude),
  zoneId: site.zoneId,
  gridCapacityMw: String(site.gridCapacityMw),
});

/** The typed name's problem, in the engine's terms (it trims names too). */
export function nameProblem(name: string, maxLength: number): string | null {
  if (name.trim() === '') return 'is required';
  return name.trim().length > maxLength ? `must be at most ${String(maxLength)} characters` : null;
}

/**
 * What is wrong with the draft by the engine's field names ("body.gridCapacityMw"), so its own
 * field errors land in the same places; empty when the site can be sent.
 */
export function siteDraftProblems(draft: SiteDraft, zoneIds: ReadonlySet<string>): Record<string, string> {
  const problems: Record<string, string> = {};
  const name = nameProblem(draft.name, SITE_LIMITS.nameLength);
  if (name) problems['body.name'] = name;
  if (!zoneIds.has(draft.zoneId)) problems['body.zoneId'] = 'choose a zone';
  const { latitude, longitude, gridCapacityMw } = SiteBody.properties;
  for (const [field, read] of [
    ['latitude', readNumber(draft.latitude, latitude)],
    ['longitude', readNumber(draft.longitude, longitude)],
    ['gridCapacityMw', readNumber(draft.gridCapacityMw, gridCapacityMw)],
  ] as const) {
    if (read.problem !== null) problems[`body.${field}`] = read.problem;
  }
  const grid = readNumber(draft.gridCapacityMw, gridCapacityMw).value;
  for (const problem of grid === null ? [] : siteProblems({ gridCapacityMw: grid })) problems[problem.field] ??= problem.message;
  return problems;
}

/** The body to send for a draft without problems. */
export const siteBodyOf = (draft: SiteDraft): SiteBody => ({
  name: draft.name.trim(),
  latitude: numberOf(draft.latitude),
  longitude: numberOf(draft.longitude),
  zoneId: draft.zoneId,
  gridCapacityMw: numberOf(draft.gridCapacityMw),
});
