import { fail } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { unitForResident } from '#lib/server/residents/units.ts';
import { myAmountDue } from '#lib/server/fees/resident.ts';
import { addEmergencyContact, addHouseholdMember, removeEmergencyContact, removeHouseholdMember } from '#lib/server/residents/household.ts';
import { emergencyContactSchema, householdMemberSchema } from '#lib/schemas/resident.ts';
import { formText } from '#lib/server/forms/form-text.ts';

const memberForm = () => superValidate(zod4(householdMemberSchema), { id: 'member' });
const contactForm = () => superValidate(zod4(emergencyContactSchema), { id: 'contact' });

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const unit = await unitForResident(locals.actor, params.id);
	// Arrears are part of the unit's record (contractors reach no unit's account).
	const fees = locals.actor.kind === 'resident' ? await myAmountDue(locals.actor, { unitId: unit.id }) : null;
	return { unit, fees, memberForm: await memberForm(), contactForm: await contactForm() };
}) satisfies PageServerLoad;

/**
 * After a successful add, an empty form with the confirmation, so the fields are clear for the
 * next entry even without JavaScript. (superforms' message() would answer 400 for an empty form.)
 */
async function clearedForm(make: typeof memberForm | typeof contactForm, message: string) {
	const form = await make();
	form.message = message;
	return { form };
}

export const actions = {
	addMember: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		const form = await superValidate(request, zod4(householdMemberSchema), { id: 'member' });
		if (!form.valid) return fail(400, { form });
		await addHouseholdMember(locals.actor, params.id, form.data);
		return clearedForm(memberForm, m.resident_member_added({ name: form.data.name }));
	},
	removeMember: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		await removeHouseholdMember(locals.actor, params.id, formText(await request.formData(), 'id'));
		return { removed: 'member' as const };
	},
	addContact: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		const form = await superValidate(request, zod4(emergencyContactSchema), { id: 'contact' });
		if (!form.valid) return fail(400, { form });
		await addEmergencyContact(locals.actor, params.id, form.data);
		return clearedForm(contactForm, m.resident_contact_added({ name: form.data.name }));
	},
	removeContact: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		await removeEmergencyContact(locals.actor, params.id, formText(await request.formData(), 'id'));
		return { removed: 'contact' as const };
	}
} satisfies Actions;
