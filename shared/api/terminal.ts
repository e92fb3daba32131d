import { Type, type Static } from '@sinclair/typebox';
import { MigrationState } from './health.js';

const PostgresUrl = Type.String({ pattern: '^postgres(ql)?://', maxLength: 2048, description: 'postgres://user:password@host:5432/database' });

/** The terminal's database connection as the Settings page shows it (never with a password). */
export const ConnectionSettings = Type.Object(
  {
    running: Type.Object({
      dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
      target: Type.String({ description: 'The database this engine runs on now, credentials removed' }),
      source: Type.Union([Type.Literal('environment'), Type.Literal('config file'), Type.Literal('terminal settings'), Type.Literal('default')]),
    }),
    saved: Type.Union([Type.String(), Type.Null()], { description: 'The remote PostgreSQL saved on this terminal, credentials removed; null for the embedded SQLite' }),
    editable: Type.Boolean({ description: 'False when DATABASE_URL comes from the environment or a config file (the operator’s, which wins)' }),
    restartRequired: Type.Boolean({ description: 'The saved connection differs from the running one until the terminal restarts' }),
  },
  { title: 'ConnectionSettings' },
);
export type ConnectionSettings = Static<typeof ConnectionSettings>;

export const ConnectionTestBody = Type.Object({ databaseUrl: PostgresUrl }, { additionalProperties: false, title: 'ConnectionTestBody' });
export type ConnectionTestBody = Static<typeof ConnectionTestBody>;

export const ConnectionTestResult = Type.Object(
  {
    ok: Type.Boolean(),
    target: Type.String({ description: 'What was tried, credentials removed' }),
    latencyMs: Type.Union([Type.Number(), Type.Null()]),
    serverVersion: Type.Union([Type.String(), Type.Null()]),
    migrations: Type.Union([MigrationState, Type.Null()], { description: 'The OptiBid schema found there (pending ones are applied when the terminal connects)' }),
    problem: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  },
  { title: 'ConnectionTestResult' },
);
export type ConnectionTestResult = Static<typeof ConnectionTestResult>;

export const SaveConnectionBody = Type.Object(
  { databaseUrl: Type.Union([PostgresUrl, Type.Null()], { description: 'null: back to the embedded SQLite database' }) },
  { additionalProperties: false, title: 'SaveConnectionBody' },
);
export type SaveConnectionBody = Static<typeof SaveConnectionBody>;
