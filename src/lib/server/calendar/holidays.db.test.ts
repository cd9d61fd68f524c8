import { beforeAll, describe, expect, it } from 'vitest';
import { count, desc, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, holidays } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { InputError } from '../kernel/input-error.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import * as route from '../../../routes/staff/admin/dictionaries/+page.server.ts';
import { actorFor, makeStaff } from '../residents/test-fixtures.ts';
import { addHoliday, listHolidays, removeHoliday } from './holidays.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { ensureDefaultCalendar, loadCalendar } from './store.ts';
import { addWorkingMinutes } from './working-time.ts';

type Failed = { status: number; data: { form: { errors: Record<string, string[] | undefined> } } };

let manager: Actor;
let engineer: Actor;

const holidayCount = async () => (await db().select({ n: count() }).from(holidays))[0]!.n;
const auditOf = (date: string) => db().select().from(auditLog).where(eq(auditLog.subjectId, date)).orderBy(desc(auditLog.id));

beforeAll(async () => {
	await ensureDefaultCalendar(db());
	manager = await actorFor((await makeStaff('Max Manager', ['manager'])).id);
	engineer = await actorFor((await makeStaff('Eng Eddie', ['engineering', 'customer_service'])).id);
});

describe('public holidays beyond the defaults', () => {
	it('adds a holiday of 2028, audited, and the SLA clock then skips it', async () => {
		// Monday 2028-01-03 17:00 + 2 working hours is Tuesday 10:00; with Tuesday a holiday, Wednesday 10:00.
		const calendarBefore = await loadCalendar(db(), DEFAULT_TIME_ZONE);
		const start = new Date('2028-01-03T17:00:00+08:00');
		expect(addWorkingMinutes(start, 120, calendarBefore).toISOString()).toBe(new Date('2028-01-04T10:00:00+08:00').toISOString());

		await addHoliday(manager, { date: '2028-01-04', name: 'Office closed' }, { ip: '203.0.113.9' });
		expect(await listHolidays(manager)).toContainEqual({ date: '2028-01-04', name: 'Office closed' });
		const [audit] = await auditOf('2028-01-04');
		expect(audit).toMatchObject({ action: 'calendar.holiday.add', subjectType: 'holiday', actorId: manager.userId, ip: '203.0.113.9' });
		const calendarAfter = await loadCalendar(db(), DEFAULT_TIME_ZONE);
		expect(addWorkingMinutes(start, 120, calendarAfter).toISOString()).toBe(new Date('2028-01-05T10:00:00+08:00').toISOString());
	});

	it('refuses a date that is already a holiday, or no real date, at the date field', async () => {
		const before = await holidayCount();
		const taken = await addHoliday(manager, { date: '2026-12-25', name: 'Christmas again' }).catch((e: unknown) => e);
		expect(taken).toBeInstanceOf(InputError);
		expect(taken).toMatchObject({ field: 'date', message: expect.stringMatching(/already a holiday/) });
		const invalid = await addHoliday(manager, { date: '2028-02-30', name: 'Nope' }).catch((e: unknown) => e);
		expect(invalid).toMatchObject({ field: 'date' });
		expect(await holidayCount()).toBe(before);
	});

	it('removes a holiday, audited, and answers 404 for a date that is none', async () => {
		await addHoliday(manager, { date: '2028-05-01', name: 'Labour Day' });
		await removeHoliday(manager, { date: '2028-05-01' });
		expect((await listHolidays(manager)).some((h) => h.date === '2028-05-01')).toBe(false);
		expect((await auditOf('2028-05-01'))[0]).toMatchObject({ action: 'calendar.holiday.remove', detail: { name: 'Labour Day' } });
		expect((await thrown(() => removeHoliday(manager, { date: '2028-05-01' }))).status).toBe(404);
	});
});

describe('the holidays tab of the dictionaries page', () => {
	it('lists the holidays and adds one from the form (no JavaScript needed: a redirect back)', async () => {
		const data = await route.load(fakeEvent({ actor: manager, path: '/staff/admin/dictionaries?tab=holidays' }));
		expect(data.tab).toBe('holidays');
		expect(data.holidays.map((h) => h.date)).toContain('2027-12-27');
		const added = await thrown(() =>
			route.actions.addHoliday(fakeEvent({ actor: manager, form: { date: '2029-01-01', name: 'New Year 2029' } }))
		);
		expect(added).toMatchObject({ status: 303, location: '/staff/admin/dictionaries?tab=holidays&saved=1' });
		expect((await listHolidays(manager)).find((h) => h.date === '2029-01-01')?.name).toBe('New Year 2029');
	});

	it('shows a duplicate, a bad date and a missing name at their fields, saving nothing', async () => {
		const before = await holidayCount();
		const duplicate = (await route.actions.addHoliday(
			fakeEvent({ actor: manager, form: { date: '2029-01-01', name: 'Again' } })
		)) as Failed;
		expect(duplicate.status).toBe(400);
		expect(duplicate.data.form.errors.date?.[0]).toMatch(/already a holiday/);
		const bad = (await route.actions.addHoliday(fakeEvent({ actor: manager, form: { date: '2029-13-01', name: '' } }))) as Failed;
		expect(bad.status).toBe(400);
		expect(bad.data.form.errors.date?.[0]).toMatch(/real date/);
		expect(bad.data.form.errors.name?.[0]).toMatch(/name/);
		expect(await holidayCount()).toBe(before);
	});

	it('removes a holiday by its button; an unknown date is 404', async () => {
		const removed = await thrown(() => route.actions.removeHoliday(fakeEvent({ actor: manager, form: { date: '2029-01-01' } })));
		expect(removed).toMatchObject({ status: 303, location: '/staff/admin/dictionaries?tab=holidays&saved=1' });
		expect((await listHolidays(manager)).some((h) => h.date === '2029-01-01')).toBe(false);
		expect((await thrown(() => route.actions.removeHoliday(fakeEvent({ actor: manager, form: { date: '2029-01-01' } })))).status).toBe(404);
		expect((await thrown(() => route.actions.removeHoliday(fakeEvent({ actor: manager, form: { date: 'nonsense' } })))).status).toBe(404);
	});

	it('is refused (403) to staff without dictionaries.manage, changing nothing', async () => {
		const before = await holidayCount();
		expect((await thrown(() => route.load(fakeEvent({ actor: engineer, path: '/staff/admin/dictionaries?tab=holidays' })))).status).toBe(
			403
		);
		expect(
			(await thrown(() => route.actions.addHoliday(fakeEvent({ actor: engineer, form: { date: '2030-01-01', name: 'x' } })))).status
		).toBe(403);
		expect((await thrown(() => route.actions.removeHoliday(fakeEvent({ actor: engineer, form: { date: '2026-12-25' } })))).status).toBe(
			403
		);
		expect(await holidayCount()).toBe(before);
	});
});
