import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { officeNotice } from '#lib/server/notices/office-queries.ts';
import { noticeMachine } from '#lib/server/notices/machine.ts';
import { publishNotice, remindUnread, withdrawNotice } from '#lib/server/notices/office.ts';
import { rescheduleNotice, scheduleNotice, unscheduleNotice } from '#lib/server/notices/timing.ts';
import { noticeStatus } from '#lib/server/notices/status.ts';

/** One notice: its texts, audience, delivery and read counts per building, the steps open, its history. */
export const load = (async ({ locals, params }) => {
	const { notice, capacities, estate, audience, counts, events } = await officeNotice(locals.actor, params.id);
	const status = noticeStatus(notice, new Date());
	return {
		notice: { ...notice, status },
		estate,
		audience,
		counts,
		events,
		// Reminding an expired notice is refused by the service: not offered either.
		actions: noticeMachine.open(notice.state, capacities).filter((a) => !(a === 'remind' && status === 'expired'))
	};
}) satisfies PageServerLoad;

/** The posted time to publish at. */
async function postedTime(request: Request) {
	return { publishAt: (await request.formData()).get('publishAt') ?? '' };
}

export const actions = {
	publish: async ({ locals, params }) => {
		try {
			await publishNotice(locals.actor, params.id);
		} catch (err) {
			return fail(409, { errors: inputErrorFields(err) });
		}
		return { done: m.notices_published_done() };
	},
	schedule: async ({ request, locals, params }) => {
		const values = await postedTime(request);
		try {
			await scheduleNotice(locals.actor, params.id, values);
		} catch (err) {
			return fail(400, { errors: inputErrorFields(err), values });
		}
		return { done: m.notices_scheduled_done() };
	},
	reschedule: async ({ request, locals, params }) => {
		const values = await postedTime(request);
		try {
			await rescheduleNotice(locals.actor, params.id, values);
		} catch (err) {
			return fail(400, { errors: inputErrorFields(err), values });
		}
		return { done: m.notices_rescheduled_done() };
	},
	unschedule: async ({ locals, params }) => {
		try {
			await unscheduleNotice(locals.actor, params.id);
		} catch (err) {
			return fail(409, { errors: inputErrorFields(err) });
		}
		return { done: m.notices_unscheduled_done() };
	},
	remind: async ({ locals, params }) => {
		let count: number;
		try {
			count = await remindUnread(locals.actor, params.id);
		} catch (err) {
			return fail(409, { errors: inputErrorFields(err) });
		}
		return { done: m.notices_reminded_done({ count }) };
	},
	withdraw: async ({ locals, params }) => {
		try {
			await withdrawNotice(locals.actor, params.id);
		} catch (err) {
			return fail(409, { errors: inputErrorFields(err) });
		}
		return { done: m.notices_withdrawn_done() };
	}
} satisfies Actions;
