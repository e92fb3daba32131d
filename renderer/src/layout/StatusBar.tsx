import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { databaseState, type DatabaseState } from '../state/database-state.js';
import { useLiveStatus } from '../state/live-status.js';
import { useSession } from '../state/session-store.js';
import { transport } from '../transport/index.js';
import type { ConnectionState } from '../transport/transport.js';
import { UtcClock } from './UtcClock.js';

function databaseText({ state, queued }: DatabaseState): string {
  return `${state}${queued > 0 ? ` · ${queued} queued` : ''}`;
}

function linkText(connection: ConnectionState): { text: string; tone: string } {
  switch (connection.state) {
    case 'open':
      return { text: transport.kind === 'ipc' ? 'desktop' : 'live', tone: 'ok' };
    case 'connecting':
      return { text: 'connecting', tone: 'unknown' };
    case 'reconnecting':
      return { text: `reconnecting ${connection.attempt}/${connection.maxAttempts}`, tone: 'degraded' };
    case 'failed':
      return { text: 'lost', tone: 'offline' };
  }
}

/** The database state opens the offline queue for a signed-in trader; before sign-in there is no queue to show. */
function QueueLink({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  if (!signedIn) return children;
  return (
    <Link to="/sync" className="status-bar__link" title="Open the offline queue">
      {children}
    </Link>
  );
}

/** The bottom bar: database (online / offline / syncing, queued writes), price feed, link to the engine. */
export function StatusBar() {
  const terminal = useLiveStatus((state) => state.terminal);
  const connection = useLiveStatus((state) => state.connection);
  const signedIn = useSession((state) => state.status === 'signed-in');
  // Facts the engine can no longer confirm are shown as unknown, not as they last were.
  const known = terminal !== null && connection.state === 'open';
  const link = linkText(connection);
  const database = known ? databaseState(terminal) : null;
  const databaseTone = database ? database.state : 'unknown';
  const feedTone = known ? (terminal.feed.state === 'live' ? 'ok' : terminal.feed.state === 'stale' ? 'degraded' : 'unknown') : 'unknown';

  return (
    <footer className="status-bar" aria-label="Terminal status">
      <span className="status-bar__item">
        <span className="status-bar__label">Database</span>
        <QueueLink signedIn={signedIn}>
          <span className={`state state--${databaseTone}`} data-testid="database-status" data-state={databaseTone}>
            {database ? databaseText(database) : 'unknown'}
          </span>
        </QueueLink>
        {known && <span className="status-bar__detail">{terminal.database.dialect === 'sqlite' ? 'embedded SQLite' : 'PostgreSQL'}</span>}
      </span>
      <span className="status-bar__item">
        <span className="status-bar__label">Feed</span>
        <span className={`state state--${feedTone}`} data-testid="feed-status">
          {known ? (terminal.feed.state === 'none' ? 'no feed' : terminal.feed.state) : 'unknown'}
        </span>
        {known && terminal.feed.source && <span className="status-bar__detail">{terminal.feed.source}</span>}
      </span>
      <span className="status-bar__item">
        <span className="status-bar__label">Engine</span>
        <span className={`state state--${link.tone}`} data-testid="connection-status" data-state={connection.state}>
          {link.text}
        </span>
      </span>
      <span className="status-bar__spacer" />
      {known && <span className="status-bar__detail">{terminal.health === 'ok' ? 'all services ok' : `services ${terminal.health}`}</span>}
      <UtcClock />
    </footer>
  );
}
