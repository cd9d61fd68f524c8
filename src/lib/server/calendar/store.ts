import { eq } from 'drizzle-orm';
import { parseClock } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { estates, holidays, workingHours } from '../db/schema/index.ts';
import { HONG_KONG_HOLIDAYS, defaultWorkingHoursRows } from './defaults.ts';
import type { DayHours, WeekHours, WorkingCalendar } from './working-time.ts';

/**
 * Seeds the default office week and the Hong Kong holidays into an empty calendar. Once an admin
 * has any rows, nothing is added back: a holiday they deleted stays deleted.
 */
export async function ensureDefaultCalendar(executor: Executor): Promise<void> {
	const [anyHours] = await executor.select({ weekday: workingHours.weekday }).from(workingHours).limit(1);
	if (!anyHours) await executor.insert(workingHours).values(defaultWorkingHoursRows()).onConflictDoNothing();
	const [anyHoliday] = await executor.select({ date: holidays.date }).from(holidays).limit(1);
	if (!anyHoliday)
		await executor
			.insert(holidays)
			.values([...HONG_KONG_HOLIDAYS])
			.onConflictDoNothing();
}

type HoursRow = { weekday: number; opensAt: string | null; closesAt: string | null };

/** working_hours rows (PostgreSQL times, 'HH:MM:SS') as a week; a weekday without a row is closed. */
export function weekHoursFrom(rows: readonly HoursRow[]): WeekHours {
	const week: (DayHours | null)[] = [null, null, null, null, null, null, null];
	for (const row of rows) {
		const start = row.opensAt ? parseClock(row.opensAt) : null;
		const end = row.closesAt ? parseClock(row.closesAt) : null;
		if (start !== null && end !== null) week[row.weekday] = { start, end };
	}
	return week as unknown as WeekHours;
}

/** The time zone of an estate (its own, estates.time_zone), or null for an unknown estate. */
export async function estateTimeZone(executor: Executor, estateId: string): Promise<string | null> {
	const [row] = await executor.select({ timeZone: estates.timeZone }).from(estates).where(eq(estates.id, estateId));
	return row?.timeZone ?? null;
}

/**
 * An estate's working calendar: the office hours and holidays as configured, read in the estate's
 * own time zone. An empty hours table means no working time at all (addWorkingMinutes then
 * refuses): run ensureDefaultCalendar first.
 */
export async function loadCalendar(executor: Executor, timeZone: string): Promise<WorkingCalendar> {
	const hourRows = await executor.select().from(workingHours);
	const holidayRows = await executor.select({ date: holidays.date }).from(holidays);
	return { timeZone, hours: weekHoursFrom(hourRows), holidays: new Set(holidayRows.map((row) => row.date)) };
}
