import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { localDateTime, optionalText, requiredText } from './fields.ts';

/** Visits to customers (拜訪客戶): what each form posts, as the plain forms post it. */

const uuid = z.uuid({ error: () => m.field_required() });
const businessDay = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.field_date_invalid() });

/** A customer of the estate named in the plan ("company:<id>" or "user:<id>") and its visits a year. */
export const visitTargetSchema = z.object({
	party: z
		.string()
		.trim()
		.regex(/^((company|user):[0-9a-f-]{36}|key_accounts)$/i, { error: () => m.visit_party_required() }),
	times: z.coerce
		.number({ error: () => m.visit_times_range() })
		.int({ error: () => m.visit_times_range() })
		.min(1, { error: () => m.visit_times_range() })
		.max(52, { error: () => m.visit_times_range() })
});

/** The office books a time with the occupancy visited. */
export const visitBookSchema = z.object({
	occupancyId: uuid,
	startsAt: localDateTime,
	purpose: optionalText(1000)
});

/** Another time: the resident's proposal, or the office's new booking. */
export const visitTimeSchema = z.object({
	startsAt: localDateTime,
	note: optionalText(500)
});

/** An answer to a time as it was shown (ISO instant): refused when the time has changed since. */
export const visitShownTimeSchema = z.object({ shown: z.string().trim().min(1).max(40) });

/** The visit form: what was said, and at most one follow-up written with it (more are added after). */
export const visitHoldSchema = z.object({
	opinions: optionalText(4000),
	suggestions: optionalText(4000),
	requests: optionalText(4000),
	question: optionalText(1000),
	ownerId: z.string().trim().max(40).default(''),
	dueOn: z.string().trim().max(10).default('')
});

/** A follow-up of a held visit: what could not be answered, who answers it, by when. */
export const visitFollowUpSchema = z.object({
	question: requiredText(1000),
	ownerId: uuid,
	dueOn: businessDay
});

export const visitFollowUpAnswerSchema = z.object({
	followUpId: uuid,
	answer: requiredText(2000)
});

export const visitCancelSchema = z.object({ reason: optionalText(500) });
