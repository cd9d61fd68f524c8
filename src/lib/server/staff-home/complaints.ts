/**
 * The complaint sections of the staff home: the open complaints I own or answer for, and — for the
 * desk — those nobody has taken up yet (首問), each a glance at the board's list it links to.
 */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { dateTime } from '#lib/time/index.ts';
import { can } from '../auth/guards.ts';
import { complaintGlance } from '../complaints/queries.ts';
import { localizedName } from '../dictionaries/localized-name.ts';
import { SECTION_ITEMS, type SectionReader } from './section.ts';

type Glance = Awaited<ReturnType<typeof complaintGlance>>;

function items(glance: Glance) {
	const locale = getLocale();
	return glance.rows.map((row) => {
		const due = row.state === 'assigned' ? row.departmentDueAt : row.promisedReplyBy;
		return {
			href: `/staff/complaints/${row.id}`,
			reference: row.reference,
			text: `${localizedName(row.kind, locale)} · ${row.content.length > 60 ? `${row.content.slice(0, 60)}…` : row.content}`,
			when: due ? m.staffhome_due({ when: dateTime(due, row.timeZone) }) : dateTime(row.createdAt, row.timeZone),
			overdue: row.late
		};
	});
}

/** Open complaints I own (首問) or am responsible for. */
export const myComplaints: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff' || !can(actor, ['complaints.read', 'complaints.resolve'])) return null;
	const glance = await complaintGlance(actor, { state: 'open', mine: true }, { limit: SECTION_ITEMS, now, executor });
	return {
		id: 'complaints-mine',
		title: m.complaints_ui_home_mine(),
		count: glance.count,
		overdue: glance.overdue,
		href: '/staff/complaints?mine=1',
		items: items(glance)
	};
};

/** The desk: complaints nobody has taken up yet. */
export const unownedComplaints: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff' || !can(actor, 'complaints.intake')) return null;
	const glance = await complaintGlance(actor, { state: 'open', unowned: true }, { limit: SECTION_ITEMS, now, executor });
	return {
		id: 'complaints-unowned',
		title: m.complaints_ui_home_unowned(),
		count: glance.count,
		overdue: glance.overdue,
		href: '/staff/complaints?unowned=1',
		items: items(glance)
	};
};
