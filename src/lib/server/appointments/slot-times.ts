/**
 * Planning appointment slots: staff think in the estate's local time ("Tuesday 09:00–12:00");
 * the database stores instants. The conversions are the time module's (#lib/time); this file
 * holds only how a plan becomes slots.
 */
import { addDays, localInstant, type BusinessDate } from '#lib/time/index.ts';

export interface SlotPlan {
	/** First local date. */
	date: BusinessDate;
	/** Consecutive days with the same pattern (1 = just `date`). */
	days: number;
	/** Minutes since local midnight; the last slot ends at or before `to`. */
	from: number;
	to: number;
	lengthMinutes: number;
}

/** How many slots a plan makes, without building them (so a huge request is refused cheaply). */
export function countSlots(plan: Omit<SlotPlan, 'date'>): number {
	if (plan.lengthMinutes <= 0 || plan.to <= plan.from) return 0;
	return Math.floor((plan.to - plan.from) / plan.lengthMinutes) * Math.max(0, plan.days);
}

/** Back-to-back slots of `lengthMinutes` from `from` to `to` on each day; a short remainder is dropped. */
export function planSlots(plan: SlotPlan, timeZone: string): { startsAt: Date; endsAt: Date }[] {
	const perDay = countSlots({ ...plan, days: 1 });
	const slots: { startsAt: Date; endsAt: Date }[] = [];
	for (let d = 0; d < plan.days; d++) {
		const date = addDays(plan.date, d);
		for (let i = 0; i < perDay; i++) {
			const start = plan.from + i * plan.lengthMinutes;
			slots.push({ startsAt: localInstant(date, start, timeZone), endsAt: localInstant(date, start + plan.lengthMinutes, timeZone) });
		}
	}
	return slots;
}
