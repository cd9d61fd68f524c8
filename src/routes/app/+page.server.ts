import type { PageServerLoad } from './$types';
import { mySurveys } from '#lib/server/surveys/portal.ts';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { myUnits } from '#lib/server/residents/units.ts';
import { myHousehold } from '#lib/server/residents/household.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { myOpenRepairs } from '#lib/server/repairs/queries.ts';
import { myAmountDue } from '#lib/server/fees/resident.ts';
import { myRenovations } from '#lib/server/renovations/queries.ts';
import { renovationReference } from '#lib/references.ts';
import { residentMoves } from '#lib/server/moves/queries.ts';
import { myNotices } from '#lib/server/notices/resident.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	// A contractor's home is its renovation jobs; it holds no units.
	if (locals.actor.kind === 'contractor') {
		const jobs = (await myRenovations(locals.actor)).map((a) => ({
			id: a.id,
			reference: renovationReference(a.seq),
			state: a.state,
			unitNumber: a.unitNumber
		}));
		return {
			jobs,
			units: [],
			household: { members: [], emergencyContacts: [] },
			openCases: [],
			hasRepairs: false,
			hasMoves: false,
			fees: null,
			surveys: [],
			hasSurveys: false,
			notices: []
		};
	}
	const [units, household, repairs, fees, surveys, notices] = await Promise.all([
		myUnits(locals.actor),
		myHousehold(locals.actor),
		myOpenRepairs(locals.actor),
		myAmountDue(locals.actor),
		mySurveys(locals.actor),
		// The office's current notices, pinned first: the few newest here, all on /app/notices.
		myNotices(locals.actor, { limit: 3 })
	]);
	// A company moving in holds no unit yet: its move-in (rules to sign, readings to confirm) is
	// reached from here. With a unit, the home's case links lead to the moves already.
	const hasMoves = units.length === 0 && (await residentMoves(locals.actor)).length > 0;
	// Open repairs for now; complaints and renovations join this list in later issues.
	const locale = getLocale();
	const openCases = repairs.open.map((r) => ({
		id: r.id,
		href: `/app/repairs/${r.id}`,
		reference: r.reference,
		title: repairKindName(r.kind, locale),
		state: r.state
	}));
	return {
		jobs: null,
		units,
		household,
		openCases,
		hasRepairs: repairs.any,
		hasMoves,
		fees,
		// The surveys waiting for this resident's answer (rule 7): a link from the home.
		surveys: surveys.filter((s) => s.waiting).map((s) => ({ recipientId: s.recipientId, title: s.title })),
		hasSurveys: surveys.length > 0,
		notices
	};
}) satisfies PageServerLoad;
