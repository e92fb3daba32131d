import { Type, type Static } from '@sinclair/typebox';

export const ServiceStatuses = ['ok', 'degraded', 'unavailable', 'not_configured'] as const;
export type ServiceStatus = (typeof ServiceStatuses)[number];

export const ServiceNames = ['database', 'sqlite_cache', 'redis', 'kafka', 'clickhouse', 'mlflow', 'minio'] as const;
export type ServiceName = (typeof ServiceNames)[number];

export const ServiceError = Type.Object({
  type: Type.String({ description: 'Error class or code, e.g. ECONNREFUSED or TimeoutError' }),
  message: Type.String(),
  at: Type.String({ format: 'date-time' }),
});
export type ServiceError = Static<typeof ServiceError>;

export const MigrationState = Type.Object({
  applied: Type.Array(Type.String()),
  pending: Type.Array(Type.String()),
  current: Type.Union([Type.String(), Type.Null()]),
});
export type MigrationState = Static<typeof MigrationState>;

export const ServiceHealth = Type.Object({
  name: Type.Union(ServiceNames.map((n) => Type.Literal(n))),
  status: Type.Union(ServiceStatuses.map((s) => Type.Literal(s))),
  required: Type.Boolean({ description: 'Whether the terminal is down without it (with DATABASE_URL, PostgreSQL and the cache stand in for each other)' }),
  target: Type.Union([Type.String(), Type.Null()], { description: 'Where it is, credentials removed' }),
  latencyMs: Type.Union([Type.Number(), Type.Null()]),
  checkedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastError: Type.Union([ServiceError, Type.Null()]),
  featuresAffected: Type.Array(Type.String(), { description: 'What does not work while it is not ok' }),
  dialect: Type.Optional(Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')])),
  migrations: Type.Optional(MigrationState),
});
export type ServiceHealth = Static<typeof ServiceHealth>;

export const SyncStatus = Type.Object(
  {
    state: Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('syncing')], {
      description: 'online: the shared database answers; offline: reads come from the local cache and writes queue; syncing: queued writes are being replayed',
    }),
    queued: Type.Integer({ minimum: 0, description: 'Writes waiting in the local outbox' }),
    lastSyncAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the outbox was last emptied into the shared database' }),
  },
  { title: 'SyncStatus' },
);
export type SyncStatus = Static<typeof SyncStatus>;

export const HealthReport = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('unavailable')]),
    version: Type.String(),
    uptimeSeconds: Type.Number(),
    time: Type.String({ format: 'date-time' }),
    services: Type.Array(ServiceHealth),
    sync: Type.Union([SyncStatus, Type.Null()], { description: 'The offline cache and outbox against the shared database; null without DATABASE_URL' }),
  },
  { title: 'HealthReport' },
);
export type HealthReport = Static<typeof HealthReport>;
