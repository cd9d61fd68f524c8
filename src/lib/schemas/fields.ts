import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

/** Text a person must fill in, trimmed, at most `max` characters. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
/** Text a person may leave empty, trimmed, at most `max` characters. */
export const optionalText = (max: number) => z.string().trim().max(max).default('');
/** Checkboxes post "on" when ticked and nothing when not. */
export const checkbox = z
	.union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
	.optional()
	.transform((v) => v === true || v === 'on' || v === 'true');
/** A local date-time from <input type="datetime-local">, read in the estate's time zone by the service. */
export const localDateTime = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: () => m.field_date_invalid() });
