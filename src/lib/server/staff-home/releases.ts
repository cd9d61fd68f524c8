/**
 * The goods release sections of the staff home (放行單): the requests waiting for the desk, and
 * security's day at the gate — the slips to check today and the goods released today — each read
 * through the list it links to (goods-release/queries.ts), so a count agrees with its page.
 */
import { m } from '#lib/paraglide/messages.js';
import { releaseItemLines } from '#lib/goods-release-labels.ts';
import { businessDate, clockTime } from '#lib/time/index.ts';
import { can } from '../auth/guards.ts';
import { gateDay, requestedGlance } from '../goods-release/queries.ts';
import { SECTION_ITEMS, type SectionReader } from './section.ts';
import type { Actor } from '../auth/actor.ts';
import type { Executor } from '../db/client.ts';

// The gate's two sections read one day: read it once per home (the same actor and moment).
const gateDays = new WeakMap<Actor, { at: number; day: ReturnType<typeof gateDay> }>();
function gateDayOnce(executor: Executor, actor: Actor, now: Date): ReturnType<typeof gateDay> {
	const held = gateDays.get(actor);
	if (held && held.at === now.getTime()) return held.day;
	const day = gateDay(actor, { now, executor });
	gateDays.set(actor, { at: now.getTime(), day });
	return day;
}

/** The desk: residents' requests to issue or refuse, the day soonest first. */
export const releaseRequests: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff' || !can(actor, 'releases.issue')) return null;
	const glance = await requestedGlance(actor, { now, executor, limit: SECTION_ITEMS });
	return {
		id: 'releases-requested',
		title: m.releases_home_requested(),
		count: glance.count,
		overdue: 0,
		href: '/staff/releases',
		items: glance.rows.map((row) => ({
			href: `/staff/releases#slip-${row.number}`,
			reference: row.number,
			text: `${row.unit} · ${releaseItemLines(row).join(', ')}`,
			when: m.releases_valid_on({ date: businessDate(row.validOn) }),
			overdue: row.status === 'expired'
		}))
	};
};

/** Security: the slips to check at the gate today, each opened as its QR code opens it. */
export const gateToday: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff' || !can(actor, 'releases.gate')) return null;
	const day = await gateDayOnce(executor, actor, now);
	return {
		id: 'releases-gate-today',
		title: m.releases_home_gate_today(),
		count: day.toCheck.length,
		overdue: 0,
		href: '/staff/gate',
		items: day.toCheck.slice(0, SECTION_ITEMS).map((row) => ({
			href: `/staff/gate/${row.token}`,
			reference: row.number,
			text: `${row.unit} · ${releaseItemLines(row).join(', ')}`,
			when: row.vehiclePlate ? m.releases_vehicle({ plate: row.vehiclePlate }) : null,
			overdue: false
		}))
	};
};

/** Security: what left today, the latest first. */
export const releasedToday: SectionReader = async (executor, actor, now) => {
	if (actor.kind !== 'staff' || !can(actor, 'releases.gate')) return null;
	const day = await gateDayOnce(executor, actor, now);
	return {
		id: 'releases-released-today',
		title: m.releases_home_released_today(),
		count: day.released.length,
		overdue: 0,
		href: '/staff/gate',
		items: day.released.slice(0, SECTION_ITEMS).map((row) => ({
			href: `/staff/gate/${row.token}`,
			reference: row.number,
			text: row.unit,
			when: row.releasedAt
				? m.releases_released_at({ when: clockTime(row.releasedAt, row.timeZone), name: row.releasedByName ?? '' })
				: null,
			overdue: false
		}))
	};
};
