import { describe, expect, it } from 'vitest';
import { database, openPglite, useDatabase } from '#lib/server/db/client.ts';
import type { Health } from '#lib/server/db/health.ts';
import { staffActor } from '#lib/server/property/testing/fixtures.ts';
import { fakeEvent } from '../../../../tests/request-event.ts';
import { GET } from './+server.ts';

const get = async (actor: Awaited<ReturnType<typeof staffActor>> | null = null) => GET(fakeEvent({ actor, path: '/api/health' }));

describe('GET /api/health', () => {
	it('tells an anonymous caller only that it is up', async () => {
		const response = await get();
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toEqual({ status: 'ok' });
	});

	it('tells staff other than admins no more', async () => {
		expect(await (await get(await staffActor(['manager']))).json()).toEqual({ status: 'ok' });
	});

	it('shows an admin the database kind and migration level', async () => {
		// The JSON of a healthy database (checked by the first expectation).
		const body = (await (await get(await staffActor(['admin']))).json()) as Extract<Health, { status: 'ok' }>;
		expect(body).toMatchObject({ status: 'ok', database: database().kind === 'pglite' ? 'pglite' : 'postgresql' });
		expect(body.migrations.applied).toBe(body.migrations.available);
	});

	it('answers 503 "down" when the database is gone, with the reason for an admin only', async () => {
		const admin = await staffActor(['admin']);
		const healthy = database();
		const broken = await openPglite();
		await broken.close();
		useDatabase(broken);
		try {
			const response = await get();
			expect(response.status).toBe(503);
			expect(await response.json()).toEqual({ status: 'down' });
			const detailed = await get(admin);
			expect(detailed.status).toBe(503);
			expect(await detailed.json()).toMatchObject({ status: 'unavailable', reason: expect.any(String) });
		} finally {
			useDatabase(healthy);
		}
	});
});
