import type { PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { templateForBuilder } from '#lib/server/surveys/builder.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const template = await templateForBuilder(locals.actor, params.id);
	return { id: template.id, title: template.title, definition: template.definition };
}) satisfies PageServerLoad;
