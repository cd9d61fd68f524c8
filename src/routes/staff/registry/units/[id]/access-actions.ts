import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { RequestEvent } from './$types';
import { m } from '#lib/paraglide/messages.js';
import { dateOf } from '#lib/time/index.ts';
import { issueUnitInvitation } from '#lib/server/accounts/invitations.ts';
import { createResidentAccount } from '#lib/server/accounts/residents.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { residentAccountSchema, unitInvitationSchema } from '#lib/schemas/auth.ts';

const blankInvitation = () => ({ role: 'owner' as const, email: '' });
const blankAccount = () => ({ role: 'owner' as const, name: '', email: '', phone: '' });

export function accessForms() {
	return Promise.all([
		superValidate(blankInvitation(), zod4(unitInvitationSchema), { id: 'invite', errors: false }),
		superValidate(blankAccount(), zod4(residentAccountSchema), { id: 'account', errors: false })
	]);
}

/** Staff hand a resident of this unit a one-time invitation code (shown once, optionally emailed). */
export async function invite({ request, locals, params }: RequestEvent) {
	requireStaff(locals.actor, 'invitations.issue');
	const form = await superValidate(request, zod4(unitInvitationSchema), { id: 'invite' });
	if (!form.valid) return fail(400, { form });
	try {
		const email = form.data.email || undefined;
		const { code, expiresAt, timeZone } = await issueUnitInvitation(locals.actor, { unitId: params.id, role: form.data.role, email });
		const expires = dateOf(expiresAt, timeZone);
		const text = m.registry_invite_issued({ code, expires }) + (email ? ` ${m.registry_invite_emailed({ email })}` : '');
		form.data = blankInvitation();
		return message(form, text);
	} catch (err) {
		return showInputError(form, err);
	}
}

/** Staff create (or link) the resident's account at the counter; the resident sets a password by email. */
export async function account({ request, locals, params }: RequestEvent) {
	requireStaff(locals.actor, 'residents.create');
	const form = await superValidate(request, zod4(residentAccountSchema), { id: 'account' });
	if (!form.valid) return fail(400, { form });
	try {
		const { created } = await createResidentAccount(locals.actor, { unitId: params.id, ...form.data });
		const email = form.data.email;
		form.data = blankAccount();
		return message(form, created ? m.registry_account_created({ email }) : m.registry_account_linked({ email }));
	} catch (err) {
		return showInputError(form, err);
	}
}
