import { fail } from '@sveltejs/kit';
import { formText } from '#lib/server/forms/form-text.ts';
import type { Actions, PageServerLoad } from './$types';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { widgetOr404 } from '#lib/server/widget/settings.ts';
import { trackWidgetCase } from '#lib/server/widget/tracking.ts';

export const load = (async ({ params }) => {
	await widgetOr404(params.key, 'track');
	return {};
}) satisfies PageServerLoad;

export const actions = {
	// A post, not a query string: the proof (phone digits, email) stays out of addresses and logs.
	default: async ({ params, request, getClientAddress }) => {
		const widget = await widgetOr404(params.key, 'track');
		const body = await request.formData();
		const typed = {
			trackingCode: formText(body, 'trackingCode').slice(0, 40),
			proof: formText(body, 'proof').slice(0, 254)
		};
		try {
			return { typed, tracked: await trackWidgetCase(widget, typed, { ip: getClientAddress() }) };
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			return fail(400, { typed, field: err.field, message: err.message });
		}
	}
} satisfies Actions;
