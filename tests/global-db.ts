// Vitest global setup of the integration projects: one migrated template per database kind and
// run, which every test file copies (see freshDatabase) instead of migrating its own database.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropRunCopies, pgliteSnapshot, postgresTemplate } from './test-database.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteSnapshot: string;
		postgresTemplate: string;
		postgresRun: string;
	}
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
	const kind = project.config.env?.TEST_DB;
	if (kind === 'pglite') project.provide('pgliteSnapshot', await pgliteSnapshot(path.resolve('tmp', 'test-templates')));
	if (kind === 'postgres') {
		const run = randomBytes(3).toString('hex');
		project.provide('postgresTemplate', await postgresTemplate());
		project.provide('postgresRun', run);
		// Each worker makes its next file's database ahead of time; the last ones are nobody's.
		return () => dropRunCopies(run);
	}
}
