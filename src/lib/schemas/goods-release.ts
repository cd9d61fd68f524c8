import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { optionalText } from './fields.ts';

/** Goods release slips (放行單): what a request carries, as the plain form posts it. */
export const releaseRequestSchema = z.object({
	validOn: z
		.string()
		.trim()
		.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.field_date_invalid() }),
	/** One item a line; a quantity at the end ("Chairs x 4"). */
	items: z
		.string()
		.trim()
		.min(1, { error: () => m.releases_items_required() })
		.max(8000),
	vehiclePlate: optionalText(20),
	carrier: optionalText(100)
});

/** Why the desk refuses a request or cancels a slip. */
export const releaseReasonSchema = z.object({ reason: z.string().trim().min(1).max(500) });

/** What the guard notes at the gate (optional). */
export const gateNoteSchema = z.object({ note: optionalText(500) });
