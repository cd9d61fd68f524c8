import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

/** More than this in one request is a mistake (or an attack), never a real day's plan. */
const MAX_SLOTS_PER_REQUEST = 100;
const MAX_SLOT_CAPACITY = 50;
const MAX_SLOT_DAYS = 14;

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const KIND_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

const clock = z
	.string()
	.trim()
	// <input type="time"> may send seconds; slots are planned to the minute.
	.transform((v) => (/^\d{2}:\d{2}:\d{2}$/.test(v) ? v.slice(0, 5) : v))
	.pipe(z.string().regex(CLOCK, { error: () => m.appointments_time_invalid() }));

const wholeNumber = (min: number, max: number, message: () => string) =>
	z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });

const slotPlanFields = {
	estateId: z.uuid({ error: () => m.appointments_estate_required() }),
	date: z.iso.date({ error: () => m.field_date_invalid() }),
	days: wholeNumber(1, MAX_SLOT_DAYS, () => m.appointments_days_invalid({ max: MAX_SLOT_DAYS })).default(1),
	from: clock,
	to: clock,
	lengthMinutes: wholeNumber(5, 720, () => m.appointments_length_invalid()),
	capacity: wholeNumber(1, MAX_SLOT_CAPACITY, () => m.appointments_capacity_invalid({ max: MAX_SLOT_CAPACITY })),
	note: z.string().trim().max(200).default('')
};

type PlanShape = { from: string; to: string; lengthMinutes: number; days: number };

/** Cross-field rules, reported at the field the person should change. */
function checkPlan(plan: PlanShape, ctx: z.RefinementCtx) {
	const from = minutesOf(plan.from);
	const to = minutesOf(plan.to);
	if (to <= from) {
		ctx.addIssue({ code: 'custom', path: ['to'], message: m.appointments_end_before_start() });
		return;
	}
	if (plan.lengthMinutes > to - from) {
		ctx.addIssue({ code: 'custom', path: ['lengthMinutes'], message: m.appointments_length_too_long() });
		return;
	}
	const count = Math.floor((to - from) / plan.lengthMinutes) * plan.days;
	if (count > MAX_SLOTS_PER_REQUEST) {
		ctx.addIssue({
			code: 'custom',
			path: ['lengthMinutes'],
			message: m.appointments_too_many_slots({ count, max: MAX_SLOTS_PER_REQUEST })
		});
	}
}

/** The staff form: repair kinds typed as a comma-separated list of codes. */
export const slotPlanFormSchema = z
	.object({
		...slotPlanFields,
		kinds: z
			.string()
			.trim()
			.max(500)
			.default('')
			.refine((v) => splitKindCodes(v).every((c) => KIND_CODE.test(c)), {
				error: () => m.appointments_kinds_invalid()
			})
	})
	.superRefine(checkPlan);

/** What createSlots accepts: kinds as a list of codes (empty = any repair kind). */
export const slotPlanSchema = z
	.object({
		...slotPlanFields,
		kinds: z
			.array(
				z
					.string()
					.trim()
					.regex(KIND_CODE, { error: () => m.appointments_kinds_invalid() })
			)
			.max(50)
			.default([])
	})
	.superRefine(checkPlan);
export type SlotPlanInput = z.input<typeof slotPlanSchema>;

export function splitKindCodes(value: string): string[] {
	return [
		...new Set(
			value
				.split(/[,，\s]+/)
				.map((c) => c.trim())
				.filter(Boolean)
		)
	];
}
