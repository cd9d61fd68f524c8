import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

const phonePattern = /^\+?[0-9][0-9 -]{2,29}$/;

const name = z.string().trim().min(1).max(100);
const relation = z.string().trim().min(1).max(40);

export const householdMemberSchema = z.object({
	name,
	relation,
	/** Optional for household members: a child may have no phone. */
	phone: z
		.string()
		.trim()
		.max(30)
		.refine((v) => v === '' || phonePattern.test(v), { error: () => m.field_phone_invalid() })
});
export type HouseholdMemberInput = z.infer<typeof householdMemberSchema>;

export const emergencyContactSchema = z.object({
	name,
	relation,
	phone: z
		.string()
		.trim()
		.min(1)
		.max(30)
		.regex(phonePattern, { error: () => m.field_phone_invalid() })
});
export type EmergencyContactInput = z.infer<typeof emergencyContactSchema>;
