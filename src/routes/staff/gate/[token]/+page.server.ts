import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { gateSlip, releaseAtGate } from '#lib/server/goods-release/gate.ts';

/** The slip a QR code opens (/staff/gate/<token>): what may leave, and the release — once. */
export const load = (async ({ locals, params }) => {
	requireStaff(locals.actor, 'releases.gate');
	return { slip: await gateSlip(locals.actor, params.token) };
}) satisfies PageServerLoad;

export const actions = {
	release: async ({ request, locals, params }) => {
		requireStaff(locals.actor, 'releases.gate');
		const note = formText(await request.formData(), 'note');
		try {
			await releaseAtGate(locals.actor, params.token, { note });
		} catch (err) {
			return fail(409, { errors: inputErrorFields(err), note });
		}
		return { released: true };
	}
} satisfies Actions;
