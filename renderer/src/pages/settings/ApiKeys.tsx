import { useCallback, useState, type FormEvent } from 'react';
import type { CreatedApiKey } from '../../../../shared/api/api-keys.js';
import type { Role } from '../../../../shared/api/auth.js';
import { engine } from '../../api/engine.js';
import { Field } from '../../components/Field.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { useAction } from '../../components/use-action.js';
import { useLoad } from '../../components/use-load.js';
import { formatDateTime } from '../../format.js';
import { toast } from '../../state/toast-store.js';

const ROLES: Role[] = ['viewer', 'analyst', 'trader', 'admin'];

/** The secret of a new key, shown this once with a copy button; it cannot be shown again. */
function NewKey({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  return (
    <div className="notice notice--info new-key" role="status" data-testid="new-api-key">
      <strong>Copy the key of “{created.name}” now: it is shown only this once.</strong>
      <code className="mono new-key__secret">{created.key}</code>
      <button type="button" className="button" onClick={() => void navigator.clipboard.writeText(created.key).then(() => toast('success', 'Key copied'))}>
        Copy
      </button>
      <button type="button" className="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}

export function ApiKeys() {
  const keys = useLoad(useCallback(() => engine.apiKeys(), []));
  const [form, setForm] = useState<{ name: string; role: Role; expiresInDays: string }>({ name: '', role: 'viewer', expiresInDays: '90' });
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [create, creating] = useAction(async () => {
    const days = Number(form.expiresInDays);
    setCreated(await engine.createApiKey({ name: form.name, role: form.role, ...(form.expiresInDays && Number.isFinite(days) ? { expiresInDays: days } : {}) }));
    setForm({ ...form, name: '' });
    keys.reload();
  });
  const [revoke, revoking] = useAction(async (id: string, name: string) => {
    await engine.revokeApiKey(id);
    toast('success', `Key “${name}” revoked`, 'Scripts using it are refused from now on.');
    keys.reload();
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create();
  };
  const active = keys.data?.apiKeys.filter((key) => !key.revokedAt) ?? [];

  return (
    <Panel headingId="api-keys-heading" title="API keys" aside="for scripts and tools of your organisation">
      {created && <NewKey created={created} onDone={() => setCreated(null)} />}
      <form className="panel__body form-row" onSubmit={onSubmit} noValidate>
        <Field label="Name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={creating.fieldError('body.name')} placeholder="e.g. nightly export" />
        <div className="field">
          <label htmlFor="api-key-role">Role</label>
          <select id="api-key-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <Field label="Expires in (days)" type="number" min={1} max={3650} value={form.expiresInDays} onChange={(e) => setForm({ ...form, expiresInDays: e.target.value })} error={creating.fieldError('body.expiresInDays')} />
        <button type="submit" className="button button--primary" disabled={creating.busy || !form.name.trim()}>
          Create key
        </button>
      </form>
      <FormError message={keys.error ?? creating.formError ?? revoking.formError} />
      {keys.data &&
        (active.length === 0 ? (
          <p className="panel__body muted">No active keys.</p>
        ) : (
          <table className="grid" aria-labelledby="api-keys-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {active.map((key) => (
                <tr key={key.id}>
                  <th scope="row">{key.name}</th>
                  <td className="mono">{key.prefix}…</td>
                  <td>{key.role}</td>
                  <td className="num">{formatDateTime(key.createdAt)}</td>
                  <td className="num">{key.expiresAt ? formatDateTime(key.expiresAt) : 'never'}</td>
                  <td className="actions">
                    <button type="button" className="button button--small button--danger" disabled={revoking.busy} onClick={() => revoke(key.id, key.name)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </Panel>
  );
}
