import type { PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { dateTime } from '#lib/time/index.ts';
import { deadlineKindsLabel, deadlineLabel } from '#lib/deadline-labels.ts';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { myOverdue, overdueInEstates, overseesDeadlines, type OverdueRow } from '#lib/server/deadlines/queries.ts';
import { MANAGER_GRACE_WORKING_MINUTES, deadlineKinds } from '#lib/server/deadlines/rules.ts';
import { repairReference } from '#lib/server/repairs/notices.ts';

/**
 * What is past its deadline (rule 1): mine, or — for those the sweep escalates to — everything in
 * my estates with the figures by estate and kind. Grouped by kind, the most overdue first.
 */
export const load = (async ({ locals, url }) => {
	requireSignedIn(locals.actor);
	const actor = locals.actor;
	const oversees = overseesDeadlines(actor);
	const scope = oversees && url.searchParams.get('scope') === 'estates' ? 'estates' : 'mine';
	const now = new Date();
	const locale = getLocale();
	const read = scope === 'estates' ? await overdueInEstates(actor, { now }) : { estates: [], rows: await myOverdue(actor, { now }) };
	const view = (row: OverdueRow) => ({
		key: `${row.kind}:${row.id}`,
		href: row.href,
		reference: repairReference(row),
		what: `${repairKindName(row.repairKind, locale)} · ${row.place}`,
		due: dateTime(row.dueAt, row.timeZone),
		told: row.notifiedAt ? dateTime(row.notifiedAt, row.timeZone) : null,
		escalated: row.escalatedAt ? dateTime(row.escalatedAt, row.timeZone) : null,
		closes: row.kind === 'signoff' && row.closeAt ? dateTime(row.closeAt, row.timeZone) : null
	});
	return {
		scope,
		oversees,
		graceHours: MANAGER_GRACE_WORKING_MINUTES / 60,
		kinds: deadlineKinds.map((kind) => ({ kind, label: deadlineKindsLabel(kind), short: deadlineLabel(kind) })),
		groups: deadlineKinds
			.map((kind) => ({ kind, label: deadlineKindsLabel(kind), rows: read.rows.filter((row) => row.kind === kind).map(view) }))
			.filter((group) => group.rows.length > 0),
		figures: read.estates
	};
}) satisfies PageServerLoad;
