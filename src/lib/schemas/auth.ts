import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '#lib/password-rules.ts';

const NAME_MAX_LENGTH = 100;
const EMAIL_MAX_LENGTH = 254;

/** Trimmed and lower-cased, as users.email stores it. */
export const emailField = z.string().trim().toLowerCase().min(1).max(EMAIL_MAX_LENGTH).check(z.email());
export const nameField = z.string().trim().min(1).max(NAME_MAX_LENGTH);
/** Digits, spaces, + and -; the office calls these numbers, so at least 6 digits' worth. */
const phonePattern = /^\+?[0-9][0-9 -]{4,28}[0-9]$/;
export const phoneField = z
	.string()
	.trim()
	.max(30)
	.regex(phonePattern, { error: () => m.field_phone_invalid() });
const optionalPhoneField = z
	.string()
	.trim()
	.max(30)
	.refine((v) => v === '' || phonePattern.test(v), { error: () => m.field_phone_invalid() });
const newPasswordField = z
	.string()
	.min(PASSWORD_MIN_LENGTH, { error: () => m.auth_password_too_short({ min: PASSWORD_MIN_LENGTH }) })
	.max(PASSWORD_MAX_LENGTH);
const codeField = z.string().trim().min(1).max(40);

function confirmMatches(data: { password: string; confirm: string }) {
	return data.password === data.confirm;
}
const mismatch = { error: () => m.auth_password_mismatch(), path: ['confirm'] };

export const loginSchema = z.object({
	email: emailField,
	password: z.string().min(1).max(PASSWORD_MAX_LENGTH)
});

export const forgotSchema = z.object({ email: emailField });

export const resetSchema = z
	.object({ password: newPasswordField, confirm: z.string().max(PASSWORD_MAX_LENGTH) })
	.refine(confirmMatches, mismatch);

export const profileSchema = z.object({ name: nameField, phone: optionalPhoneField });

export const changePasswordSchema = z
	.object({
		currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
		password: newPasswordField,
		confirm: z.string().max(PASSWORD_MAX_LENGTH)
	})
	.refine(confirmMatches, mismatch);

/** A new resident account from an invitation code. */
export const joinSchema = z
	.object({
		code: codeField,
		name: nameField,
		email: emailField,
		phone: phoneField,
		password: newPasswordField,
		confirm: z.string().max(PASSWORD_MAX_LENGTH)
	})
	.refine(confirmMatches, mismatch);

/** A signed-in resident adds a unit or company to the account. */
export const redeemSchema = z.object({ code: codeField });

export const companyInviteSchema = z.object({
	email: emailField,
	role: z.enum(['member', 'admin'])
});

/** Staff issue a unit invitation (the code is shown; emailed when an address is given). */
export const unitInvitationSchema = z.object({
	role: z.enum(['owner', 'renter']),
	email: z
		.string()
		.trim()
		.toLowerCase()
		.max(EMAIL_MAX_LENGTH)
		.refine((v) => v === '' || z.email().safeParse(v).success, { error: () => m.field_email_invalid() })
		.optional()
});

/** Staff create the account for a resident at the counter. */
export const residentAccountSchema = z.object({
	role: z.enum(['owner', 'renter']),
	name: nameField,
	email: emailField,
	phone: phoneField
});

/** Staff correct a resident's own contact details: the login email and the phone, by the accounts' rules. */
export const residentContactSchema = z.object({
	email: z
		.string()
		.trim()
		.toLowerCase()
		.min(1, { error: () => m.field_required() })
		.max(EMAIL_MAX_LENGTH)
		.check(z.email({ error: () => m.field_email_invalid() })),
	phone: phoneField
});
