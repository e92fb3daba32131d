import { useState, type FormEvent } from 'react';
import { engine } from '../api/engine.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { Panel } from '../components/Panel.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../state/session-store.js';
import { toast } from '../state/toast-store.js';

function NameForm({ displayName }: { displayName: string }) {
  const [name, setName] = useState(displayName);
  const [submit, state] = useAction(async () => {
    useSession.getState().setUser(await engine.rename(name));
    toast('success', 'Name saved');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  return (
    <form className="form-row" onSubmit={onSubmit} noValidate>
      <Field label="Name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={state.fieldError('body.displayName')} />
      <button type="submit" className="button" disabled={state.busy || name.trim() === displayName}>
        Save
      </button>
      <FormError message={state.formError} />
    </form>
  );
}

function CreateOrganization() {
  const [name, setName] = useState('');
  const [submit, state] = useAction(async () => {
    const organization = await engine.createOrganization({ name });
    // The new organisation becomes the current one: a new access token carries it.
    useSession.getState().applyGrant(await engine.switchOrganization(organization.id));
    setName('');
    toast('success', `Created ${organization.name}`, 'You are its owner and now work in it.');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  return (
    <form className="form-row" onSubmit={onSubmit} noValidate>
      <Field label="New organisation" value={name} onChange={(e) => setName(e.target.value)} error={state.fieldError('body.name')} placeholder="Desk or company name" />
      <button type="submit" className="button" disabled={state.busy || !name.trim()}>
        Create
      </button>
      <FormError message={state.formError} />
    </form>
  );
}

export function Profile() {
  const user = useSession((state) => state.user);
  const [switchTo, switching] = useAction(async (organizationId: string) => {
    const grant = await engine.switchOrganization(organizationId);
    useSession.getState().applyGrant(grant);
    toast('info', 'Organisation switched', grant.user.memberships.find((m) => m.organizationId === organizationId)?.organizationName);
  });
  if (!user) return null;
  return (
    <div className="page-grid">
      <Panel headingId="profile-heading" title="Profile">
        <div className="panel__body">
          <dl className="facts">
            <dt>Email</dt>
            <dd>{user.email}</dd>
            <dt>Platform administrator</dt>
            <dd>{user.isPlatformAdmin ? 'yes' : 'no'}</dd>
          </dl>
          <NameForm key={user.displayName} displayName={user.displayName} />
        </div>
      </Panel>
      <Panel headingId="organisations-heading" title="Organisations and roles" aside={`${String(user.memberships.length)} organisation(s)`}>
        {user.memberships.length === 0 ? (
          <p className="panel__body muted">You are not in an organisation yet: create one below, or ask an administrator to add you to theirs.</p>
        ) : (
          <table className="grid" aria-labelledby="organisations-heading">
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Your role</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {user.memberships.map((membership) => {
                const current = membership.organizationId === user.currentOrganizationId;
                return (
                  <tr key={membership.organizationId}>
                    <th scope="row">{membership.organizationName}</th>
                    <td>{membership.role}</td>
                    <td className="actions">
                      {current ? (
                        <span className="badge badge--ok">current</span>
                      ) : (
                        <button type="button" className="button button--small" disabled={switching.busy} onClick={() => switchTo(membership.organizationId)}>
                          Switch to
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <div className="panel__body">
          <FormError message={switching.formError} />
          <CreateOrganization />
        </div>
      </Panel>
    </div>
  );
}
