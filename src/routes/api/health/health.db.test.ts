import { describe, expect, it } from 'vitest';
import { database, openPglite, useDatabase } from '#lib/server/db/client.ts';
import { GET } from './+server.ts';

describe('GET /api/health', () => {
	it('answers ok with the database kind and migration level', async () => {
		const response = await GET({} as never);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({ status: 'ok', database: database().kind === 'pglite' ? 'pglite' : 'postgresql' });
		expect(body.migrations.applied).toBe(body.migrations.available);
	});

	it('answers 503 with the reason when the database is gone', async () => {
		const healthy = database();
		const broken = await openPglite();
		await broken.close();
		useDatabase(broken);
		try {
			const response = await GET({} as never);
			expect(response.status).toBe(503);
			expect((await response.json()).status).toBe('unavailable');
		} finally {
			useDatabase(healthy);
		}
	});
});
