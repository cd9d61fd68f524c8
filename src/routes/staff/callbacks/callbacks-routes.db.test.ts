import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { rectificationNotices, repairCallbacks } from '#lib/server/db/schema/index.ts';
import { actorFor, completedRepair, makeCallbackEstate, makeKind } from '#lib/server/callbacks/testing.ts';
import { smallPng } from '#lib/server/files/test-images.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { GET as signature } from './[id]/signature/+server.ts';
import { load as boardLoad } from './+page.server.ts';
import { actions as detailActions, load as detailLoad } from './[id]/+page.server.ts';
import { actions as rectificationActions, load as rectificationLoad } from './rectifications/+page.server.ts';

async function setUp() {
	const place = await makeCallbackEstate();
	const { order, callback } = await completedRepair(place, (await makeKind()).id, new Date());
	const director = await actorFor(place.staff.manager!.id);
	return { place, order, callback, director };
}

describe('/staff/callbacks pages', () => {
	it('lists the estate’s callbacks and this month’s shares', async () => {
		const { place, director } = await setUp();
		const data = await boardLoad(fakeEvent({ actor: director, path: '/staff/callbacks' }));
		expect(data.rows).toHaveLength(1);
		expect(data.rows[0]!.unit).toContain(place.unit.number);
		expect(data.shares[0]!.estateId).toBe(place.estate.id);
		expect(
			(await thrown(async () => boardLoad(fakeEvent({ actor: await actorFor(place.technician.id), path: '/staff/callbacks' })))).status
		).toBe(403);
	});

	it('sends the form back when a question is left unanswered, instead of taking "yes" for it', async () => {
		const { callback, director } = await setUp();
		const event = fakeEvent({
			actor: director,
			params: { id: callback.id },
			form: { serviceRating: '4', residentSignedName: 'Chan', problemNote: '' }
		});
		const result = (await detailActions.complete(event)) as { status: number; data: { form: { errors: Record<string, string[]> } } };
		expect(result.status).toBe(400);
		expect(Object.keys(result.data.form.errors).sort()).toEqual(['chargesOk', 'problemFound', 'workOk']);
		const [row] = await db().select().from(repairCallbacks).where(eq(repairCallbacks.id, callback.id));
		expect(row!.state).toBe('open');
	});

	it('records the callback from the form and shows it done, without the form', async () => {
		const { place, callback, director } = await setUp();
		const form = {
			workOk: 'no',
			serviceRating: '3',
			chargesOk: 'yes',
			residentSignedName: 'Chan Tai Man',
			problemFound: 'yes',
			problemNote: 'Tap still loose.',
			suggestions: ''
		};
		const done = await thrown(() => detailActions.complete(fakeEvent({ actor: director, params: { id: callback.id }, form })));
		expect(done).toMatchObject({ status: 303, location: `/staff/callbacks/${callback.id}?done=1` });
		const page = await detailLoad(
			fakeEvent({ actor: director, params: { id: callback.id }, path: `/staff/callbacks/${callback.id}?done=1` })
		);
		expect(page.actions).toEqual([]);
		expect(page.callback.state).toBe('done');
		expect(page.notices).toHaveLength(1);
		expect(page.justDone).toBe(true);
		// Completing again: the message, not a second record.
		const again = (await detailActions.complete(fakeEvent({ actor: director, params: { id: callback.id }, form }))) as {
			status: number;
			data: { form: { errors: { _errors?: string[] } } };
		};
		expect(again.status).toBe(400);
		expect(again.data.form.errors._errors?.[0]).toMatch(/already been recorded/);

		// The technician finds the notice on their page and resolves it there.
		const technician = await actorFor(place.technician.id);
		const list = await rectificationLoad(fakeEvent({ actor: technician, path: '/staff/callbacks/rectifications' }));
		expect(list.rows).toHaveLength(1);
		const noticeId = list.rows[0]!.id;
		const empty = (await rectificationActions.resolve(fakeEvent({ actor: technician, form: { noticeId, resolution: ' ' } }))) as {
			status: number;
			data: { error: string };
		};
		expect(empty.status).toBe(400);
		expect(empty.data.error).toMatch(/what was done/i);
		await rectificationActions.resolve(fakeEvent({ actor: technician, form: { noticeId, resolution: 'Tightened and tested.' } }));
		const [notice] = await db().select().from(rectificationNotices).where(eq(rectificationNotices.id, noticeId));
		expect(notice!.state).toBe('resolved');
	});

	it('keeps a drawn signature and shows it only to the estate’s callback staff', async () => {
		const { place, callback, director } = await setUp();
		const png = `data:image/png;base64,${Buffer.from(await smallPng()).toString('base64')}`;
		const form = { workOk: 'yes', serviceRating: '5', chargesOk: 'yes', residentSignedName: '', signature: png, problemFound: 'no' };
		await thrown(() => detailActions.complete(fakeEvent({ actor: director, params: { id: callback.id }, form })));
		const response = await signature(fakeEvent({ actor: director, params: { id: callback.id } }));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^image\/(png|jpeg)$/);
		const service = await actorFor(place.staff.customer_service!.id);
		expect((await signature(fakeEvent({ actor: service, params: { id: callback.id } }))).status).toBe(200);
		const stranger = await actorFor((await makeCallbackEstate('Far Away')).staff.manager!.id);
		expect((await thrown(() => signature(fakeEvent({ actor: stranger, params: { id: callback.id } })))).status).toBe(404);
		expect(
			(await thrown(async () => signature(fakeEvent({ actor: await actorFor(place.technician.id), params: { id: callback.id } })))).status
		).toBe(403);
	});

	it('answers 404 for a callback of another estate or a malformed id', async () => {
		const { callback } = await setUp();
		const stranger = await makeCallbackEstate('Stranger Estate');
		const actor = await actorFor(stranger.staff.manager!.id);
		expect((await thrown(() => detailLoad(fakeEvent({ actor, params: { id: callback.id } })))).status).toBe(404);
		expect((await thrown(() => detailLoad(fakeEvent({ actor, params: { id: 'x'.repeat(5000) } })))).status).toBe(404);
	});
});
