import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { PAGES } from '../pages/page-list.js';
import { useSession } from '../state/session-store.js';
import { useUi } from '../state/ui-store.js';

/** Brand, the jump-to search (pages now; zones, assets and bids as their issues land) and who is signed in. */
export function Header() {
  const navigate = useNavigate();
  const user = useSession((state) => state.user);
  const signOut = useSession((state) => state.signOut);
  const focusRequest = useUi((state) => state.searchFocusRequest);
  const search = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  useEffect(() => {
    if (focusRequest > 0) search.current?.focus();
  }, [focusRequest]);

  const organization = user?.memberships.find((membership) => membership.organizationId === user.currentOrganizationId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = query.trim().toLowerCase();
    const match = PAGES.find((entry) => entry.label.toLowerCase().startsWith(wanted));
    if (!wanted || !match) return;
    void navigate(match.path);
    setQuery('');
    search.current?.blur();
  };

  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand__name">OptiBid Terminal</span>
      </div>
      <form className="search" role="search" onSubmit={submit}>
        <input
          ref={search}
          type="search"
          list="search-targets"
          placeholder="Jump to…  ( / )"
          aria-label="Jump to a page"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') event.currentTarget.blur();
          }}
        />
        <datalist id="search-targets">
          {PAGES.map((entry) => (
            <option key={entry.page} value={entry.label} />
          ))}
        </datalist>
      </form>
      <div className="who">
        <span className="who__name" data-testid="signed-in-user">
          {user?.displayName}
        </span>
        <span className="who__org">{organization ? `${organization.organizationName} · ${organization.role}` : 'no organisation'}</span>
        <button type="button" className="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
