import { config as loadEnv } from 'dotenv';
import { expand } from 'dotenv-expand';
import { defineConfig } from 'drizzle-kit';

expand(loadEnv());

// drizzle-kit talks to the database directly (studio, introspect), never
// through the pooler, so it uses the migration URL when one is set.
const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
if (!url) {
  throw new Error('Set MIGRATION_DATABASE_URL or DATABASE_URL before running drizzle-kit');
}

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  // Introspection output only; the real migrations are hand-written in ./migrations.
  out: './drizzle',
  schemaFilter: ['public'],
  dbCredentials: { url },
  strict: true,
  verbose: true,
});
