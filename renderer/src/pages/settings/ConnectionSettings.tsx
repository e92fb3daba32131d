import { useCallback, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ConnectionTestResult } from '../../../../shared/api/terminal.js';
import { engine } from '../../api/engine.js';
import { Field } from '../../components/Field.js';
import { FormError } from '../../components/FormError.js';
import { MigrationsTable } from '../../components/MigrationsTable.js';
import { Panel } from '../../components/Panel.js';
import { ServicesTable } from '../../components/ServicesTable.js';
import { useAction } from '../../components/use-action.js';
import { useLoad } from '../../components/use-load.js';
import { formatLatency } from '../../format.js';
import { databaseState } from '../../state/database-state.js';
import { useLiveStatus } from '../../state/live-status.js';
import { toast } from '../../state/toast-store.js';

function TestResult({ result }: { result: ConnectionTestResult }) {
  if (!result.ok) {
    return (
      <div className="notice notice--error" role="alert" data-testid="connection-test-result" data-ok="false">
        <strong>Cannot use {result.target}</strong>
        <span>{result.problem?.message}</span>
      </div>
    );
  }
  const pending = result.migrations?.pending.length ?? 0;
  const applied = result.migrations?.applied.length ?? 0;
  return (
    <div className="notice notice--ok" role="status" data-testid="connection-test-result" data-ok="true">
      <strong>Connected to {result.target}</strong>
      <span>
        {result.serverVersion} · {formatLatency(result.latencyMs)} ·{' '}
        {applied === 0 ? 'empty database: the terminal will create its tables' : pending === 0 ? 'OptiBid schema up to date' : `${String(pending)} migration(s) to apply on connect`}
      </span>
    </div>
  );
}

function RemoteDatabase() {
  const settings = useLoad(useCallback(() => engine.connection(), []));
  const [url, setUrl] = useState('');
  // The result belongs to the URL that was tested: editing the field hides it and disables Save.
  const [tested, setTested] = useState<{ url: string; result: ConnectionTestResult } | null>(null);
  const result = tested && tested.url === url.trim() ? tested.result : null;
  const [test, testing] = useAction(async () => {
    const candidate = url.trim();
    setTested({ url: candidate, result: await engine.testConnection(candidate) });
  });
  const [save, saving] = useAction(async (databaseUrl: string | null) => {
    await engine.saveConnection(databaseUrl);
    settings.reload();
    toast('info', databaseUrl ? 'Remote database saved' : 'Back to the embedded database', 'Restart the terminal to use it.');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    test();
  };
  const current = settings.data;
  return (
    <Panel headingId="remote-db-heading" title="Database connection">
      <div className="panel__body form-stack">
        <FormError message={settings.error} />
        {current && (
          <dl className="facts">
            <dt>Running on</dt>
            <dd className="mono">{current.running.dialect === 'sqlite' ? `embedded SQLite (${current.running.target})` : current.running.target}</dd>
            <dt>Set by</dt>
            <dd>{current.running.source === 'default' ? 'default (no remote database)' : current.running.source}</dd>
            <dt>Next start</dt>
            {/* What is saved here is ignored while the environment or config file sets the URL. */}
            {current.editable ? <dd className="mono">{current.saved ?? 'embedded SQLite'}</dd> : <dd>the same: set by the {current.running.source}</dd>}
          </dl>
        )}
        {current?.restartRequired && <p className="notice notice--warning">Restart the terminal to switch to the saved connection.</p>}
        {current && !current.editable && <p className="muted">DATABASE_URL is set in the {current.running.source}; change it there.</p>}
        <form className="form-row" onSubmit={onSubmit} noValidate>
          <Field
            label="Remote PostgreSQL URL"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="postgres://trader:secret@db.floor.example:5432/optibid"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={testing.fieldError('body.databaseUrl') ?? saving.fieldError('body.databaseUrl')}
            hint="The trading floor’s shared database. Your local cache keeps you working when it is out of reach."
          />
          <button type="submit" className="button" disabled={testing.busy || !url.trim()}>
            {testing.busy ? 'Testing…' : 'Test'}
          </button>
          <button type="button" className="button button--primary" disabled={!result?.ok || saving.busy || current?.editable === false} onClick={() => save(url.trim())}>
            Save
          </button>
        </form>
        <FormError message={testing.formError ?? saving.formError} />
        {result && <TestResult result={result} />}
        {current?.saved && current.editable && (
          <button type="button" className="button button--danger" disabled={saving.busy} onClick={() => save(null)}>
            Use the embedded database instead
          </button>
        )}
      </div>
    </Panel>
  );
}

function OfflineMode() {
  const terminal = useLiveStatus((state) => state.terminal);
  const database = terminal ? databaseState(terminal) : null;
  return (
    <Panel headingId="offline-heading" title="Offline mode">
      <div className="panel__body">
        <p>
          Now: <strong data-testid="offline-mode">{database ? database.state : 'unknown'}</strong>
          {database && database.queued > 0 ? ` · ${String(database.queued)} write(s) waiting to sync` : ''}
        </p>
        <p className="muted">
          With a remote database, the terminal switches to its local cache by itself when the database is out of reach, queues your drafts and submissions, and replays them when it returns.
          The queue and any conflicts are on the <Link to="/sync">offline queue</Link> page.
        </p>
      </div>
    </Panel>
  );
}

function Services() {
  const health = useLoad(useCallback(() => engine.health(), []));
  return (
    <>
      <Panel headingId="services-heading" title="Services" aside={<button type="button" className="button button--small" onClick={health.reload}>Refresh</button>}>
        <FormError message={health.error} />
        {health.data && <ServicesTable services={health.data.services} labelledBy="services-heading" />}
      </Panel>
      <Panel headingId="migrations-heading" title="Database migrations">
        {health.data && <MigrationsTable services={health.data.services} labelledBy="migrations-heading" />}
      </Panel>
    </>
  );
}

export function ConnectionSettings() {
  return (
    <div className="page-grid">
      <RemoteDatabase />
      <OfflineMode />
      <Services />
    </div>
  );
}
