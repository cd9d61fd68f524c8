import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { gradeOverrideSchema, liftOverrideSchema } from '#lib/schemas/customers.ts';
import { formAction } from '#lib/server/forms/form-action.ts';
import { customerPage } from '#lib/server/customers/directory.ts';
import { liftGradeOverride, overrideGrade } from '#lib/server/customers/overrides.ts';

export const load = (async ({ locals, params }) => {
	const customer = await customerPage(locals.actor, params.id);
	const [overrideForm, liftForm] = await Promise.all([
		superValidate(zod4(gradeOverrideSchema), { id: 'override' }),
		superValidate(zod4(liftOverrideSchema), { id: 'lift' })
	]);
	return { customer, overrideForm, liftForm };
}) satisfies PageServerLoad;

export const actions = {
	override: (event) =>
		formAction(event, {
			id: 'override',
			schema: gradeOverrideSchema,
			run: (actor, data) => overrideGrade(actor, event.params.id, data),
			done: `/staff/customers/${event.params.id}?done=override`
		}),
	lift: (event) =>
		formAction(event, {
			id: 'lift',
			schema: liftOverrideSchema,
			run: (actor, data) => liftGradeOverride(actor, event.params.id, data),
			done: `/staff/customers/${event.params.id}?done=lift`
		})
} satisfies Actions;
