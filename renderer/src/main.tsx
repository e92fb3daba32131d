import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { AppLayout } from './layout/AppLayout.js';
import { Alerts } from './pages/Alerts.js';
import { AssetDetail } from './pages/AssetDetail.js';
import { Assets } from './pages/Assets.js';
import { Toasts } from './layout/Toasts.js';
import { Dashboard } from './pages/Dashboard.js';
import { Market } from './pages/Market.js';
import { Profile } from './pages/Profile.js';
import { Register } from './pages/Register.js';
import { ResetConfirm, ResetRequest } from './pages/ResetPassword.js';
import { Settings } from './pages/Settings.js';
import { SignIn } from './pages/SignIn.js';
import { Sync } from './pages/Sync.js';
import { useSession } from './state/session-store.js';
import './styles.css';

// The bid editor (the shared bid rules, the curve editor) loads on first use, as the charts do.
const Bidding = lazy(() => import('./pages/Bidding.js').then((module) => ({ default: module.Bidding })));
// Analytics brings its own charts and stylesheet: loaded when first opened.
const Analytics = lazy(() => import('./pages/Analytics.js').then((module) => ({ default: module.Analytics })));

// Hash routes work the same from app://optibid/ and from the engine in browser mode, with no
// server-side fallback route to keep in step with the page list.
const router = createHashRouter([
  { path: '/sign-in', element: <SignIn /> },
  { path: '/register', element: <Register /> },
  { path: '/reset-password', element: <ResetRequest /> },
  { path: '/reset-password/confirm', element: <ResetConfirm /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      { path: 'dashboard', element: <Dashboard /> },
      { path: 'market', element: <Market /> },
      { path: 'alerts', element: <Alerts /> },
      {
        path: 'bidding',
        element: (
          <Suspense fallback={<p className="muted">Loading the bid editor…</p>}>
            <Bidding />
          </Suspense>
        ),
      },
      { path: 'assets', element: <Assets /> },
      { path: 'assets/:id', element: <AssetDetail /> },
      {
        path: 'analytics',
        element: (
          <Suspense fallback={<p className="muted">Loading analytics…</p>}>
            <Analytics />
          </Suspense>
        ),
      },
      { path: 'profile', element: <Profile /> },
      { path: 'sync', element: <Sync /> },
      { path: 'settings/:section?', element: <Settings /> },
      { path: '*', element: <Navigate to="/dashboard" replace /> },
    ],
  },
]);

void useSession.getState().restore();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
    <Toasts />
  </StrictMode>,
);
