import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { correctiveActionForms } from '#lib/server/forms/survey-action-forms.ts';
import { myActions } from '#lib/server/surveys/actions.ts';

export const load = (async ({ locals }) => {
	requireSignedIn(locals.actor);
	return { actions: await myActions(locals.actor) };
}) satisfies PageServerLoad;

export const actions = correctiveActionForms satisfies Actions;
