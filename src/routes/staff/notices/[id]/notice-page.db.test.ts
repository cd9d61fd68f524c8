import { describe, expect, it } from 'vitest';
import { fakeEvent } from '../../../../../tests/request-event.ts';
import { failure, success } from '../../../../../tests/action-result.ts';
import { createNotice } from '#lib/server/notices/office.ts';
import { building, estate, staffActor } from '#lib/server/property/testing/fixtures.ts';
import { DEFAULT_TIME_ZONE, localDateTimeValue } from '#lib/time/index.ts';
import { actions, load } from './+page.server.ts';

type Office = Awaited<ReturnType<typeof staffActor>>;
const event = (actor: Office, id: string, action = '', form?: Record<string, string>) =>
	fakeEvent({ actor, params: { id }, path: `/staff/notices/${id}${action}`, form });
const inHours = (n: number) => localDateTimeValue(new Date(Date.now() + n * 3600_000), DEFAULT_TIME_ZONE);

describe('a notice’s page', () => {
	it('offers what the machine opens: a draft is edited and scheduled, a scheduled one moved or taken back', async () => {
		const place = await estate();
		const block = await building(place.id, 'A');
		const office = await staffActor(['customer_service'], [place.id]);
		const id = await createNotice(office, {
			estateId: place.id,
			titleEn: 'Lift maintenance',
			bodyEn: 'Lift 2 stops on Monday.',
			targets: [`building:${block.id}`],
			when: 'draft'
		});
		expect((await load(event(office, id))).actions).toEqual(['edit', 'schedule', 'publish', 'withdraw']);
		const missing = failure(await actions.schedule(event(office, id, '?/schedule', { publishAt: '' })));
		expect([missing.status, missing.data.errors]).toEqual([400, { publishAt: 'Give the time to publish at.' }]);
		expect(success(await actions.schedule(event(office, id, '?/schedule', { publishAt: inHours(2) })))).toEqual({ done: 'Scheduled.' });
		expect((await load(event(office, id))).actions).toEqual(['edit', 'reschedule', 'unschedule', 'publish', 'withdraw']);
		const past = failure(await actions.reschedule(event(office, id, '?/reschedule', { publishAt: '2020-01-01T09:00' })));
		expect(past.data).toEqual({
			errors: { publishAt: 'The time to publish must be in the future.' },
			values: { publishAt: '2020-01-01T09:00' }
		});
		expect(success(await actions.reschedule(event(office, id, '?/reschedule', { publishAt: inHours(4) })))).toEqual({
			done: 'The time is changed.'
		});
		expect(success(await actions.unschedule(event(office, id, '?/unschedule', {})))).toMatchObject({
			done: expect.stringMatching(/^Back to a draft/)
		});
		expect((await load(event(office, id))).actions).toEqual(['edit', 'schedule', 'publish', 'withdraw']);
	});
});
