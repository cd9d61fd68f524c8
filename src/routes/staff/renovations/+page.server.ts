import type { PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { renovationBoard } from '#lib/server/renovations/review-queries.ts';
import { renovationReference } from '#lib/references.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	const board = await renovationBoard(locals.actor);
	const row = (a: (typeof board.mine)[number]) => ({
		id: a.id,
		reference: renovationReference(a.seq),
		state: a.state,
		unit: `${a.buildingName} ${a.unitNumber}`,
		submittedAt: a.submittedAt,
		timeZone: a.timeZone,
		revision: a.drawingRevision
	});
	return { mine: board.mine.map(row), inWorks: board.inWorks.map(row), others: board.others.map(row), finished: board.finished.map(row) };
}) satisfies PageServerLoad;
