import { fail, isHttpError } from '@sveltejs/kit';
import { formText } from '#lib/server/forms/form-text.ts';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { isEvaluationToken } from '#lib/server/callbacks/evaluation.ts';
import { surveyLink } from '#lib/server/surveys/answering.ts';
import { widgetOr404 } from '#lib/server/widget/settings.ts';

export const load = (async ({ params }) => {
	await widgetOr404(params.key, 'survey');
	return {};
}) satisfies PageServerLoad;

export const actions = {
	// The code under a letter's QR code is the link's token; a pasted link works as well. The survey
	// itself opens in its own tab: its personal page is never framed.
	default: async ({ params, request }) => {
		await widgetOr404(params.key, 'survey');
		const typed = formText(await request.formData(), 'code').slice(0, 300);
		const token = /[a-km-np-z2-9]{26}/.exec(typed.replace(/[\s-]/g, '').toLowerCase())?.[0] ?? '';
		const survey = isEvaluationToken(token)
			? await surveyLink(token).catch((err: unknown) => {
					if (isHttpError(err, 404)) return null;
					throw err;
				})
			: null;
		if (survey?.status !== 'open') return fail(400, { typed, message: m.widget_ui_survey_unknown() });
		return { typed, found: { title: survey.title, path: `/s/${token}` } };
	}
} satisfies Actions;
