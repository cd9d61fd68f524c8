/**
 * The repair sections of the staff home: the orders I own or am assigned, the desk's new requests
 * nobody has taken up, the quotes waiting for a supervisor, and the orders past their deadline —
 * each a glance at the queue filtered as its link is (repairs/queries.ts `queueGlance`).
 */
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { dateTime } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/guards.ts';
import type { Permission } from '../auth/permissions.ts';
import type { Executor } from '../db/client.ts';
import { repairKindName } from '../dictionaries/repair-kinds.ts';
import { queueGlance, type QueueFilter } from '../repairs/queries.ts';
import { SECTION_ITEMS, type SectionReader, type WaitingSection } from './section.ts';

async function repairSection(
	executor: Executor,
	actor: Actor,
	now: Date,
	section: { id: string; title: () => string; needs: Permission; filter: QueueFilter; href: string }
): Promise<WaitingSection | null> {
	if (actor.kind !== 'staff' || !can(actor, section.needs)) return null;
	const glance = await queueGlance(actor, section.filter, { limit: SECTION_ITEMS, executor, now });
	const locale = getLocale();
	return {
		id: section.id,
		title: section.title(),
		count: glance.count,
		overdue: glance.overdue,
		href: section.href,
		items: glance.rows.map((row) => ({
			href: `/staff/repairs/${row.id}`,
			reference: row.reference,
			text: `${repairKindName(row.kind, locale)} · ${row.place}`,
			// The deadline of the stage it is in, as the queue shows it.
			when: m.staffhome_due({ when: dateTime(row.firstResponseAt ? row.completionDueAt : row.responseDueAt, row.timeZone) }),
			overdue: row.overdue
		}))
	};
}

/** 首問 and technician: the open orders I own or am assigned (the queue's "only mine"). */
export const myRepairs: SectionReader = (executor, actor, now) =>
	repairSection(executor, actor, now, {
		id: 'repairs-mine',
		title: () => m.staffhome_repairs_mine(),
		needs: 'repairs.read',
		filter: { state: 'open', mine: true },
		href: '/staff/repairs?mine=1'
	});

/** The desk: new requests of my estates nobody has taken up yet. */
export const unownedRepairs: SectionReader = (executor, actor, now) =>
	repairSection(executor, actor, now, {
		id: 'repairs-unowned',
		title: () => m.staffhome_repairs_unowned(),
		needs: 'repairs.intake',
		filter: { state: 'received', unowned: true },
		href: '/staff/repairs?state=received&unowned=1'
	});

/** Supervisors: paid-service quotes waiting for approval before the resident sees them. */
export const quotesToApprove: SectionReader = (executor, actor, now) =>
	repairSection(executor, actor, now, {
		id: 'repairs-quotes',
		title: () => m.staffhome_repairs_quotes(),
		needs: 'repairs.supervise',
		filter: { state: 'open', quotePending: true },
		href: '/staff/repairs?quotes=1'
	});

/** Orders past their first-response or completion deadline, of those I see. */
export const overdueRepairs: SectionReader = (executor, actor, now) =>
	repairSection(executor, actor, now, {
		id: 'repairs-overdue',
		title: () => m.staffhome_repairs_overdue(),
		needs: 'repairs.read',
		filter: { state: 'open', overdue: true },
		href: '/staff/repairs?overdue=1'
	});

/**
 * The desk: visits whose time the technician proposed after missing one and the resident has not
 * confirmed (the proposal stands as the appointment). Shown only while there are any, so the desk
 * can call the resident before the technician goes.
 */
export const unconfirmedVisits: SectionReader = async (executor, actor, now) => {
	const section = await repairSection(executor, actor, now, {
		id: 'repairs-unconfirmed',
		title: () => m.visits_home_unconfirmed(),
		needs: 'repairs.intake',
		filter: { state: 'scheduled', timeUnconfirmed: true },
		href: '/staff/repairs?state=scheduled&unconfirmed=1'
	});
	return section && section.count > 0 ? section : null;
};
