/**
 * The deadline sections of the staff home (rule 1): what I own that is past its deadline — a
 * callback, a rectification notice, a promised reply, a quote to approve, a sign-off to chase —
 * and, for the managers the sweep escalates to, the figures of their estates by kind. Both read
 * what the deadline sweep reads (deadlines/queries.ts) and link to the overdue page.
 */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { dateTime } from '#lib/time/index.ts';
import { deadlineKindsLabel, deadlineLabel } from '#lib/deadline-labels.ts';
import { can } from '../auth/guards.ts';
import { repairKindName } from '../dictionaries/repair-kinds.ts';
import { myOverdue, overdueInEstates, overseesDeadlines } from '../deadlines/queries.ts';
import { deadlineKinds } from '../deadlines/rules.ts';
import { repairReference } from '../repairs/notices.ts';
import { SECTION_ITEMS, type SectionReader } from './section.ts';

/** Whoever can hold something with a deadline: callback staff, the desk, technicians and their leads. */
const holders = ['callbacks.do', 'repairs.intake', 'repairs.work', 'repairs.supervise'] as const;

/** Past its deadline and mine: the most overdue first. */
export const myOverdueSection: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff' || !can(actor, holders)) return null;
	const rows = await myOverdue(actor, { now, executor });
	const locale = getLocale();
	return {
		id: 'overdue-mine',
		title: m.deadlines_home_mine(),
		count: rows.length,
		overdue: rows.length,
		href: '/staff/overdue',
		items: rows.slice(0, SECTION_ITEMS).map((row) => ({
			href: row.href,
			reference: repairReference(row),
			text: `${deadlineLabel(row.kind)} · ${repairKindName(row.repairKind, locale)} · ${row.place}`,
			when: m.staffhome_due({ when: dateTime(row.dueAt, row.timeZone) }),
			overdue: true
		}))
	};
};

/** The managers' figures: how many of each kind are past their deadline in my estates. */
export const overdueFiguresSection: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff' || !overseesDeadlines(actor)) return null;
	const { totals, rows } = await overdueInEstates(actor, { now, executor });
	const escalated = new Map(deadlineKinds.map((kind) => [kind, rows.filter((r) => r.kind === kind && r.escalated).length]));
	return {
		id: 'overdue-estates',
		title: m.deadlines_home_estates(),
		count: rows.length,
		overdue: rows.length,
		href: '/staff/overdue?scope=estates',
		items: deadlineKinds
			.filter((kind) => totals[kind] > 0)
			.map((kind) => ({
				href: `/staff/overdue?scope=estates#kind-${kind}`,
				reference: deadlineKindsLabel(kind),
				text: m.deadlines_home_figure({ count: totals[kind], escalated: escalated.get(kind) ?? 0 }),
				when: null,
				overdue: true
			}))
	};
};
