// Vitest global setup of the integration projects: one migrated template per database kind and
// run, which every test file copies (see freshDatabase) instead of migrating its own database.
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { pgliteSnapshot, postgresTemplate } from './test-database.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteSnapshot: string;
		postgresTemplate: string;
	}
}

export default async function setup(project: TestProject): Promise<void> {
	const kind = project.config.env?.TEST_DB;
	if (kind === 'pglite') project.provide('pgliteSnapshot', await pgliteSnapshot(path.resolve('tmp', 'test-templates')));
	if (kind === 'postgres') project.provide('postgresTemplate', await postgresTemplate());
}
