import { useLocation } from 'react-router';
import { PAGES } from '../pages/page-list.js';

/** The honest state of a page whose content arrives with a later issue. */
export function ComingLater() {
  const { pathname } = useLocation();
  const entry = PAGES.find((page) => pathname.startsWith(page.path));
  if (!entry?.comingWith) return null;
  return (
    <section className="panel coming-later" aria-labelledby="coming-later-title">
      <header className="panel__header">
        <h2 id="coming-later-title">{entry.label}</h2>
      </header>
      <div className="coming-later__body">
        <p>
          <strong>Coming in a later version.</strong> {entry.comingWith}
        </p>
      </div>
    </section>
  );
}
