/**
 * Public holidays as an admin keeps them (dictionaries.manage): the working calendar closes on
 * these dates, so SLA deadlines skip them. The defaults cover 2026–2027; later years are added
 * here. Every change is in the audit log.
 */
import { error } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { holidayRemoveSchema, holidaySchema, type HolidayInput } from '#lib/schemas/dictionaries.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { holidays } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import type { AuditContext } from '../property/access.ts';

export interface Holiday {
	date: string;
	name: string;
}

/** Every holiday, by date. */
export function listHolidays(actor: Actor | null | undefined): Promise<Holiday[]> {
	requireStaff(actor, 'dictionaries.manage');
	return db().select({ date: holidays.date, name: holidays.name }).from(holidays).orderBy(asc(holidays.date));
}

/** Adds a holiday; a date that already is one is refused at the date field. */
export async function addHoliday(actor: Actor | null | undefined, raw: HolidayInput, context: AuditContext = {}): Promise<Holiday> {
	requireStaff(actor, 'dictionaries.manage');
	const input = parseInput(holidaySchema, raw);
	await db()
		.transaction(async (tx) => {
			await tx.insert(holidays).values({ date: input.date, name: input.name });
			await recordAudit(tx, {
				actor,
				ip: context.ip,
				action: 'calendar.holiday.add',
				subjectType: 'holiday',
				subjectId: input.date,
				detail: { name: input.name }
			});
		})
		.catch((err: unknown) => rethrowUnique(err, { holidays_pkey: () => new InputError('date', m.dict_holiday_taken()) }));
	return input;
}

/** Removes a holiday (404 when there is none on that date): the office works that day again. */
export async function removeHoliday(actor: Actor | null | undefined, raw: { date: string }, context: AuditContext = {}): Promise<void> {
	requireStaff(actor, 'dictionaries.manage');
	const { date } = parseInput(holidayRemoveSchema, raw);
	await db().transaction(async (tx) => {
		const [removed] = await tx.delete(holidays).where(eq(holidays.date, date)).returning({ name: holidays.name });
		if (!removed) error(404, 'Not found');
		await recordAudit(tx, {
			actor,
			ip: context.ip,
			action: 'calendar.holiday.remove',
			subjectType: 'holiday',
			subjectId: date,
			detail: { name: removed.name }
		});
	});
}
