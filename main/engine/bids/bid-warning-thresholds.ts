import { BidWarningThresholds, DEFAULT_BID_WARNING_THRESHOLDS } from '../../../shared/api/bids.js';
import type { Repositories } from '../db/repositories/index.js';
import { settingOf, type OrganizationSetting } from '../organizations/organization-setting.js';

/** The organisation's fat-finger thresholds: every member reads them, owners and admins set them. */
export const BID_WARNING_THRESHOLDS: OrganizationSetting<typeof BidWarningThresholds> = {
  key: 'bidWarningThresholds',
  schema: BidWarningThresholds,
  fallback: DEFAULT_BID_WARNING_THRESHOLDS,
  auditAction: 'bid_warning_thresholds',
};

/** The organisation's thresholds; the defaults when none (or none valid) are stored. */
export const thresholdsOf = (r: Pick<Repositories, 'organizations'>, organizationId: string): Promise<BidWarningThresholds> => settingOf(r, organizationId, BID_WARNING_THRESHOLDS);
