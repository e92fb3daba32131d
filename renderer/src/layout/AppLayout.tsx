import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../state/session-store.js';
import { ConnectionNotice } from './ConnectionNotice.js';
import { Header } from './Header.js';
import { MarketAlerts } from './MarketAlerts.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { Sidebar } from './Sidebar.js';
import { StatusBar } from './StatusBar.js';
import { UpdateBanner } from './UpdateBanner.js';
import { useShortcuts } from './use-shortcuts.js';

/** The signed-in frame: header, navigation, the page, the status bar; sign-in first otherwise. */
export function AppLayout() {
  const status = useSession((state) => state.status);
  const location = useLocation();
  useShortcuts();
  if (status === 'restoring') return <div className="splash">Restoring your session…</div>;
  if (status === 'signed-out') return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <div className="frame">
      <Header />
      <Sidebar />
      <main className="page" id="main">
        <UpdateBanner />
        <ConnectionNotice />
        <Outlet />
      </main>
      <StatusBar />
      <ShortcutsHelp />
      <MarketAlerts />
    </div>
  );
}
