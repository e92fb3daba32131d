import { createTestDatabase } from './postgres.js';

/** The environment of an engine on each database: a fresh SQLite file, or a fresh PostgreSQL. */
export const backends: { dialect: 'sqlite' | 'postgres'; prepare: () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }> }[] = [
  { dialect: 'sqlite', prepare: async () => ({ env: {}, drop: async () => undefined }) },
  {
    dialect: 'postgres',
    prepare: async () => {
      const database = await createTestDatabase();
      return { env: { DATABASE_URL: database.url }, drop: () => database.drop() };
    },
  },
];
