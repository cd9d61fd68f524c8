import { addDays, businessToday, weekday } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { appointmentSlots, estates } from '../db/schema/index.ts';
import { planSlots } from '../appointments/slot-times.ts';

/**
 * Two-hour visit windows (09:00–17:00, three places each) on weekdays of the next two weeks for
 * every estate, in its own zone, so a demo resident can pick a time when filing a repair.
 */
export async function seedDemoSlots(executor: Executor, now = new Date()): Promise<number> {
	const rows: (typeof appointmentSlots.$inferInsert)[] = [];
	for (const estate of await executor.select({ id: estates.id, timeZone: estates.timeZone }).from(estates)) {
		const today = businessToday(estate, now);
		for (let d = 1; d <= 14; d++) {
			const date = addDays(today, d);
			if (weekday(date) === 0 || weekday(date) === 6) continue;
			for (const slot of planSlots({ date, days: 1, from: 9 * 60, to: 17 * 60, lengthMinutes: 120 }, estate.timeZone)) {
				rows.push({ estateId: estate.id, ...slot, capacity: 3 });
			}
		}
	}
	if (rows.length > 0) await executor.insert(appointmentSlots).values(rows);
	return rows.length;
}
