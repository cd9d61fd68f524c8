import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../../../tests/request-event.ts';
import { failure } from '../../../../../../tests/action-result.ts';
import { db } from '#lib/server/db/client.ts';
import { notices } from '#lib/server/db/schema/index.ts';
import { createNotice } from '#lib/server/notices/office.ts';
import { building, estate, staffActor } from '#lib/server/property/testing/fixtures.ts';
import { actions, load } from './+page.server.ts';

type Office = Awaited<ReturnType<typeof staffActor>>;

const post = (actor: Office, id: string, form: Record<string, string | string[]>) =>
	actions.default(fakeEvent({ actor, params: { id }, path: `/staff/notices/${id}/edit`, form }));
const open = (actor: Office, id: string) => load(fakeEvent({ actor, params: { id }, path: `/staff/notices/${id}/edit` }));

async function setUp(when: 'draft' | 'now') {
	const place = await estate();
	const block = await building(place.id, 'A');
	const office = await staffActor(['customer_service'], [place.id]);
	const content = { titleEn: 'Lift maintenance', bodyEn: 'Lift 2 stops on Monday.', targets: [`building:${block.id}`] };
	const id = await createNotice(office, { estateId: place.id, ...content, when });
	return { place, block, office, content, id };
}

describe('the notice edit form, posted without JavaScript', () => {
	it('opens a draft filled in, and answers every field’s problem at its field with what was typed', async () => {
		const s = await setUp('draft');
		const page = await open(s.office, s.id);
		expect(page).toMatchObject({ editable: true, values: { titleEn: 'Lift maintenance', targets: [`building:${s.block.id}`] } });
		const answer = failure(await post(s.office, s.id, { titleEn: '', bodyEn: '', units: '', expiresAt: 'soon' }));
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.data.errors).sort()).toEqual(['bodyEn', 'expiresAt', 'targets', 'titleEn']);
		expect(answer.data.values).toMatchObject({ expiresAt: 'soon', targets: [] });
	});

	it('saves a good edit and goes back to the notice’s page; a time the service refuses comes back at its field', async () => {
		const s = await setUp('draft');
		const past = failure(await post(s.office, s.id, { ...s.content, expiresAt: '2020-01-01T09:00' }));
		expect(past.data.errors).toEqual({ expiresAt: 'The expiry must come after the notice is published.' });
		const done = await thrown(() => post(s.office, s.id, { ...s.content, titleEn: 'Lift 2 maintenance' }));
		expect([done.status, done.location]).toEqual([303, `/staff/notices/${s.id}`]);
		const [saved] = await db().select().from(notices).where(eq(notices.id, s.id));
		expect(saved!.title.en).toBe('Lift 2 maintenance');
	});

	it('says a published notice cannot be edited, and refuses the post with that message', async () => {
		const s = await setUp('now');
		expect(await open(s.office, s.id)).toMatchObject({ editable: false });
		const refused = failure(await post(s.office, s.id, { ...s.content, titleEn: 'Too late' }));
		expect(refused.data.errors).toEqual({ '': 'This notice has been published or withdrawn: it can no longer be changed.' });
	});

	it('refuses another estate’s office before reading the form', async () => {
		const s = await setUp('draft');
		const other = await staffActor(['customer_service'], [(await estate()).id]);
		expect((await thrown(() => post(other, s.id, {}))).status).toBe(404);
		expect((await thrown(() => open(other, s.id))).status).toBe(404);
	});
});
