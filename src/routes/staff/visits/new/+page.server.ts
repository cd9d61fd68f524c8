import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { fail } from '@sveltejs/kit';
import { visitBookSchema } from '#lib/schemas/visits.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { bookingTarget } from '#lib/server/visits/queries.ts';
import { bookVisit } from '#lib/server/visits/steps.ts';
import { localInstant, addDays, localDateTimeValue, zoneName } from '#lib/time/index.ts';

export const load = (async ({ locals, url }) => {
	requireStaff(locals.actor, 'visits.manage');
	const target = await bookingTarget(locals.actor, url.searchParams.get('occupancy') ?? '');
	return {
		target,
		zone: zoneName(target.timeZone),
		// The field starts at 10:00 the next working morning, on the estate's clock.
		suggested: localDateTimeValue(localInstant(addDays(target.today, 1), 10 * 60, target.timeZone), target.timeZone)
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }) => {
		requireStaff(locals.actor, 'visits.manage');
		const form = await superValidate(request, zod4(visitBookSchema), { id: 'book' });
		if (!form.valid) return fail(400, { form });
		let id: string;
		try {
			({ id } = await bookVisit(locals.actor, form.data));
		} catch (err) {
			showInputError(form, err);
			return fail(400, { form });
		}
		redirect(303, `/staff/visits/${id}?done=booked`);
	}
} satisfies Actions;
