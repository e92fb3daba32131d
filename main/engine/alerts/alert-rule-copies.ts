import type { ProbedStores } from '../db/databases.js';
import type { Store } from '../db/store.js';

/** The copy under way on each cache: copies run one after another, so an older snapshot never lands after a newer one. */
const copying = new WeakMap<Store, Promise<unknown>>();

/**
 * Makes the local cache's alert rules of these users the shared database's: a terminal started
 * while the shared database is out of reach still watches and lists the rules of the traders who
 * signed in on it. The cache refresh copies every cached user's (no `userIds`); a change made here
 * copies its owner's at once. Users not cached here (an API key's owner who never signed in here) are
 * skipped: the cache has no row for their rules to belong to. A rule's organisation not cached
 * here is copied as none (it only says where the rule was made). Returns the number of rules copied.
 */
export function copyAlertRules(databases: Pick<ProbedStores, 'primary' | 'local'>, userIds?: readonly string[]): Promise<number> {
  const { local } = databases;
  const copy = (copying.get(local) ?? Promise.resolve()).catch(() => undefined).then(() => copyNow(databases, userIds));
  copying.set(local, copy);
  return copy;
}

async function copyNow({ primary, local }: Pick<ProbedStores, 'primary' | 'local'>, userIds: readonly string[] | undefined): Promise<number> {
  if (primary === local) return 0;
  const cachedUsers = new Set((await local.sql.all<{ id: string }>('SELECT id FROM users')).map((user) => user.id));
  const users = userIds === undefined ? [...cachedUsers] : userIds.filter((id) => cachedUsers.has(id));
  const rules = (await Promise.all(users.map((id) => primary.alertRules.listOf(id)))).flat();
  const cachedOrganizations = new Set((await local.sql.all<{ id: string }>('SELECT id FROM organizations')).map((organization) => organization.id));
  const copies = rules.map((rule) => (rule.organizationId === null || cachedOrganizations.has(rule.organizationId) ? rule : { ...rule, organizationId: null }));
  await local.transaction((r) => r.alertRules.replaceAllOf(users, copies));
  return copies.length;
}
