import { recordAudit } from '../engine/audit/record.js';
import { systemClock } from '../engine/clock.js';
import type { EngineConfig } from '../engine/config/load.js';
import { StartupError } from '../engine/startup-error.js';
import { withPrimaryStore } from './primary-store.js';

/** `optibid audit verify`: walks the audit hash chain; exit code 1 at the first broken row. */
export async function auditVerify(config: EngineConfig, print: (line: string) => void): Promise<boolean> {
  return withPrimaryStore(config, async (store) => {
    const [rows, broken] = await Promise.all([store.audit.count(), store.audit.verify()]);
    if (broken) {
      print(`audit chain BROKEN at seq ${broken.seq} (id ${broken.id}): ${broken.reason === 'content_changed' ? 'the row was changed after it was written' : 'a row before it is missing, moved or changed'}`);
      return false;
    }
    print(`audit chain intact: ${rows} rows verified`);
    return true;
  });
}

/** `optibid admin grant EMAIL`: makes an existing user a platform administrator. */
export async function adminGrant(config: EngineConfig, email: string, print: (line: string) => void): Promise<void> {
  const clock = systemClock;
  await withPrimaryStore(config, async (store) => {
    const user = await store.transaction(async (r) => {
      const granted = await r.users.grantPlatformAdmin(email.trim().toLowerCase(), clock.now());
      if (!granted) throw new StartupError(`No account for ${email}`);
      // Done at the console, by the operator: recorded as a system action.
      await recordAudit(r, clock, { actorId: null, organizationId: null, action: 'admin.grant_platform_admin', resourceType: 'user', resourceId: granted.id, after: { isPlatformAdmin: true } }, { ip: null, userAgent: 'optibid admin grant', requestId: null });
      return granted;
    });
    print(`${user.email} is now a platform administrator`);
  });
}
