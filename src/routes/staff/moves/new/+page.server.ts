import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { moveUnitLookup } from '#lib/server/moves/queries.ts';
import { openMoveIn } from '#lib/server/moves/move-in.ts';
import { applyMoveOut } from '#lib/server/moves/move-out.ts';
import { checkFields, inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { moveInOpenSchema } from '#lib/schemas/moves.ts';

const values = (body: FormData) => Object.fromEntries([...body.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'));

/**
 * Opened from a unit's registry page (?unitId=…) or for a unit the desk finds by building and
 * number (?building=…&unit=…): the unit and its occupants today. The forms need the unit first.
 */
export const load = (async ({ locals, url }) => {
	const q = url.searchParams;
	return moveUnitLookup(locals.actor, { unitId: q.get('unitId') ?? '', buildingId: q.get('building') ?? '', number: q.get('unit') ?? '' });
}) satisfies PageServerLoad;

export const actions = {
	in: async ({ request, locals }) => {
		const body = values(await request.formData());
		// Every field's problem at once (a new company's form is long); the service checks again.
		const checked = checkFields(moveInOpenSchema, body);
		if (!checked.ok) return fail(400, { step: 'in', errors: checked.errors, values: body });
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
