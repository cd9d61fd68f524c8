import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { openMoveIn } from '#lib/server/moves/move-in.ts';
import { applyMoveOut } from '#lib/server/moves/move-out.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';

const values = (body: FormData) => Object.fromEntries([...body.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));

export const actions = {
	in: async ({ request, locals }) => {
		const body = values(await request.formData());
		let id: string;
		try {
			({ id } = await openMoveIn(locals.actor, body.unitId ?? '', body));
		} catch (err) {
			return fail(400, { step: 'in', errors: inputErrorFields(err), values: body });
		}
		redirect(303, `/staff/moves/${id}`);
	},
	out: async ({ request, locals }) => {
		const body = values(await request.formData());
		let id: string;
		try {
			({ id } = await applyMoveOut(locals.actor, body));
		} catch (err) {
			return fail(400, { step: 'out', errors: inputErrorFields(err), values: body });
		}
		redirect(303, `/staff/moves/${id}`);
	}
} satisfies Actions;
