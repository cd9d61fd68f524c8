import type { PageServerLoad } from './$types';
import { requireCallbacks } from '#lib/server/callbacks/access.ts';
import { actorEstates } from '#lib/server/property/estates.ts';
import { callbackBoard, callbackSharesThisMonth, type CallbackBoardFilter } from '#lib/server/callbacks/queries.ts';
import { estateTimeZone } from '#lib/server/appointments/access.ts';
import { localClock, localDate } from '#lib/server/appointments/slot-times.ts';
import { monthOf } from '#lib/server/reports/month.ts';
import { DEFAULT_TIME_ZONE } from '#lib/server/calendar/working-time.ts';

const states = ['open', 'done', 'all'] as const;

export const load = (async ({ locals, url }) => {
	requireCallbacks(locals.actor);
	const actor = locals.actor;
	const stateParam = url.searchParams.get('state');
	const filter: Required<CallbackBoardFilter> = {
		estateId: url.searchParams.get('estate') ?? '',
		mine: url.searchParams.get('mine') === '1',
		state: states.find((s) => s === stateParam) ?? 'open',
		overdue: url.searchParams.get('overdue') === '1'
	};
	const now = new Date();
	const [estates, board, shares] = await Promise.all([
		actorEstates(actor),
		callbackBoard(actor, filter, { now }),
		callbackSharesThisMonth(actor, { now, estateId: filter.estateId })
	]);
	return {
		filter,
		estates,
		month: monthOf(now, DEFAULT_TIME_ZONE),
		shares,
		more: board.more,
		rows: board.rows.map((row) => {
			const zone = estateTimeZone(row.estateId);
			return {
				id: row.id,
				reference: row.reference,
				estateCode: row.estateCode,
				unit: `${row.buildingName} ${row.unitNumber}`,
				kind: row.kind,
				rule: row.rule,
				dueDate: localDate(row.dueAt, zone),
				dueTime: localClock(row.dueAt, zone),
				overdue: row.overdue,
				state: row.state,
				doneDate: row.doneAt ? localDate(row.doneAt, zone) : null,
				problemFound: row.problemFound,
				assigneeName: row.assigneeName,
				assigneeRole: row.assigneeRole,
				mine: row.mine,
				evaluated: row.evaluated
			};
		})
	};
}) satisfies PageServerLoad;
