/**
 * Security's day at the gate, with the goods release sections (releases.ts): the move-ins and
 * move-outs planned for today in its estates, read through the move list's own scope.
 */
import { m } from '#lib/paraglide/messages.js';
import { can } from '../auth/guards.ts';
import { movesToday } from '../moves/queries.ts';
import { SECTION_ITEMS, type SectionReader } from './section.ts';

export const movesTodaySection: SectionReader = async (executor, actor, now) => {
	// The gate's people (security, managers): the desk and the departments work moves from their list.
	if (actor.kind !== 'staff' || !can(actor, 'releases.gate') || !can(actor, 'moves.read')) return null;
	const rows = await movesToday(actor, { now, executor });
	return {
		id: 'moves-today',
		title: m.moves_home_today(),
		count: rows.length,
		overdue: 0,
		href: '/staff/moves',
		items: rows.slice(0, SECTION_ITEMS).map((row) => ({
			href: `/staff/moves/${row.id}`,
			reference: row.kind === 'in' ? m.moves_kind_in() : m.moves_kind_out(),
			text: row.party ? `${row.unitNumber} · ${row.party}` : row.unitNumber,
			when: null,
			overdue: false
		}))
	};
};
