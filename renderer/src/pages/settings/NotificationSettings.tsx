import { useCallback, useState } from 'react';
import type { NotificationKind, NotificationPreferences } from '../../../../shared/api/notifications.js';
import { engine } from '../../api/engine.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useAction } from '../../components/use-action.js';
import { useLoad } from '../../components/use-load.js';
import { toast } from '../../state/toast-store.js';

const KINDS: { kind: NotificationKind; label: string; detail: string }[] = [
  { kind: 'marketAlerts', label: 'Market alerts', detail: 'Your price, spread and data-gap rules firing' },
  { kind: 'bidUpdates', label: 'Bid updates', detail: 'Submitted, accepted, rejected or expired bids of your organisation' },
  { kind: 'syncConflicts', label: 'Sync conflicts', detail: 'A draft changed here and on the server while offline' },
  { kind: 'system', label: 'System', detail: 'Database offline or back, updates, password resets to hand on' },
];

function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const [preferences, setPreferences] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [save, state] = useAction(async () => {
    setSaved(await engine.saveNotificationPreferences(preferences));
    toast('success', 'Notification preferences saved');
  });
  const toggle = (kind: NotificationKind, channel: 'toast' | 'sound') => setPreferences({ ...preferences, [kind]: { ...preferences[kind], [channel]: !preferences[kind][channel] } });
  const changed = JSON.stringify(preferences) !== JSON.stringify(saved);
  return (
    <>
      <table className="grid" aria-labelledby="notifications-heading">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Toast</th>
            <th scope="col">Sound</th>
          </tr>
        </thead>
        <tbody>
          {KINDS.map(({ kind, label, detail }) => (
            <tr key={kind}>
              <th scope="row">
                {label}
                <span className="row-detail">{detail}</span>
              </th>
              <td>
                <input type="checkbox" aria-label={`${label}: toast`} checked={preferences[kind].toast} onChange={() => toggle(kind, 'toast')} />
              </td>
              <td>
                <input type="checkbox" aria-label={`${label}: sound`} checked={preferences[kind].sound} onChange={() => toggle(kind, 'sound')} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="panel__body">
        <FormError message={state.formError} />
        <button type="button" className="button button--primary" disabled={!changed || state.busy} onClick={() => save()}>
          Save preferences
        </button>
      </div>
    </>
  );
}

export function NotificationSettings() {
  const loaded = useLoad(useCallback(() => engine.notificationPreferences(), []));
  return (
    <Panel headingId="notifications-heading" title="Notifications" aside="kept with your account, on every terminal">
      <FormError message={loaded.error} />
      {loaded.data && <PreferencesForm initial={loaded.data} />}
    </Panel>
  );
}
