import { describe, expect, it } from 'vitest';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { failure } from '../../../../../tests/action-result.ts';
import { eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { noticeAudience } from '#lib/server/db/schema/index.ts';
import { building, estate, staffActor, unitsIn } from '#lib/server/property/testing/fixtures.ts';
import { actions, load } from './+page.server.ts';

const post = (actor: Awaited<ReturnType<typeof staffActor>>, form: Record<string, string | string[]>) =>
	actions.default(fakeEvent({ actor, path: '/staff/notices/new', form }));

describe('the notice form, posted without JavaScript', () => {
	it('answers every field’s problem at its field, with what was typed', async () => {
		const place = await estate();
		const office = await staffActor(['customer_service'], [place.id]);
		const answer = failure(await post(office, { estateId: place.id, titleEn: '', bodyEn: '', when: 'later', publishAt: '' }));
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.data.errors).sort()).toEqual(['bodyEn', 'publishAt', 'targets', 'titleEn']);
		expect(answer.data.values).toMatchObject({ estateId: place.id, when: 'later' });
	});

	it('answers a time in the past at its field and publishes a good notice to its page', async () => {
		const place = await estate();
		const block = await building(place.id, 'A');
		const office = await staffActor(['customer_service'], [place.id]);
		const form = { estateId: place.id, titleEn: 'Lift maintenance', bodyEn: 'Lift 2 stops on Monday.', targets: [`building:${block.id}`] };
		const past = failure(await post(office, { ...form, when: 'later', publishAt: '2020-01-01T09:00' }));
		expect(past.data.errors).toEqual({ publishAt: expect.stringMatching(/future/) });
		const done = await thrown(() => post(office, form));
		expect(done.status).toBe(303);
		expect(done.location).toMatch(/^\/staff\/notices\/[0-9a-f-]{36}$/);
	});

	it('offers each building’s floors, lowest first, and a ticked floor is the notice’s audience', async () => {
		const place = await estate();
		const block = await building(place.id, 'A');
		const flats = await unitsIn(block, 20);
		const [low, high] = [flats[0]!, flats[19]!];
		const office = await staffActor(['customer_service'], [place.id]);
		const page = await load(fakeEvent({ actor: office, path: '/staff/notices/new' }));
		const offered = page.estates.find((e) => e.id === place.id)!.buildings[0]!;
		expect(offered.floors).toEqual([
			{ id: low.floorId, label: expect.any(String) },
			{ id: high.floorId, label: expect.any(String) }
		]);
		const form = { estateId: place.id, titleEn: 'Water off on 2/F', bodyEn: 'From 10:00 to 12:00.', targets: [`floor:${high.floorId}`] };
		const done = await thrown(() => post(office, form));
		const id = done.location!.split('/').at(-1)!;
		expect(
			await db()
				.select({ kind: noticeAudience.kind, targetId: noticeAudience.targetId })
				.from(noticeAudience)
				.where(eq(noticeAudience.noticeId, id))
		).toEqual([{ kind: 'floor', targetId: high.floorId }]);
	});

	it('refuses a floor of an estate the writer does not look after, at the audience', async () => {
		const [place, other] = [await estate(), await estate()];
		const elsewhere = (await unitsIn(await building(other.id, 'Z'), 1))[0]!;
		const office = await staffActor(['customer_service'], [place.id]);
		const form = { estateId: place.id, titleEn: 'Water off', bodyEn: 'From 10:00.', targets: [`floor:${elsewhere.floorId}`] };
		const answer = failure(await post(office, form));
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.data.errors)).toEqual(['targets']);
	});
});
