import type { FeatureFlagRepository } from '../db/repositories/feature-flag-repository.js';

/**
 * Feature flags as the engine reads them at runtime: an organisation's own setting wins over
 * the global one; a flag nobody set is off. Read from the database each time, so a change by
 * an administrator applies at once on every terminal of the floor.
 */
export class FeatureFlags {
  constructor(private readonly flags: () => FeatureFlagRepository) {}

  async isEnabled(key: string, organizationId: string | null): Promise<boolean> {
    return (await this.flags().resolve(key, organizationId))?.enabled ?? false;
  }
}
