/**
 * The visits section of the staff home: the follow-ups of customer visits I owe an answer to
 * (rule 8: "follow up what could not be answered"), whatever my department — shown only to whoever
 * owns one, due first, each linking to its visit, where the owner answers it.
 */
import { m } from '#lib/paraglide/messages.js';
import { businessDate } from '#lib/time/index.ts';
import { ownFollowUps } from '../visits/queries.ts';
import { SECTION_ITEMS, type SectionReader } from './section.ts';

export const myFollowUps: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff') return null;
	const rows = await ownFollowUps(actor, { now, executor });
	if (rows.length === 0) return null;
	return {
		id: 'visit-follow-ups',
		title: m.staffhome_follow_ups(),
		count: rows.length,
		overdue: rows.filter((row) => row.overdue).length,
		href: '/staff/visits/follow-ups',
		items: rows.slice(0, SECTION_ITEMS).map((row) => ({
			href: `/staff/visits/${row.visitId}#follow-up-${row.id}`,
			reference: row.reference,
			text: `${row.question} · ${row.unit}`,
			when: m.staffhome_due({ when: businessDate(row.dueOn) }),
			overdue: row.overdue
		}))
	};
};
