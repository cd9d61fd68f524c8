/**
 * The callback sections of the staff home: the callbacks given to me (回訪, due by kind) and the
 * rectification notices still open — mine as the technician, or every one of my estates for
 * callback staff and repair leads — each a glance at the list it links to.
 */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { dateTime } from '#lib/time/index.ts';
import { can } from '../auth/guards.ts';
import { callbackGlance } from '../callbacks/queries.ts';
import { rectificationGlance, rectificationReaders } from '../callbacks/service.ts';
import { repairKindName } from '../dictionaries/repair-kinds.ts';
import { SECTION_ITEMS, type SectionReader } from './section.ts';

/** Callback staff: my open callbacks, the one due first at the top (the board's "only mine"). */
export const myCallbacks: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff' || !can(actor, 'callbacks.do')) return null;
	const glance = await callbackGlance(actor, { mine: true, state: 'open' }, { limit: SECTION_ITEMS, now, executor });
	const locale = getLocale();
	return {
		id: 'callbacks-mine',
		title: m.staffhome_callbacks_mine(),
		count: glance.count,
		overdue: glance.overdue,
		href: '/staff/callbacks?mine=1',
		items: glance.rows.map((row) => ({
			href: `/staff/callbacks/${row.id}`,
			reference: row.reference,
			text: `${repairKindName(row.kind, locale)} · ${row.place}`,
			when: m.staffhome_due({ when: dateTime(row.dueAt, row.timeZone) }),
			overdue: row.overdue
		}))
	};
};

/** Rectification notices (整改通知) still open: due within 24 hours of the callback that found the problem. */
export const openRectifications: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff' || !can(actor, rectificationReaders)) return null;
	const glance = await rectificationGlance(actor, { state: 'open' }, { limit: SECTION_ITEMS, now, executor });
	return {
		id: 'rectifications',
		title: glance.wide ? m.staffhome_rectifications_estate() : m.staffhome_rectifications_mine(),
		count: glance.count,
		overdue: glance.overdue,
		href: '/staff/callbacks/rectifications',
		items: glance.rows.map((row) => ({
			href: `/staff/callbacks/rectifications#notice-${row.id}`,
			reference: row.reference,
			text: row.issue,
			when: m.staffhome_due({ when: dateTime(row.dueAt, row.timeZone) }),
			overdue: row.overdue
		}))
	};
};
