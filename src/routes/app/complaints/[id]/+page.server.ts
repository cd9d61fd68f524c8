import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { commentSchema } from '#lib/schemas/repairs.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { formAction } from '#lib/server/forms/form-action.ts';
import { commentOnComplaint } from '#lib/server/complaints/desk.ts';
import { complaintStages } from '#lib/server/complaints/machine.ts';
import { complaintDetail } from '#lib/server/complaints/queries.ts';

/** What a complainant's timeline shows of an event's data; the rest stays on the server. */
const shownEventData = ['promisedReplyBy', 'dueAt'];

export const load = (async ({ locals, params }) => {
	requireResident(locals.actor);
	const detail = await complaintDetail(locals.actor, params.id);
	const { complaint, summary } = detail;
	return {
		timeZone: detail.timeZone,
		complaint: {
			id: complaint.id,
			reference: summary.reference,
			state: complaint.state,
			kind: localizedName(summary.kind, getLocale()),
			where: [summary.buildingName && `${summary.buildingName} ${summary.unitNumber}`, complaint.locationDetail]
				.filter(Boolean)
				.join(' · '),
			content: complaint.content,
			createdAt: complaint.createdAt,
			promisedReplyBy: complaint.promisedReplyBy,
			resolution: complaint.resolvedAt ? complaint.resolution : '',
			resolvedAt: complaint.resolvedAt
		},
		stages: complaintStages,
		canComment: detail.actions.includes('comment'),
		photos: detail.photos.map((p) => p.id),
		timeline: detail.timeline.map((e) => ({
			id: e.id,
			at: e.at,
			kind: e.kind,
			note: e.kind === 'filed' ? '' : e.note,
			byStaff: e.byStaff,
			data: Object.fromEntries(Object.entries(e.data ?? {}).filter(([key]) => shownEventData.includes(key)))
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	comment: (event) =>
		formAction(event, {
			id: 'comment',
			schema: commentSchema,
			run: async (actor, data) => {
				requireResident(actor);
				await commentOnComplaint(actor, event.params.id, data);
			},
			done: `/app/complaints/${event.params.id}?done=comment`
		})
} satisfies Actions;
