import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import type { Actor } from '#lib/server/auth/actor.ts';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { surveyReference } from '#lib/references.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { sendSurvey } from '#lib/server/surveys/sending.ts';
import { closeSurvey, editSurvey, surveyPage } from '#lib/server/surveys/staff.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const page = await surveyPage(locals.actor, params.id);
	const s = page.survey;
	return {
		id: s.id,
		reference: surveyReference(s.seq),
		title: s.title,
		state: s.state,
		anonymous: s.anonymous,
		audience: s.audience,
		closesAt: s.closesAt,
		sentAt: s.sentAt,
		estates: page.estates,
		/** Times are read in the zone of the survey's first estate. */
		timeZone: page.estates.find((e) => e.id === s.audience.estateIds[0])?.timeZone ?? DEFAULT_TIME_ZONE,
		progress: page.progress,
		rates: page.rates,
		actions: page.actions
	};
}) satisfies PageServerLoad;

/** One step of the survey: run it, then show the page again (PRG), or its message at its field. */
function step(name: string, run: (actor: Actor, id: string, body: FormData) => Promise<unknown>) {
	return async ({ request, locals, params }: RequestEvent) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		try {
			await run(locals.actor, params.id, body);
		} catch (err) {
			return fail(400, { step: name, errors: inputErrorFields(err) });
		}
		redirect(303, `/staff/surveys/${params.id}?done=${name}`);
	};
}

export const actions = {
	settings: step('settings', (actor, id, body) =>
		editSurvey(actor, id, {
			estateIds: body.getAll('estateIds').filter((v) => typeof v === 'string'),
			anonymous: formText(body, 'anonymous') === 'on',
			closesOn: formText(body, 'closesOn')
		})
	),
	send: step('send', (actor, id) => sendSurvey(actor, id)),
	close: step('close', (actor, id) => closeSurvey(actor, id))
} satisfies Actions;
