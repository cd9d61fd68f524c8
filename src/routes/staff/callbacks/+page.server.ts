import type { PageServerLoad } from './$types';
import { DEFAULT_TIME_ZONE, localClock, localDate, localMonth } from '#lib/time/index.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { actorEstates } from '#lib/server/property/estates.ts';
import { callbackBoard, callbackSharesThisMonth, type CallbackBoardFilter } from '#lib/server/callbacks/queries.ts';

const states = ['open', 'done', 'all'] as const;

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'callbacks.do');
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
		// Each estate's own month; without any estate there is nothing to count in any zone.
		month: shares[0]?.month ?? localMonth(now, DEFAULT_TIME_ZONE),
		shares,
		more: board.more,
		rows: board.rows.map((row) => ({
			id: row.id,
			reference: row.reference,
			estateCode: row.estateCode,
			unit: `${row.buildingName} ${row.unitNumber}`,
			kind: row.kind,
			rule: row.rule,
			dueDate: localDate(row.dueAt, row.timeZone),
			dueTime: localClock(row.dueAt, row.timeZone),
			overdue: row.overdue,
			state: row.state,
			doneDate: row.doneAt ? localDate(row.doneAt, row.timeZone) : null,
			problemFound: row.problemFound,
			assigneeName: row.assigneeName,
			assigneeRole: row.assigneeRole,
			mine: row.mine,
			evaluated: row.evaluated
		}))
	};
}) satisfies PageServerLoad;
