import { describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { archiveEntries, arrearsReminders, jobs, notifications, occupancies, users } from '../db/schema/index.ts';
import { residentUser, staffActor } from '../property/testing/fixtures.ts';
import { makeCompany } from '../residents/test-fixtures.ts';
import { billingEstate, payment } from './test-fixtures.ts';
import { issueBill } from './issue-bill.ts';
import { applyPayment } from './ledger.ts';
import { saveFeeSettings, DEFAULT_FEE_SETTINGS } from './settings.ts';
import {
	arrearsOfUnits,
	arrearsRunAt,
	ensureArrearsRemindersScheduled,
	reminderMessage,
	runArrearsRemindersJob,
	sendArrearsReminders
} from './arrears.ts';

const now = new Date('2026-12-01T09:00:00+08:00');

/** A unit with one open bill of `amountMinor`, due on `dueOn`, and its occupant. */
async function billDue(dueOn: string, amountMinor = 50000, party: 'owner' | 'renter' = 'owner') {
	const place = await billingEstate();
	const unit = await place.unit('50.00');
	const bill = await db().transaction((tx) =>
		issueBill(tx, {
			unitId: unit.id,
			payer: { party },
			source: 'manual',
			lines: [{ feeItemId: null, nameEn: 'Fee', nameZhHans: '费用', nameZhHant: '費用', quantity: '1', priceMicro: amountMinor * 10_000 }],
			issuedOn: '2026-10-01',
			dueOn,
			actorId: null
		})
	);
	const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.unitId, unit.id));
	return { place, unit, billId: bill.billId, seq: bill.seq, residentId: occupancy!.userId! };
}

const steps = async (billId: string) =>
	(await db().select().from(arrearsReminders).where(eq(arrearsReminders.billId, billId)).orderBy(asc(arrearsReminders.daysOverdue))).map(
		(r) => [r.daysOverdue, r.outstandingMinor]
	);

const inbox = (userId: string) =>
	db()
		.select()
		.from(notifications)
		.where(and(eq(notifications.userId, userId), eq(notifications.kind, 'bill.arrears')));

const run = (today: string) => sendArrearsReminders({ today, now });

