import { Link } from 'react-router';
import { Panel } from '../../components/Panel.js';
import { useSession } from '../../state/session-store.js';

export function AccountSettings() {
  const user = useSession((state) => state.user);
  if (!user) return null;
  return (
    <Panel headingId="account-heading" title="Account">
      <div className="panel__body">
        <dl className="facts">
          <dt>Name</dt>
          <dd>{user.displayName}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Organisations</dt>
          <dd>{user.memberships.map((m) => `${m.organizationName} (${m.role})`).join(', ') || 'none'}</dd>
        </dl>
        <p>
          <Link to="/profile">Edit your name and organisations in your profile</Link>
        </p>
      </div>
    </Panel>
  );
}
