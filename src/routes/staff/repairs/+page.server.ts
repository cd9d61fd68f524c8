import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { can, requireStaff } from '#lib/server/auth/guards.ts';
import { repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { staffQueue } from '#lib/server/repairs/queries.ts';
import { queueChoices } from '#lib/server/repairs/staff-choices.ts';
import { queueParams, toQueueFilter } from './queue-filter.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'repairs.read');
	const params = queueParams(url.searchParams);
	const locale = getLocale();
	const [queue, choices] = await Promise.all([staffQueue(locals.actor, toQueueFilter(params)), queueChoices(locals.actor, locale)]);
	return {
		params,
		choices,
		canEnter: can(locals.actor, 'repairs.intake'),
		rows: queue.rows.map((row) => ({
			id: row.id,
			reference: row.reference,
			createdAt: row.createdAt,
			channel: row.channel,
			verified: row.verified,
			/** A time proposed after a missed visit that the resident has not confirmed. */
			timeUnconfirmed: row.appointmentAgreement === 'proposed' && row.state === 'scheduled',
			state: row.state,
			estateName: row.estateName,
			unit: `${row.buildingName} · ${row.unitNumber}`,
			commonArea: row.location === 'common_area',
			locationDetail: row.locationDetail,
			kind: repairKindName(row.kind, locale),
			ownerName: row.ownerName,
			technicianName: row.technicianName,
			// The deadline of the stage it is in: first response until someone answered, then completion.
			dueStage: row.firstResponseAt ? ('completion' as const) : ('response' as const),
			dueAt: row.firstResponseAt ? row.completionDueAt : row.responseDueAt,
			done: row.workDoneAt !== null || row.state === 'done' || row.state === 'cancelled',
			overdue: row.overdue,
			timeZone: row.timeZone
		})),
		next: queue.next ? `${queue.next.createdAt}~${queue.next.id}` : null
	};
}) satisfies PageServerLoad;
