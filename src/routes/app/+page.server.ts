import type { PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { myUnits } from '#lib/server/residents/units.ts';
import { myHousehold } from '#lib/server/residents/household.ts';
import { getLocale } from '#lib/paraglide/runtime.js';
import { repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { myOpenRepairs } from '#lib/server/repairs/queries.ts';
import { myAmountDue } from '#lib/server/fees/resident.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	const [units, household, repairs, fees] = await Promise.all([
		myUnits(locals.actor),
		myHousehold(locals.actor),
		// Contractors also land here, and they file no repairs.
		locals.actor.kind === 'resident' ? myOpenRepairs(locals.actor) : { open: [], any: false },
		locals.actor.kind === 'resident' ? myAmountDue(locals.actor) : null
	]);
	// Open repairs for now; complaints and renovations join this list in later issues.
	const locale = getLocale();
	const openCases = repairs.open.map((r) => ({
		id: r.id,
		href: `/app/repairs/${r.id}`,
		reference: r.reference,
		title: repairKindName(r.kind, locale),
		state: r.state
	}));
	return { units, household, openCases, hasRepairs: repairs.any, fees };
}) satisfies PageServerLoad;
