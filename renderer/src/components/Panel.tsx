import type { ReactNode } from 'react';

interface PanelProps {
  /** Id of the heading, so the panel's table can be named by it. */
  headingId: string;
  title: string;
  /** Short facts beside the title, e.g. a count. */
  aside?: ReactNode;
  /** The content is the last known state, which the engine no longer confirms. */
  stale?: boolean;
  children: ReactNode;
}

export function Panel({ headingId, title, aside, stale = false, children }: PanelProps) {
  return (
    <section className={stale ? 'panel panel--stale' : 'panel'} aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId}>{title}</h2>
        {aside !== undefined && <span className="panel__aside">{aside}</span>}
      </header>
      {children}
    </section>
  );
}
