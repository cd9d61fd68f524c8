import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { staffRoleNames } from '#lib/server/auth/permissions.ts';

const phonePattern = /^\+?[0-9][0-9 -]{2,29}$/;

export const staffAccessSchema = z.object({
	roles: z.array(z.enum(staffRoleNames)).min(1, { error: () => m.admin_roles_required() }),
	estateIds: z.array(z.uuid()).default([])
});
export type StaffAccessInput = z.infer<typeof staffAccessSchema>;

export const staffCreateSchema = staffAccessSchema.extend({
	name: z.string().trim().min(1).max(100),
	email: z.string().trim().min(1).max(254).pipe(z.email()),
	phone: z
		.string()
		.trim()
		.max(30)
		.refine((v) => v === '' || phonePattern.test(v), { error: () => m.field_phone_invalid() })
});
export type StaffCreateInput = z.infer<typeof staffCreateSchema>;
