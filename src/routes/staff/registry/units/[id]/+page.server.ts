import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { Actions, PageServerLoad } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { can, requireStaff } from '#lib/server/auth/guards.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { addEmergencyContact, addHouseholdMember, removeEmergencyContact, removeHouseholdMember } from '#lib/server/property/household.ts';
import { addOccupancy, endOccupancy } from '#lib/server/property/occupancies.ts';
import { getUnit, updateUnit } from '#lib/server/property/units.ts';
import { accessForms, account, invite } from './access-actions.ts';
import {
	occupancyAddSchema,
	staffEmergencyContactSchema,
	staffHouseholdMemberSchema,
	occupancyEndSchema,
	unitUpdateSchema
} from '#lib/schemas/registry.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { unitRenovations } from '#lib/server/renovations/review-queries.ts';
import { permitReference, renovationReference } from '#lib/references.ts';

/** A new occupancy starts today in the unit's estate (getUnit's `today`), unless staff pick a date. */
const blankOccupancy = (today: string) => ({
	partyType: 'person' as const,
	email: '',
	companyName: '',
	role: 'owner' as const,
	startsOn: today
});
const blankPerson = (occupancyId: string) => ({ name: '', relation: '', phone: '', occupancyId });

export const load = (async ({ locals, params }) => {
	requireStaff(locals.actor, 'registry.read');
	const unit = await getUnit(locals.actor, params.id);
	const [unitForm, occupancyForm, memberForm, contactForm] = await Promise.all([
		superValidate({ areaM2: unit.areaM2, use: unit.use }, zod4(unitUpdateSchema), { id: 'unit', errors: false }),
		superValidate(blankOccupancy(unit.today), zod4(occupancyAddSchema), { id: 'occupancy', errors: false }),
		superValidate(zod4(staffHouseholdMemberSchema), { id: 'member', errors: false }),
		superValidate(zod4(staffEmergencyContactSchema), { id: 'contact', errors: false })
	]);
	const [inviteForm, accountForm] = await accessForms();
	const renovations = can(locals.actor, 'renovations.read') ? await unitRenovations(locals.actor, unit.id) : null;
	return {
		unit,
		today: unit.today,
		renovations: renovations?.map((r) => ({
			id: r.id,
			reference: renovationReference(r.seq),
			state: r.state,
			submittedAt: r.submittedAt,
			timeZone: r.timeZone,
			permits: r.permits.map(permitReference)
		})),
		canWrite: can(locals.actor, 'registry.write'),
		canMove: can(locals.actor, 'moves.manage'),
		canOpenFile: can(locals.actor, ['archive.read', 'archive.request']),
		canInvite: can(locals.actor, 'invitations.issue'),
		canCreateAccount: can(locals.actor, 'residents.create'),
		unitForm,
		occupancyForm,
		memberForm,
		contactForm,
		inviteForm,
		accountForm
	};
}) satisfies PageServerLoad;

export const actions = {
	invite,
	account,

	update: async ({ request, locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.write');
		const form = await superValidate(request, zod4(unitUpdateSchema), { id: 'unit' });
		if (!form.valid) return fail(400, { form });
		try {
			const { changed } = await updateUnit(locals.actor, params.id, form.data, { ip: getClientAddress() });
			return message(form, changed ? m.registry_unit_saved() : m.registry_unit_unchanged());
		} catch (err) {
			return showInputError(form, err);
		}
	},

	occupancy: async ({ request, locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.write');
		const form = await superValidate(request, zod4(occupancyAddSchema), { id: 'occupancy' });
		if (!form.valid) return fail(400, { form });
		try {
			await addOccupancy(locals.actor, params.id, form.data, { ip: getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		form.data = blankOccupancy(form.data.startsOn);
		return message(form, m.registry_occupancy_added());
	},

	// One small form per occupancy row, so it is a plain form rather than a superform.
	end: async ({ request, locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.write');
		const body = Object.fromEntries(await request.formData());
		const parsed = occupancyEndSchema.safeParse(body);
		const occupancyId = typeof body.occupancyId === 'string' ? body.occupancyId : '';
		if (!parsed.success) {
			return fail(400, { endError: { occupancyId, message: parsed.error.issues[0]?.message ?? m.field_date_invalid() } });
		}
		try {
			await endOccupancy(locals.actor, params.id, parsed.data, { ip: getClientAddress() });
		} catch (err) {
			if (!(err instanceof InputError)) throw err;
			return fail(400, { endError: { occupancyId, message: err.message } });
		}
		return { done: m.registry_occupancy_ended() };
	},

	member: async ({ request, locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.write');
		const form = await superValidate(request, zod4(staffHouseholdMemberSchema), { id: 'member' });
		if (!form.valid) return fail(400, { form });
		try {
			await addHouseholdMember(locals.actor, params.id, form.data, { ip: getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		form.data = blankPerson(form.data.occupancyId);
		return message(form, m.registry_member_added());
	},

	removeMember: async ({ request, locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.write');
		const id = formText(await request.formData(), 'id');
		await removeHouseholdMember(locals.actor, params.id, id, { ip: getClientAddress() });
		return { done: m.registry_member_removed() };
	},

	contact: async ({ request, locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.write');
		const form = await superValidate(request, zod4(staffEmergencyContactSchema), { id: 'contact' });
		if (!form.valid) return fail(400, { form });
		try {
			await addEmergencyContact(locals.actor, params.id, form.data, { ip: getClientAddress() });
		} catch (err) {
			return showInputError(form, err);
		}
		form.data = blankPerson(form.data.occupancyId);
		return message(form, m.registry_contact_added());
	},

	removeContact: async ({ request, locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'registry.write');
		const id = formText(await request.formData(), 'id');
		await removeEmergencyContact(locals.actor, params.id, id, { ip: getClientAddress() });
		return { done: m.registry_contact_removed() };
	}
} satisfies Actions;
