import { Value } from '@sinclair/typebox/value';
import { BidWarningThresholds, DEFAULT_BID_WARNING_THRESHOLDS } from '../../../shared/api/bids.js';
import { recordAudit, type RequestContext } from '../audit/record.js';
import type { Caller } from '../auth/caller.js';
import type { Clock } from '../clock.js';
import type { Repositories } from '../db/repositories/index.js';
import type { Store } from '../db/store.js';
import { memberOf } from './bid-member.js';

/** The key of organizations.settings that holds the fat-finger thresholds. */
export const THRESHOLDS_SETTING = 'bidWarningThresholds';

/** The organisation's thresholds; the defaults when none (or none valid) are stored. */
export async function thresholdsOf(r: Pick<Repositories, 'organizations'>, organizationId: string): Promise<BidWarningThresholds> {
  const stored = (await r.organizations.settings(organizationId))[THRESHOLDS_SETTING];
  return Value.Check(BidWarningThresholds, stored) ? stored : DEFAULT_BID_WARNING_THRESHOLDS;
}

/** The organisation's fat-finger thresholds: every member reads them, owners and admins set them. */
export class BidWarningThresholdService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller): Promise<BidWarningThresholds> {
    const member = await memberOf(this.store, caller, 'viewer');
    return thresholdsOf(this.store, member.organizationId);
  }

  async set(caller: Caller, thresholds: BidWarningThresholds, request: RequestContext): Promise<BidWarningThresholds> {
    const member = await memberOf(this.store, caller, 'admin');
    await this.store.transaction(async (r) => {
      const before = await thresholdsOf(r, member.organizationId);
      await r.organizations.putSetting(member.organizationId, THRESHOLDS_SETTING, thresholds, this.clock.now());
      await recordAudit(r, this.clock, { ...member.audit, organizationId: member.organizationId, action: 'bid_warning_thresholds.update', resourceType: 'organization', resourceId: member.organizationId, before: { ...before }, after: { ...thresholds } }, request);
    });
    return thresholds;
  }
}