describe('arrears reminders', () => {
	it('go out once per step of the schedule, however often the job runs', async () => {
		const { billId, seq, residentId } = await billDue('2026-11-16');
		await run('2026-11-18'); // 2 days overdue: no step yet
		expect(await steps(billId)).toEqual([]);
		await run('2026-11-19'); // 3 days
		await run('2026-11-19');
		await run('2026-11-25');
		expect(await steps(billId)).toEqual([[3, 50000]]);
		const notes = await inbox(residentId);
		expect(notes).toHaveLength(1);
		expect(notes[0]).toMatchObject({ subjectType: 'bill', subjectId: billId, link: `/app/bills/${billId}` });
		expect(notes[0]!.title).toBe(`Overdue bill B${String(seq).padStart(6, '0')}: ¥500.00`);
		expect(notes[0]!.body).toContain('Nov 16, 2026');
		await run('2026-12-01'); // 15 days
		await run('2026-12-16'); // 30 days
		await run('2027-01-20');
		expect(await steps(billId)).toEqual([
			[3, 50000],
			[15, 50000],
			[30, 50000]
		]);
		expect(await inbox(residentId)).toHaveLength(3);
	});

	it("are filed in the unit's file under the bill's occupancy, with to whom and how each went", async () => {
		const { unit, billId, residentId } = await billDue('2026-11-16');
		const [resident] = await db().select().from(users).where(eq(users.id, residentId));
		const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.unitId, unit.id));
		await run('2026-11-19');
		await run('2026-11-19');
		const entries = await db()
			.select()
			.from(archiveEntries)
			.where(and(eq(archiveEntries.unitId, unit.id), eq(archiveEntries.kind, 'arrears')));
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ occupancyId: occupancy!.id, sourceType: 'bill', sourceId: billId });
		expect(entries[0]!.summary).toEqual({
			daysOverdue: 3,
			amountMinor: 50000,
			currency: 'CNY',
			delivery: [{ name: resident!.name, channels: ['inbox', 'email'] }]
		});
	});

	it('send only the largest step when several fell due at once', async () => {
		const { billId, residentId } = await billDue('2026-10-20');
		await run('2026-11-25'); // 36 days overdue: 3, 15 and 30 are all due
		expect(await steps(billId)).toEqual([[30, 50000]]);
		expect(await inbox(residentId)).toHaveLength(1);
		await run('2026-11-26');
		expect(await steps(billId)).toEqual([[30, 50000]]);
	});

	it('never remind of a paid bill, and remind of what a partly paid one still owes', async () => {
		const paid = await billDue('2026-11-16', 30000);
		const part = await billDue('2026-11-16', 30000);
		for (const [target, amount] of [
			[paid, 30000],
			[part, 10000]
		] as const) {
			const p = await payment(target.unit.id, amount);
			await db().transaction((tx) =>
				applyPayment(tx, {
					unitId: target.unit.id,
					paymentId: p.id,
					amountMinor: amount,
					allocations: [{ billId: target.billId, amountMinor: amount }],
					effectiveOn: '2026-11-17'
				})
			);
		}
		// A payment that never succeeded does not count.
		await payment(part.unit.id, 20000, 'failed');
		await run('2026-12-20');
		expect(await steps(paid.billId)).toEqual([]);
		expect(await inbox(paid.residentId)).toHaveLength(0);
		expect(await steps(part.billId)).toEqual([[30, 20000]]);
	});

	it('follow the schedule in the settings, and a changed one', async () => {
		const finance = await staffActor(['finance']);
		const { billId } = await billDue('2026-11-10');
		try {
			await saveFeeSettings(finance, { ...DEFAULT_FEE_SETTINGS, reminderDays: [5, 10] });
			await run('2026-11-16'); // 6 days: step 5 of the new schedule (3 of the old one would also be due)
			expect(await steps(billId)).toEqual([[5, 50000]]);
			// Back to 3/15/30: step 3 is earlier than what was sent, so nothing new until 15.
			await saveFeeSettings(finance, { ...DEFAULT_FEE_SETTINGS });
			await run('2026-11-20');
			expect(await steps(billId)).toEqual([[5, 50000]]);
			await run('2026-11-25');
			expect(await steps(billId)).toEqual([
				[5, 50000],
				[15, 50000]
			]);
			// No steps at all: nothing goes out.
			await saveFeeSettings(finance, { ...DEFAULT_FEE_SETTINGS, reminderDays: [] });
			expect(await run('2027-06-01')).toMatchObject({ sent: 0, batches: 0 });
		} finally {
			await saveFeeSettings(finance, { ...DEFAULT_FEE_SETTINGS });
		}
	});

	it("reach the bill's party of today in their language: its occupants and company admins, not former ones nor the other party", async () => {
		// The renter's bill (water, say): the owner (residentId) does not hear about it.
		const { unit, billId, residentId } = await billDue('2026-11-16', 50000, 'renter');
		const reader = await residentUser('Lee');
		await db().update(users).set({ locale: 'zh-Hant' }).where(eq(users.id, reader.id));
		const former = await residentUser('Former');
		const admin = await residentUser('Company admin');
		const member = await residentUser('Company member');
		const firm = await makeCompany('Firm', [
			{ userId: admin.id, role: 'admin' },
			{ userId: member.id, role: 'member' }
		]);
		await db()
			.insert(occupancies)
			.values([
				{ unitId: unit.id, userId: reader.id, role: 'renter', startsOn: '2025-01-01' },
				{ unitId: unit.id, userId: former.id, role: 'renter', startsOn: '2023-01-01', endsOn: '2024-12-31' },
				{ unitId: unit.id, companyId: firm.id, role: 'renter', startsOn: '2025-01-01' }
			]);
		await run('2026-11-19');
		const told = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.subjectId, billId), eq(notifications.kind, 'bill.arrears')));
		expect(told.map((n) => n.userId).sort()).toEqual([reader.id, admin.id].sort());
		expect(told.map((n) => n.userId)).not.toContain(residentId);
		expect(told.find((n) => n.userId === reader.id)!.title).toMatch(/^賬單 B\d{6} 已逾期:¥500\.00$/);
		// The emails go in one notify.deliver job for the batch, each in the reader's language.
		type Deliveries = { deliveries: { userId: string; locale: string; channels: string[]; link: string }[] };
		const deliveries = (await db().select().from(jobs).where(eq(jobs.kind, 'notify.deliver'))).flatMap(
			(j) => (j.payload as Deliveries).deliveries
		);
		expect(deliveries.filter((d) => d.userId === reader.id)).toHaveLength(1);
		expect(deliveries.find((d) => d.userId === reader.id)).toMatchObject({
			locale: 'zh-Hant',
			channels: ['email'],
			link: `/app/bills/${billId}`
		});
	});

	it('record each reminder once when two runs go at once, batch after batch', async () => {
		const bills = await Promise.all(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'].map((d) => billDue(d)));
		await Promise.all([
			sendArrearsReminders({ today: '2026-11-20', now, batchSize: 2 }),
			sendArrearsReminders({ today: '2026-11-20', now, batchSize: 3 })
		]);
		for (const b of bills) {
			expect(await steps(b.billId)).toEqual([[15, 50000]]);
			expect(await inbox(b.residentId)).toHaveLength(1);
		}
	});

	it('render the message in each language', () => {
		const reminder = {
			billId: 'x',
			seq: 42,
			unitId: 'u',
			occupancyId: null,
			daysOverdue: 15,
			outstandingMinor: 123456,
			currency: 'CNY',
			dueOn: '2026-11-16'
		};
		expect(reminderMessage(reminder, 'en').body).toBe(
			'Bill B000042 was due on Nov 16, 2026 and ¥1,234.56 is still outstanding (15 days overdue). Please pay it in Lobby or at the management office.'
		);
		expect(reminderMessage(reminder, 'zh-Hans').title).toBe('账单 B000042 已逾期:¥1,234.56');
	});
});

