/**
 * The renovation section of the staff home: applications of my estates whose step is my
 * department's move (the machine's stepHolders), with the day each step is due — the board's
 * "waiting for me" (renovations/review-queries.ts).
 */
import { m } from '#lib/paraglide/messages.js';
import { renovationReference } from '#lib/references.ts';
import { businessDate } from '#lib/time/index.ts';
import { can } from '../auth/guards.ts';
import { renovationGlance } from '../renovations/review-queries.ts';
import { SECTION_ITEMS, type SectionReader } from './section.ts';

export const renovationsWaiting: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff' || !can(actor, 'renovations.read')) return null;
	const glance = await renovationGlance(actor, { limit: SECTION_ITEMS, now, executor });
	// Reading every application without a step of one's own (an admin): nothing ever waits for them.
	if (glance.count === 0 && !can(actor, ['renovations.intake', 'renovations.engineering', 'renovations.security', 'renovations.accept']))
		return null;
	return {
		id: 'renovations',
		title: m.staffhome_renovations(),
		count: glance.count,
		overdue: glance.overdue,
		href: '/staff/renovations',
		items: glance.rows.map((row) => ({
			href: `/staff/renovations/${row.id}`,
			reference: renovationReference(row.seq),
			text: `${row.buildingName} · ${row.unitNumber}`,
			when: row.due ? m.staffhome_due({ when: businessDate(row.due.day) }) : null,
			overdue: row.due?.overdue ?? false
		}))
	};
};
