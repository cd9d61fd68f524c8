import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

/** A customer: an occupancy's party, "company:<id>" or "user:<id>" (as the visits plan names it). */
const customerPartyField = z
	.string()
	.trim()
	.regex(/^(company|user):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: () => m.accuracy_party_required() });

/**
 * A customer's profile as the office keeps it (rule 11): its type, its business licence and
 * whether staff confirmed today that its contacts are current. An empty type or date is none.
 */
export const customerProfileSchema = z.object({
	party: customerPartyField,
	typeId: z.union([z.literal(''), z.uuid({ error: () => m.accuracy_type_invalid() })]).default(''),
	licenceNo: z
		.string()
		.trim()
		.max(60, { error: () => m.accuracy_licence_no_too_long() })
		.default(''),
	licenceExpiresOn: z.union([z.literal(''), z.iso.date({ error: () => m.field_date_invalid() })]).default(''),
	contactsConfirmed: z.boolean().default(false)
});
export type CustomerProfileInput = z.input<typeof customerProfileSchema>;
