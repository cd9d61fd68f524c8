/**
 * The survey section of the staff home: the corrective actions I own and have not closed (rule 7),
 * whatever my department. Shown to whoever owns one, and always to those who manage surveys.
 */
import { m } from '#lib/paraglide/messages.js';
import { businessDate } from '#lib/time/index.ts';
import { can } from '../auth/guards.ts';
import { ownActionsGlance } from '../surveys/actions.ts';
import { SECTION_ITEMS, type SectionReader } from './section.ts';

export const myCorrectiveActions: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff') return null;
	const glance = await ownActionsGlance(actor, { limit: SECTION_ITEMS, now, executor });
	if (glance.count === 0 && !can(actor, 'surveys.manage')) return null;
	return {
		id: 'survey-actions',
		title: m.staffhome_actions(),
		count: glance.count,
		overdue: glance.overdue,
		href: '/staff/surveys/actions',
		items: glance.rows.map((row) => ({
			href: '/staff/surveys/actions',
			reference: row.title,
			text: row.estateName,
			when: m.staffhome_due({ when: businessDate(row.dueOn) }),
			overdue: row.overdue
		}))
	};
};
