import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { priceField } from './fees-staff.ts';
import { MAX_AMOUNT_MINOR, parseAmountMinor } from '#lib/money/index.ts';

/** The fee dictionary's forms: fee items (收費項目) and their prices. */

export const feeKinds = ['management', 'water', 'electricity', 'deposit', 'paid_service', 'renovation', 'other'] as const;
export type FeeKind = (typeof feeKinds)[number];
/** per_m2: price × an area once (a renovation's management fee on the area of the works). */
export const feeBases = ['per_m2_month', 'per_reading', 'fixed', 'per_m2'] as const;
export const feeUnitUses = ['residential', 'office', 'retail'] as const;
/** Whom an item bills (see src/lib/server/fees/parties.ts). */
export const feePayers = ['owner', 'occupant', 'requester'] as const;

/** Kinds billed on their own occasion (a deposit on move-in, a repair quote), never by the monthly run. */
const oneOffKinds: readonly FeeKind[] = ['deposit', 'paid_service', 'renovation'];
/** Kinds with a meter: the only ones a per-reading price can apply to. */
const meteredKinds: readonly FeeKind[] = ['water', 'electricity'];

const name = z.string().trim().min(1).max(100);

export const feeItemSchema = z
	.object({
		/** Empty for a new item, the item's id when editing one. */
		id: z.string().trim().max(36).default(''),
		code: z
			.string()
			.trim()
			.toLowerCase()
			.min(1)
			.max(32)
			.regex(/^[a-z0-9][a-z0-9_-]*$/, { error: () => m.feesstaff_code_invalid() }),
		kind: z.enum(feeKinds, { error: () => m.feesstaff_kind_required() }),
		basis: z.enum(feeBases, { error: () => m.feesstaff_basis_required() }),
		/** '' applies to every unit. */
		unitUse: z.union([z.literal(''), z.enum(feeUnitUses)], { error: () => m.feesstaff_choice_invalid() }).default(''),
		nameEn: name,
		nameZhHans: name,
		nameZhHant: name,
		payer: z.enum(feePayers, { error: () => m.feesstaff_choice_invalid() }),
		periodic: z.boolean().default(false),
		sort: z
			.number({ error: () => m.feesstaff_sort_invalid() })
			.int({ error: () => m.feesstaff_sort_invalid() })
			.min(0, { error: () => m.feesstaff_sort_invalid() })
			.max(9999, { error: () => m.feesstaff_sort_invalid() })
			.default(0)
	})
	.superRefine((item, ctx) => {
		if (item.basis === 'per_reading' && !meteredKinds.includes(item.kind)) {
			ctx.addIssue({ code: 'custom', path: ['basis'], message: m.feesstaff_basis_needs_meter() });
		}
		if (item.periodic && oneOffKinds.includes(item.kind)) {
			ctx.addIssue({ code: 'custom', path: ['periodic'], message: m.feesstaff_periodic_not_for_kind() });
		}
	});
export type FeeItemForm = z.infer<typeof feeItemSchema>;

export const feePriceSchema = z.object({
	feeItemId: z.uuid({ error: () => m.feesstaff_choice_invalid() }),
	/** '' is the general price of every estate without its own. */
	estateId: z
		.string()
		.trim()
		.max(36)
		.regex(/^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: () => m.feesstaff_choice_invalid() })
		.default(''),
	price: priceField,
	effectiveFrom: z.iso.date({ error: () => m.field_date_invalid() })
});
export type FeePriceForm = z.infer<typeof feePriceSchema>;

/** "3, 15, 30" → [3, 15, 30]; null when it is not a list of up to 10 whole days of 1–365. */
export function parseReminderDays(text: string): number[] | null {
	const parts = text
		.normalize('NFKC')
		.split(/[,;、\s]+/)
		.filter((p) => p !== '');
	if (parts.length > 10 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
	const days = parts.map(Number);
	if (days.some((d) => d < 1 || d > 365)) return null;
	return [...new Set(days)].sort((a, b) => a - b);
}

/** The finance settings as the form posts them (the list and the amount as typed). */
export const feeSettingsFormSchema = z.object({
	currency: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{3}$/, { error: () => m.feesstaff_currency_invalid() }),
	dueDays: z
		.number({ error: () => m.feesstaff_due_days_invalid() })
		.int({ error: () => m.feesstaff_due_days_invalid() })
		.min(1, { error: () => m.feesstaff_due_days_invalid() })
		.max(120, { error: () => m.feesstaff_due_days_invalid() }),
	reminderDays: z
		.string()
		.trim()
		.max(100)
		.refine((v) => parseReminderDays(v) !== null, { error: () => m.feesstaff_reminder_days_invalid() }),
	refundApproval: z
		.string()
		.trim()
		.min(1)
		.max(30)
		.refine((v) => parseAmountMinor(v) !== null && parseAmountMinor(v)! <= MAX_AMOUNT_MINOR, {
			error: () => m.feesstaff_refund_threshold_invalid()
		}),
	correctionApproval: z
		.string()
		.trim()
		.min(1)
		.max(30)
		.refine((v) => parseAmountMinor(v) !== null && parseAmountMinor(v)! <= MAX_AMOUNT_MINOR, {
			error: () => m.feesstaff_refund_threshold_invalid()
		})
});
export type FeeSettingsForm = z.infer<typeof feeSettingsFormSchema>;
