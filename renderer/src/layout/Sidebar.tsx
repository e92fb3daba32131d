import { NavLink } from 'react-router';
import { PAGES } from '../pages/page-list.js';

export function Sidebar() {
  return (
    <nav className="sidebar" aria-label="Pages">
      <ul>
        {PAGES.map((entry) => (
          <li key={entry.page}>
            <NavLink to={entry.path} className={({ isActive }) => (isActive ? 'sidebar__link sidebar__link--active' : 'sidebar__link')}>
              <span>{entry.label}</span>
              <kbd className="sidebar__key" aria-hidden="true">
                g {entry.key}
              </kbd>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
