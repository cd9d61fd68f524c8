import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../db/client.ts';
import { holidays, workingHours } from '../db/schema/index.ts';
import { HONG_KONG_HOLIDAYS } from './defaults.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { ensureDefaultCalendar, loadCalendar } from './store.ts';
import { addWorkingMinutes } from './working-time.ts';

const count = async (table: typeof holidays | typeof workingHours) =>
	(
		await db()
			.select({ n: sql<number>`count(*)::int` })
			.from(table)
	)[0]!.n;

describe('the working calendar tables', () => {
	it('load as an empty, never-open calendar before defaults are seeded', async () => {
		const calendar = await loadCalendar(db(), DEFAULT_TIME_ZONE);
		expect(calendar.hours.every((day) => day === null)).toBe(true);
		expect(() => addWorkingMinutes(new Date(), 60, calendar)).toThrow(/no opening hours/);
	});

	it('are seeded with the office week and the Hong Kong holidays, once however often it runs', async () => {
		await db().transaction((tx) => ensureDefaultCalendar(tx));
		await ensureDefaultCalendar(db());
		expect(await count(workingHours)).toBe(7);
		expect(await count(holidays)).toBe(HONG_KONG_HOLIDAYS.length);

		const calendar = await loadCalendar(db(), DEFAULT_TIME_ZONE);
		expect(calendar.timeZone).toBe(DEFAULT_TIME_ZONE);
		expect(calendar.hours[0]).toBeNull();
		expect(calendar.hours[1]).toEqual({ start: 540, end: 1080 });
		expect(calendar.hours[6]).toEqual({ start: 540, end: 780 });
		expect(calendar.holidays.has('2026-04-03')).toBe(true);
		// The loaded calendar drives deadlines: Friday 16:00 + 4 working hours = Saturday 11:00.
		const due = addWorkingMinutes(new Date('2026-03-06T16:00:00+08:00'), 240, calendar);
		expect(due.toISOString()).toBe(new Date('2026-03-07T11:00:00+08:00').toISOString());
	});

	it('keep an admin’s changes when the defaults are seeded again', async () => {
		await db().update(workingHours).set({ opensAt: null, closesAt: null }).where(eq(workingHours.weekday, 6));
		await db().update(holidays).set({ name: 'Renamed' }).where(eq(holidays.date, '2026-01-01'));
		await db().insert(holidays).values({ date: '2026-12-24', name: 'Office closed' });
		await ensureDefaultCalendar(db());

		const calendar = await loadCalendar(db(), DEFAULT_TIME_ZONE);
		expect(calendar.hours[6]).toBeNull();
		expect(calendar.holidays.has('2026-12-24')).toBe(true);
		const [renamed] = await db().select().from(holidays).where(eq(holidays.date, '2026-01-01'));
		expect(renamed?.name).toBe('Renamed');
		// Saturday is now closed: Friday 16:00 + 4 working hours runs into Monday.
		const due = addWorkingMinutes(new Date('2026-03-06T16:00:00+08:00'), 240, calendar);
		expect(due.toISOString()).toBe(new Date('2026-03-09T11:00:00+08:00').toISOString());
	});

	it('refuse a day that closes before it opens, half-set hours and weekdays outside 0–6', async () => {
		await expect(
			db().update(workingHours).set({ opensAt: '18:00', closesAt: '09:00' }).where(eq(workingHours.weekday, 1))
		).rejects.toThrow();
		await expect(db().update(workingHours).set({ opensAt: null }).where(eq(workingHours.weekday, 1))).rejects.toThrow();
		await expect(db().insert(workingHours).values({ weekday: 7, opensAt: '09:00', closesAt: '10:00' })).rejects.toThrow();
	});

	it('does not bring back a holiday an admin deleted', async () => {
		await ensureDefaultCalendar(db());
		await db().delete(holidays).where(eq(holidays.date, '2026-12-26'));
		await ensureDefaultCalendar(db());
		const calendar = await loadCalendar(db(), DEFAULT_TIME_ZONE);
		expect(calendar.holidays.has('2026-12-26')).toBe(false);
		expect(calendar.holidays.has('2026-12-25')).toBe(true);
	});
});
