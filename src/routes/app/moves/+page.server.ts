import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { moveOutChoices, residentMoves } from '#lib/server/moves/queries.ts';
import { applyMoveOut } from '#lib/server/moves/move-out.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';

export const load = (async ({ locals }) => ({
	rows: await residentMoves(locals.actor),
	units: await moveOutChoices(locals.actor)
})) satisfies PageServerLoad;

export const actions = {
	apply: async ({ request, locals }) => {
		const body = Object.fromEntries(
			[...(await request.formData()).entries()].filter((e): e is [string, string] => typeof e[1] === 'string')
		);
		let id: string;
		try {
			({ id } = await applyMoveOut(locals.actor, body));
		} catch (err) {
			return fail(400, { errors: inputErrorFields(err), values: body });
		}
		redirect(303, `/app/moves/${id}`);
	}
} satisfies Actions;
