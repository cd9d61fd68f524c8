/** The forms of a move-in (入伙) and move-out (遷出): each step its own small form (moves/). */
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { checkbox, optionalText, requiredText } from './fields.ts';
import { occupancyAddSchema } from './registry.ts';
import { nameField, phoneField } from './auth.ts';
import { emergencyContactSchema } from './resident.ts';

const isoDate = z.iso.date({ error: () => m.field_date_invalid() });
/** A decimal meter reading as typed (at most two decimals), checked again against the meter's history. */
const readingValue = z
	.string()
	.trim()
	.regex(/^\d{1,12}(\.\d{1,2})?$/, { error: () => m.moves_reading_invalid() });
/** An amount typed in major units ("120.50"), read into minor units by the service (lib/money). */
const amountText = z
	.string()
	.trim()
	.regex(/^\d{1,9}(\.\d{1,2})?$/, { error: () => m.moves_amount_invalid() });

/** Customer service opens a move-in for a unit and a party found as the registry finds it. */
export const moveInOpenSchema = occupancyAddSchema;

export const identitySchema = z.object({ byProxy: checkbox });
export const papersSchema = z.object({
	archiveForm: checkbox,
	signage: optionalText(200),
	equipment: optionalText(2000)
});
export const rulesSignatureSchema = z.object({
	name: requiredText(120),
	agree: checkbox.refine((v) => v, { error: () => m.moves_rules_agree_required() })
});
export const readingsSchema = z.object({ water: readingValue, electricity: readingValue });
export const keySchema = z.object({
	number: requiredText(40),
	kind: z.enum(['door', 'mailbox', 'access_card', 'garage', 'other'], { error: () => m.registry_choose_option() })
});
export const reasonSchema = z.object({ reason: requiredText(1000) });
/** A contact person of the new party (the archive registration form's): the registry's emergency contact. */
export const moveContactSchema = emergencyContactSchema;
export const moveContactRemoveSchema = z.object({ contactId: z.uuid({ error: () => m.field_required() }) });

/** Move-out: the party (or the desk for it) applies with a date and where to reach it later. */
export const moveOutApplySchema = z.object({
	unitId: z.uuid({ error: () => m.field_required() }),
	occupancyId: z.string().trim().max(40).default(''),
	plannedOn: isoDate,
	forwardingAddress: optionalText(500),
	forwardingPhone: optionalText(40)
});
export const forwardingSchema = z.object({ forwardingAddress: requiredText(500), forwardingPhone: requiredText(40) });
export const keyReturnSchema = z.object({
	keyId: z.uuid({ error: () => m.field_required() }),
	missing: checkbox,
	price: z.string().trim().max(20).default('')
});
export const damageSchema = z.object({ description: requiredText(200), amount: amountText });
export const inspectOutSchema = z.object({ powerOff: checkbox, airConOff: checkbox, extinguishersReturned: checkbox });
export const defectSchema = z.object({
	kindId: z.uuid({ error: () => m.repairs_kind_required() }),
	description: z
		.string()
		.trim()
		.min(5, { error: () => m.repairs_description_short() })
		.max(2000),
	contactName: nameField,
	contactPhone: phoneField
});
