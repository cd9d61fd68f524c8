import type { PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { surveyForBuilder } from '#lib/server/surveys/builder.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const { survey } = await surveyForBuilder(locals.actor, params.id);
	return { id: survey.id, title: survey.title, definition: survey.definition, anonymous: survey.anonymous };
}) satisfies PageServerLoad;
