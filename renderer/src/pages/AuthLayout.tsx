import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { StatusBar } from '../layout/StatusBar.js';
import { useSession } from '../state/session-store.js';

/** The frame of the signed-out pages: one card, the status bar still showing what the engine is doing. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const status = useSession((state) => state.status);
  if (status === 'signed-in') return <Navigate to="/dashboard" replace />;
  return (
    <div className="auth">
      <main className="auth__main">
        <section className="auth__card" aria-labelledby="auth-title">
          <p className="auth__brand">OptiBid Terminal</p>
          <h1 id="auth-title">{title}</h1>
          {children}
        </section>
      </main>
      <StatusBar />
    </div>
  );
}
