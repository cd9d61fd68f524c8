import type { PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { mySurveys } from '#lib/server/surveys/portal.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	return { surveys: await mySurveys(locals.actor) };
}) satisfies PageServerLoad;
