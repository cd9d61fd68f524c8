import { fail } from '@sveltejs/kit';
import { formText } from '#lib/server/forms/form-text.ts';
import type { Actions, PageServerLoad } from './$types';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { confirmWidgetRequest, resendWidgetCode, widgetRequestStatus } from '#lib/server/widget/requests.ts';
import { widgetOr404 } from '#lib/server/widget/settings.ts';

/** A refusal the visitor can act on, shown at its field (or above the form). */
function refused(err: unknown, code = '') {
	if (!(err instanceof InputError)) throw err;
	return fail(400, { field: err.field, message: err.message, code });
}

export const load = (async ({ params }) => {
	const widget = await widgetOr404(params.key);
	return { request: await widgetRequestStatus(widget, params.id) };
}) satisfies PageServerLoad;

export const actions = {
	confirm: async ({ params, request }) => {
		const widget = await widgetOr404(params.key);
		const code = formText(await request.formData(), 'code').slice(0, 40);
		try {
			await confirmWidgetRequest(widget, params.id, { code });
		} catch (err) {
			return refused(err, code);
		}
		return { confirmed: true };
	},
	resend: async ({ params, getClientAddress }) => {
		const widget = await widgetOr404(params.key);
		try {
			await resendWidgetCode(widget, params.id, { ip: getClientAddress() });
		} catch (err) {
			return refused(err);
		}
		return { resent: true };
	}
} satisfies Actions;
