import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { parseDate } from '#lib/time/index.ts';

/** Trade groups a repair kind belongs to; they only group the list and the statistics. */
export const repairCategories = ['plumbing', 'electrical', 'building', 'mechanical', 'safety', 'common', 'other'] as const;
export type RepairCategory = (typeof repairCategories)[number];

/** The most working minutes an SLA target may take: 90 working days of 8 hours. */
export const MAX_SLA_MINUTES = 90 * 8 * 60;

const code = z
	.string()
	.trim()
	.toLowerCase()
	.min(1)
	.max(32)
	.regex(/^[a-z0-9][a-z0-9_-]*$/, { error: () => m.dict_code_invalid() });
const name = z.string().trim().min(1).max(100);
const sort = z
	.number({ error: () => m.dict_number_invalid() })
	.int({ error: () => m.dict_number_invalid() })
	.min(0, { error: () => m.dict_sort_range() })
	.max(9999, { error: () => m.dict_sort_range() })
	.default(0);
const slaMinutes = z
	.number({ error: () => m.dict_number_invalid() })
	.int({ error: () => m.dict_number_invalid() })
	.min(1, { error: () => m.dict_minutes_range({ max: MAX_SLA_MINUTES }) })
	.max(MAX_SLA_MINUTES, { error: () => m.dict_minutes_range({ max: MAX_SLA_MINUTES }) });
/** A number of days from 1 to 60 (callback deadlines, review time limits). */
const callbackDays = z
	.number({ error: () => m.dict_number_invalid() })
	.int({ error: () => m.dict_number_invalid() })
	.min(1, { error: () => m.dict_days_range() })
	.max(60, { error: () => m.dict_days_range() });

/** Empty for a new entry, the entry's id when editing one. */
const entryId = z.string().trim().max(36).default('');

export const repairKindSchema = z
	.object({
		id: entryId,
		code,
		nameEn: name,
		nameZhHans: name,
		nameZhHant: name,
		category: z.enum(repairCategories, { error: () => m.dict_category_required() }),
		isSafetyFacility: z.boolean().default(false),
		isWaterLeak: z.boolean().default(false),
		responseMinutes: slaMinutes,
		completionMinutes: slaMinutes,
		active: z.boolean().default(true),
		sort
	})
	.refine((k) => k.completionMinutes >= k.responseMinutes, {
		path: ['completionMinutes'],
		error: () => m.dict_completion_before_response()
	});
export type RepairKindInput = z.infer<typeof repairKindSchema>;

export const callbackRulesSchema = z.object({
	safetyFacilityDays: callbackDays,
	waterLeakDays: callbackDays,
	defaultDays: callbackDays
});
export type CallbackRulesInput = z.infer<typeof callbackRulesSchema>;

/**
 * How long a finished repair waits for the resident's sign-off: a reminder after so many days, the
 * system's close after more (deadlines/rules.ts SignoffSettings).
 */
export const signoffSettingsSchema = z
	.object({ remindAfterDays: callbackDays, closeAfterDays: callbackDays })
	.refine((s) => s.closeAfterDays > s.remindAfterDays, {
		path: ['closeAfterDays'],
		error: () => m.deadlines_close_after_remind()
	});

/** The renovation steps with a review time limit: those that wait for a department (renovations/deadlines.ts). */
export const limitedSteps = [
	'submitted',
	'engineering_review',
	'fire_review',
	'permit_signing',
	'suspended',
	'completion',
	'acceptance'
] as const;

/** The renovation review time limits, in working days per step (renovations/deadlines.ts). */
export const renovationLimitsSchema = z.object({
	submitted: callbackDays,
	engineering_review: callbackDays,
	fire_review: callbackDays,
	permit_signing: callbackDays,
	suspended: callbackDays,
	completion: callbackDays,
	acceptance: callbackDays
}) satisfies z.ZodObject<Record<(typeof limitedSteps)[number], typeof callbackDays>>;
export type RenovationLimitsInput = z.infer<typeof renovationLimitsSchema>;

export const freeServiceItemSchema = z.object({
	id: entryId,
	code,
	nameEn: name,
	nameZhHans: name,
	nameZhHant: name,
	active: z.boolean().default(true),
	sort
});
export type FreeServiceItemInput = z.infer<typeof freeServiceItemSchema>;

/** A customer type (客戶類型, rule 11): a code and three names, and whether its customers are key accounts. */
export const customerTypeSchema = freeServiceItemSchema.extend({ keyAccount: z.boolean().default(false) });
export type CustomerTypeInput = z.infer<typeof customerTypeSchema>;

export const paidServiceItemSchema = freeServiceItemSchema.extend({
	/** Yuan with up to two decimals, e.g. "120" or "85.50"; stored as fen. */
	unitPrice: z
		.string()
		.trim()
		.min(1)
		.regex(/^\d{1,7}(\.\d{1,2})?$/, { error: () => m.dict_price_invalid() })
});
export type PaidServiceItemInput = z.infer<typeof paidServiceItemSchema>;

/** A public holiday: a real date (the calendar's years) and a name; the office is closed on it. */
export const holidaySchema = z.object({
	date: z
		.string()
		.trim()
		.refine((value) => parseDate(value) !== null, { error: () => m.dict_holiday_date_invalid() }),
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.dict_holiday_name_required() })
		.max(100)
});
export type HolidayInput = z.output<typeof holidaySchema>;

/** Removing a holiday names it by its date. */
export const holidayRemoveSchema = holidaySchema.pick({ date: true });
