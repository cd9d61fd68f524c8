import type { Executor } from '../db/client.ts';
import { holidays, workingHours } from '../db/schema/index.ts';
import { HONG_KONG_HOLIDAYS, defaultWorkingHoursRows } from './defaults.ts';
import { DEFAULT_TIME_ZONE, parseTimeOfDay, type DayHours, type WeekHours, type WorkingCalendar } from './working-time.ts';

/**
 * Seeds the default office week and the Hong Kong holidays into an empty calendar. Once an admin
 * has any rows, nothing is added back: a holiday they deleted stays deleted.
 */
export async function ensureDefaultCalendar(executor: Executor): Promise<void> {
	const [anyHours] = await executor.select({ weekday: workingHours.weekday }).from(workingHours).limit(1);
	if (!anyHours) await executor.insert(workingHours).values(defaultWorkingHoursRows()).onConflictDoNothing();
	const [anyHoliday] = await executor.select({ date: holidays.date }).from(holidays).limit(1);
	if (!anyHoliday) await executor.insert(holidays).values([...HONG_KONG_HOLIDAYS]).onConflictDoNothing();
}

/**
 * The working calendar as configured. A weekday without a row is closed, so an empty table
 * means no working time at all (addWorkingMinutes then refuses): run ensureDefaultCalendar first.
 */
export async function loadCalendar(executor: Executor, timeZone = DEFAULT_TIME_ZONE): Promise<WorkingCalendar> {
	const hourRows = await executor.select().from(workingHours);
	const holidayRows = await executor.select({ date: holidays.date }).from(holidays);
	const week: (DayHours | null)[] = [null, null, null, null, null, null, null];
	for (const row of hourRows) {
		if (row.opensAt && row.closesAt) {
			week[row.weekday] = { start: parseTimeOfDay(row.opensAt), end: parseTimeOfDay(row.closesAt) };
		}
	}
	return {
		timeZone,
		hours: week as unknown as WeekHours,
		holidays: new Set(holidayRows.map((row) => row.date))
	};
}
