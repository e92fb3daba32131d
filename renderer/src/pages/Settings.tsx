import { NavLink, Navigate, useParams } from 'react-router';
import { AccountSettings } from './settings/AccountSettings.js';
import { ConnectionSettings } from './settings/ConnectionSettings.js';
import { NotificationSettings } from './settings/NotificationSettings.js';
import { OrganizationSettings } from './settings/OrganizationSettings.js';
import { SecuritySettings } from './settings/SecuritySettings.js';

const SECTIONS = [
  { id: 'account', label: 'Account', Component: AccountSettings },
  { id: 'security', label: 'Security', Component: SecuritySettings },
  { id: 'notifications', label: 'Notifications', Component: NotificationSettings },
  { id: 'organization', label: 'Organisation', Component: OrganizationSettings },
  { id: 'connection', label: 'Connection', Component: ConnectionSettings },
] as const;

export function Settings() {
  const { section } = useParams();
  const current = SECTIONS.find((entry) => entry.id === section);
  if (!current) return <Navigate to="/settings/account" replace />;
  return (
    <>
      <nav className="tabs" aria-label="Settings sections">
        {SECTIONS.map((entry) => (
          <NavLink key={entry.id} to={`/settings/${entry.id}`} className={({ isActive }) => (isActive ? 'tab tab--active' : 'tab')}>
            {entry.label}
          </NavLink>
        ))}
      </nav>
      <current.Component />
    </>
  );
}
