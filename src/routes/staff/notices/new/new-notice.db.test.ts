import { describe, expect, it } from 'vitest';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { failure } from '../../../../../tests/action-result.ts';
import { building, estate, staffActor } from '#lib/server/property/testing/fixtures.ts';
import { actions } from './+page.server.ts';

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
});
