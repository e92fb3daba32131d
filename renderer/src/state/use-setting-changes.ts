import { useEffect } from 'react';
import type { OrganizationSettingKey } from '../../../shared/api/organizations.js';
import { transport } from '../transport/index.js';
import { onStreamReopen } from '../transport/stream-reopen.js';

/**
 * Calls `reload` when an owner or admin changes the organisation's `setting` (here or at another
 * terminal), and when the event stream reopens: the topic has no snapshot, so a change made
 * while it was down is caught up by reading the setting again.
 */
export function useSettingChanges(setting: OrganizationSettingKey, reload: () => void): void {
  useEffect(() => {
    const stopEvents = transport.subscribe('organization-setting', (event) => {
      if (event.data.setting === setting) reload();
    });
    const stopConnection = onStreamReopen(reload);
    return () => {
      stopEvents();
      stopConnection();
    };
  }, [setting, reload]);
}
