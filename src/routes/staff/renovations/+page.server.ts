import type { PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { renovationBoard } from '#lib/server/renovations/review-queries.ts';
import { renovationReference } from '#lib/references.ts';

export const load = (async ({ locals, url }) => {
	requireSignedIn(locals.actor);
	const board = await renovationBoard(locals.actor, new Date(), { estateId: url.searchParams.get('estate') ?? '' });
	const row = (a: (typeof board.mine)[number]) => ({
		id: a.id,
		reference: renovationReference(a.seq),
		state: a.state,
		unit: `${a.buildingName} ${a.unitNumber}`,
		submittedAt: a.submittedAt,
		timeZone: a.timeZone,
		revision: a.drawingRevision,
		due: a.due,
		/** For the works under way: the departments that have inspected it today. */
		inspectedBy: null as readonly ('desk' | 'engineering' | 'security')[] | null
	});
	return {
		mine: board.mine.map(row),
		overdue: board.overdue.map(row),
		inWorks: board.inWorks.map((a) => ({ ...row(a), inspectedBy: a.inspectedBy })),
		others: board.others.map(row),
		finished: board.finished.map(row)
	};
}) satisfies PageServerLoad;