describe('the arrears job', () => {
	it('sends what is due and schedules the next day once', async () => {
		const { billId, place } = await billDue('2026-11-16');
		const context = { job: {} as never, now, db: db() };
		await runArrearsRemindersJob({ day: '2026-12-01', estateId: place.estate.id }, context);
		await runArrearsRemindersJob({ day: '2026-12-01', estateId: place.estate.id }, context);
		expect(await steps(billId)).toEqual([[15, 50000]]);
		// Each estate has its own chain, at 09:00 in its own zone.
		const next = await db()
			.select()
			.from(jobs)
			.where(eq(jobs.dedupeKey, `fees.arrears-reminders:${place.estate.id}:2026-12-02`));
		expect(next).toHaveLength(1);
		expect(next[0]).toMatchObject({ kind: 'fees.arrears-reminders', payload: { day: '2026-12-02', estateId: place.estate.id } });
		expect(next[0]!.runAt.toISOString()).toBe('2026-12-02T01:00:00.000Z'); // 09:00 in Hong Kong
	});

	it('counts from the real today when it runs late, and keeps the chain going', async () => {
		const { billId, place } = await billDue('2026-11-16');
		const late = { job: {} as never, now: new Date('2026-12-20T10:00:00+08:00'), db: db() };
		await runArrearsRemindersJob({ day: '2026-12-10', estateId: place.estate.id }, late);
		expect(await steps(billId)).toEqual([[30, 50000]]);
		expect(
			await db()
				.select()
				.from(jobs)
				.where(eq(jobs.dedupeKey, `fees.arrears-reminders:${place.estate.id}:2026-12-21`))
		).toHaveLength(1);
	});

	it('is scheduled at start for today and tomorrow in every estate, once', async () => {
		const { place } = await billDue('2027-03-01');
		const at = new Date('2027-03-05T10:00:00+08:00');
		await ensureArrearsRemindersScheduled(db(), at);
		await ensureArrearsRemindersScheduled(db(), at);
		const keys = [`fees.arrears-reminders:${place.estate.id}:2027-03-05`, `fees.arrears-reminders:${place.estate.id}:2027-03-06`];
		const rows = await db().select({ key: jobs.dedupeKey, runAt: jobs.runAt }).from(jobs).where(inArray(jobs.dedupeKey, keys));
		expect(rows).toHaveLength(2);
		expect(arrearsRunAt('2027-03-05', { id: place.estate.id, timeZone: 'Asia/Shanghai' }).toISOString()).toBe('2027-03-05T01:00:00.000Z');
		expect(arrearsRunAt('2027-03-05', { id: place.estate.id, timeZone: 'Europe/London' }).toISOString()).toBe('2027-03-05T09:00:00.000Z');
	});
});

describe('arrearsOfUnits', () => {
	it('adds up what bills past their due date still owe, per unit, with the oldest due date', async () => {
		const a = await billDue('2026-11-16', 30000);
		const place = a.place;
		const second = await db().transaction((tx) =>
			issueBill(tx, {
				unitId: a.unit.id,
				payer: { party: 'owner' },
				source: 'manual',
				lines: [{ feeItemId: null, nameEn: 'Fee', nameZhHans: '费用', nameZhHant: '費用', quantity: '1', priceMicro: 20000 * 10_000 }],
				issuedOn: '2026-11-20',
				dueOn: '2026-12-05',
				actorId: null
			})
		);
		const p = await payment(a.unit.id, 5000);
		await db().transaction((tx) =>
			applyPayment(tx, {
				unitId: a.unit.id,
				paymentId: p.id,
				amountMinor: 5000,
				allocations: [{ billId: second.billId, amountMinor: 5000 }],
				effectiveOn: '2026-11-21'
			})
		);
		const clean = await place.unit('60.00');
		const result = await arrearsOfUnits(db(), [a.unit.id, clean.id, 'not-a-uuid'], new Date('2026-12-10T12:00:00+08:00'));
		expect(result.get(a.unit.id)).toEqual({ unitId: a.unit.id, overdueMinor: 30000 + 15000, oldestDueOn: '2026-11-16', bills: 2 });
		expect(result.has(clean.id)).toBe(false);
		// On the due date itself a bill is not overdue yet.
		expect((await arrearsOfUnits(db(), [a.unit.id], new Date('2026-12-05T12:00:00+08:00'))).get(a.unit.id)).toMatchObject({
			overdueMinor: 30000,
			bills: 1
		});
	});
});
