import type { Databases } from '../db/databases.js';

/**
 * Makes the local cache's alert rules of these users the shared database's: a terminal started
 * while the shared database is out of reach still watches and lists the rules of the traders who
 * signed in on it. The cache refresh copies every cached user's; a change made here copies its
 * owner's at once. A rule's organisation not cached here is copied as none (it only says where
 * the rule was made). Returns the number of rules copied.
 */
export async function copyAlertRules(databases: Pick<Databases, 'primary' | 'local'>, userIds: readonly string[]): Promise<number> {
  const { primary, local } = databases;
  if (primary === local) return 0;
  const rules = (await Promise.all(userIds.map((id) => primary.alertRules.listOf(id)))).flat();
  const cachedOrganizations = new Set((await local.sql.all<{ id: string }>('SELECT id FROM organizations')).map((organization) => organization.id));
  const copies = rules.map((rule) => (rule.organizationId === null || cachedOrganizations.has(rule.organizationId) ? rule : { ...rule, organizationId: null }));
  await local.transaction((r) => r.alertRules.replaceAllOf(userIds, copies));
  return copies.length;
}
