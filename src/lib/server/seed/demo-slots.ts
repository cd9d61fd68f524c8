import type { Executor } from '../db/client.ts';
import { appointmentSlots, estates } from '../db/schema/index.ts';
import { estateTimeZone } from '../appointments/access.ts';
import { localDate, planSlots } from '../appointments/slot-times.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Two-hour visit windows (09:00–17:00, three places each) on weekdays of the next two weeks for
 * every estate, so a demo resident can pick a time when filing a repair.
 */
export async function seedDemoSlots(executor: Executor, now = new Date()): Promise<number> {
	const rows: (typeof appointmentSlots.$inferInsert)[] = [];
	for (const estate of await executor.select({ id: estates.id }).from(estates)) {
		const zone = estateTimeZone(estate.id);
		for (let d = 1; d <= 14; d++) {
			const date = localDate(new Date(now.getTime() + d * DAY_MS), zone);
			const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
			if (weekday === 0 || weekday === 6) continue;
			for (const slot of planSlots({ date, days: 1, from: 9 * 60, to: 17 * 60, lengthMinutes: 120 }, zone)) {
				rows.push({ estateId: estate.id, ...slot, capacity: 3 });
			}
		}
	}
	if (rows.length > 0) await executor.insert(appointmentSlots).values(rows);
	return rows.length;
}
