import { useCallback, useState, type FormEvent } from 'react';
import { passwordProblems } from '../../../../shared/auth/password-policy.js';
import { engine } from '../../api/engine.js';
import { Field } from '../../components/Field.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useAction } from '../../components/use-action.js';
import { useLoad } from '../../components/use-load.js';
import { formatDateTime } from '../../format.js';
import { useSession } from '../../state/session-store.js';
import { toast } from '../../state/toast-store.js';
import { ApiKeys } from './ApiKeys.js';

function ChangePassword() {
  const email = useSession((state) => state.user?.email);
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  // The same policy the engine applies, shown while typing; the engine still has the last word.
  const problems = form.newPassword ? passwordProblems(form.newPassword, email ? { email } : {}) : [];
  const mismatch = form.repeat !== '' && form.repeat !== form.newPassword;
  const [submit, state] = useAction(async () => {
    await engine.changePassword({ currentPassword: form.currentPassword, newPassword: form.newPassword });
    setForm({ currentPassword: '', newPassword: '', repeat: '' });
    toast('success', 'Password changed', 'Your other sessions were signed out.');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  return (
    <Panel headingId="password-heading" title="Change password">
      <form className="panel__body form-stack" onSubmit={onSubmit} noValidate>
        <Field label="Current password" type="password" autoComplete="current-password" value={form.currentPassword} onChange={(e) => setForm({ ...form, currentPassword: e.target.value })} error={state.fieldError('body.currentPassword')} />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          value={form.newPassword}
          onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
          error={state.fieldError('body.newPassword') ?? (problems.length > 0 ? problems.join(' ') : null)}
        />
        <Field label="Repeat new password" type="password" autoComplete="new-password" value={form.repeat} onChange={(e) => setForm({ ...form, repeat: e.target.value })} error={mismatch ? 'The two new passwords differ' : null} />
        <FormError message={state.formError} />
        <button type="submit" className="button button--primary" disabled={state.busy || !form.currentPassword || problems.length > 0 || mismatch || form.repeat === ''}>
          Change password
        </button>
      </form>
    </Panel>
  );
}

function Sessions() {
  const sessions = useLoad(useCallback(() => engine.sessions(), []));
  const [revoke, state] = useAction(async (id: string) => {
    await engine.revokeSession(id);
    toast('success', 'Session signed out');
    sessions.reload();
  });
  return (
    <Panel headingId="sessions-heading" title="Active sessions" aside={sessions.data ? `${String(sessions.data.sessions.length)} active` : undefined}>
      <FormError message={sessions.error ?? state.formError} />
      {sessions.data && (
        <table className="grid" aria-labelledby="sessions-heading">
          <thead>
            <tr>
              <th scope="col">Signed in</th>
              <th scope="col">Last used</th>
              <th scope="col">Device</th>
              <th scope="col">Address</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {sessions.data.sessions.map((session) => (
              <tr key={session.id}>
                <td className="num">{formatDateTime(session.createdAt)}</td>
                <td className="num">{formatDateTime(session.lastUsedAt)}</td>
                <td className="cell-clip" title={session.userAgent ?? undefined}>
                  {session.userAgent ?? '—'}
                </td>
                <td className="mono">{session.ip ?? '—'}</td>
                <td className="actions">
                  {session.current ? (
                    <span className="badge badge--ok">this session</span>
                  ) : (
                    <button type="button" className="button button--small button--danger" disabled={state.busy} onClick={() => revoke(session.id)}>
                      Sign out
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

export function SecuritySettings() {
  return (
    <div className="page-grid">
      <ChangePassword />
      <Sessions />
      <ApiKeys />
    </div>
  );
}
