import type { ServiceHealth } from '../../../shared/api/health.js';
import { NO_VALUE } from '../format.js';
import { SERVICE_LABELS } from '../service-labels.js';

/**
 * The stores that have a schema. Without DATABASE_URL the SQLite file is both the database
 * and the cache; listing it twice would suggest two schemas to keep in step.
 */
function schemaStores(services: ServiceHealth[]): ServiceHealth[] {
  const stores = services.filter((service) => service.dialect !== undefined);
  const database = stores.find((service) => service.name === 'database');
  return stores.filter((service) => service === database || service.target !== database?.target);
}

function MigrationNames({ names, kind }: { names: string[]; kind: 'applied' | 'pending' }) {
  if (names.length === 0) return <span className={kind === 'pending' ? 'ok-text' : 'muted'}>none</span>;
  return (
    <span className="chips">
      {names.map((name) => (
        <span key={name} className={`chip chip--${kind}`}>
          {name}
        </span>
      ))}
    </span>
  );
}

function MigrationRow({ store }: { store: ServiceHealth }) {
  const { migrations } = store;
  return (
    <tr>
      <th scope="row">{SERVICE_LABELS[store.name]}</th>
      <td>{store.dialect ?? NO_VALUE}</td>
      {migrations ? (
        <>
          <td className="mono">{migrations.current ?? 'empty schema'}</td>
          <td className="num">{migrations.applied.length}</td>
          <td>
            <MigrationNames names={migrations.applied} kind="applied" />
          </td>
          <td>
            <MigrationNames names={migrations.pending} kind="pending" />
          </td>
        </>
      ) : (
        <td colSpan={4} className="muted">
          not known until the database answers
        </td>
      )}
    </tr>
  );
}

export function MigrationsTable({ services, labelledBy }: { services: ServiceHealth[]; labelledBy: string }) {
  return (
    <table className="grid" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Store</th>
          <th scope="col">Dialect</th>
          <th scope="col">Current</th>
          <th scope="col" className="num">
            Applied
          </th>
          <th scope="col">Applied migrations</th>
          <th scope="col">Pending</th>
        </tr>
      </thead>
      <tbody>
        {schemaStores(services).map((store) => (
          <MigrationRow key={store.name} store={store} />
        ))}
      </tbody>
    </table>
  );
}
