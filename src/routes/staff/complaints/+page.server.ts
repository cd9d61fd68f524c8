import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { addMonths } from '#lib/time/index.ts';
import { can, requireStaff } from '#lib/server/auth/guards.ts';
import { localizedName } from '#lib/server/dictionaries/localized-name.ts';
import { complaintStates } from '#lib/server/complaints/machine.ts';
import { complaintQueue } from '#lib/server/complaints/queries.ts';
import { complaintReport } from '#lib/server/complaints/stats.ts';
import { parseCaseAge } from '#lib/case-age.ts';

type StateParam = 'open' | 'all' | (typeof complaintStates)[number];

/** The board's query string; unknown values are dropped rather than refused. */
function boardParams(params: URLSearchParams) {
	const state = params.get('state') ?? 'open';
	const after = (params.get('after') ?? '').slice(0, 80).split('~');
	return {
		estate: (params.get('estate') ?? '').slice(0, 40),
		month: (params.get('month') ?? '').slice(0, 7),
		state: (state === 'all' || complaintStates.includes(state as never) ? state : 'open') as StateParam,
		mine: params.get('mine') === '1',
		unowned: params.get('unowned') === '1',
		serious: params.get('serious') === '1',
		unverified: params.get('unverified') === '1',
		kind: (params.get('kind') ?? '').slice(0, 40),
		age: parseCaseAge(params.get('age')),
		late: params.get('late') === '1',
		q: (params.get('q') ?? '').trim().slice(0, 20),
		after: after.length === 2 ? { createdAt: after[0]!, id: after[1]! } : null
	};
}

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, ['complaints.read', 'complaints.resolve']);
	const params = boardParams(url.searchParams);
	const locale = getLocale();
	// The desk and managers see the month's figures and the callback board; departments only their list.
	const reading = can(locals.actor, 'complaints.read');
	const [queue, report] = await Promise.all([
		complaintQueue(locals.actor, {
			estateId: params.estate,
			state: params.state === 'all' ? '' : params.state,
			mine: params.mine,
			unowned: params.unowned,
			serious: params.serious,
			unverified: params.unverified,
			kindId: params.kind,
			age: params.age,
			late: params.late,
			reference: params.q,
			after: params.after
		}),
		reading ? complaintReport(locals.actor, { estate: params.estate || null, month: params.month || null }) : null
	]);
	const row = (r: (typeof queue.rows)[number]) => ({
		id: r.id,
		reference: r.reference,
		createdAt: r.createdAt,
		timeZone: r.timeZone,
		state: r.state,
		severity: r.severity,
		verified: r.verified,
		channel: r.channel,
		kind: localizedName(r.kind, locale),
		complainantName: r.complainantName,
		where: [r.estateName, [r.buildingName, r.unitNumber].filter(Boolean).join(' '), r.locationDetail].filter(Boolean).join(' · '),
		ownerName: r.ownerName,
		department: r.department,
		promisedReplyBy: r.promisedReplyBy,
		overdue: r.overdue,
		satisfied: r.satisfied
	});
	return {
		params: { ...params, after: undefined },
		canEnter: can(locals.actor, 'complaints.intake'),
		rows: queue.rows.map(row),
		next: queue.next ? `${queue.next.createdAt}~${queue.next.id}` : null,
		states: complaintStates,
		report: report && {
			estates: report.scope.estates.map(({ id, code, name }) => ({ id, code, name })),
			month: report.scope.month,
			previousMonth: addMonths(report.scope.month, -1),
			nextMonth: addMonths(report.scope.month, 1),
			total: report.total,
			shares: report.board.shares,
			callNext: report.board.next.map(row),
			byKind: report.byKind.map((g) => ({ ...g, name: g.names ? localizedName(g.names, locale) : g.key })),
			byDepartment: report.byDepartment
		}
	};
}) satisfies PageServerLoad;
