import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localClock, localDate } from '#lib/time/index.ts';
import { can } from '#lib/server/auth/guards.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { listRectifications, resolveRectification } from '#lib/server/callbacks/service.ts';
import { formText } from '#lib/server/forms/form-text.ts';

export const load = (async ({ locals, url }) => {
	const state = url.searchParams.get('state') === 'resolved' ? 'resolved' : 'open';
	const mine = url.searchParams.get('mine') === '1';
	// listRectifications refuses anyone who is neither callback staff, repair lead nor technician.
	const { wide, rows } = await listRectifications(locals.actor, { state, mine });
	const when = (timeZone: string, at: Date | null) => (at ? { date: localDate(at, timeZone), time: localClock(at, timeZone) } : null);
	return {
		state,
		mine,
		wide,
		canOpenCallbacks: can(locals.actor, 'callbacks.do'),
		rows: rows.map((row) => ({
			id: row.id,
			callbackId: row.callbackId,
			repairId: row.repairId,
			reference: row.reference,
			unit: `${row.buildingName} ${row.unitNumber}`,
			contactName: row.contactName,
			contactPhone: row.contactPhone,
			kind: row.kind,
			issue: row.issue,
			due: when(row.timeZone, row.dueAt)!,
			issued: when(row.timeZone, row.createdAt)!,
			resolved: when(row.timeZone, row.resolvedAt),
			overdue: row.overdue,
			resolvedOnTime: row.resolvedOnTime,
			resolution: row.resolution,
			technicianName: row.technicianName,
			issuedByName: row.issuedByName,
			/** Opened by the resident's evaluation ("not fixed"), not by a callback. */
			fromEvaluation: row.issuedBy === null,
			/** The machine's answer for this notice. */
			actions: row.actions
		}))
	};
}) satisfies PageServerLoad;

export const actions = {
	resolve: async ({ request, locals }) => {
		const data = await request.formData();
		const input = { noticeId: formText(data, 'noticeId'), resolution: formText(data, 'resolution') };
		try {
			await resolveRectification(locals.actor, input);
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			return fail(400, { noticeId: input.noticeId, resolution: input.resolution, error: err.message });
		}
		return { resolvedId: input.noticeId };
	}
} satisfies Actions;
