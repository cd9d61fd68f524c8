import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are applied by the app itself (src/lib/server/db/migrate.ts).
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema/index.ts',
	out: './drizzle',
	casing: 'snake_case'
});
