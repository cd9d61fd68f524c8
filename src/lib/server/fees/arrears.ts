/**
 * Arrears reminders (催繳) and the arrears of units.
 *
 * A durable daily job per estate ('fees.arrears-reminders', 09:00 in the estate's zone) looks at
 * every open bill of the estate
 * that still owes something (derived like ledger.ts billsOutstanding) and whose due date lies at
 * least one step of the schedule (fee_settings.reminderDays, days after the due date) in the
 * past. For each such bill the largest step reached is the one to send — when several steps fell
 * due at once (a late first run, a changed schedule) the resident gets one reminder, not three —
 * unless a reminder of that step or a later one was already sent. Sending is recording: an
 * arrears_reminders row per (bill, step) inserted ON CONFLICT DO NOTHING, and only the rows this
 * run actually inserted are told, so a rerun or two processes at once send nothing twice. A
 * reminder goes to the bill's party (fees/parties.ts): the residents who see the bill.
 *
 * Set-based: bills are taken in keyset batches on the open-bills-by-due-date index; each batch is
 * one statement that works out the step and the outstanding amount and records the reminders,
 * then one insert of inbox rows and one notify.deliver job for the batch's emails.
 */
import { sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { db, queryRows, type Db, type Executor } from '../db/client.ts';
import { archiveEntries, notifications } from '../db/schema/index.ts';
import type { Delivery } from '../archive/correspondence.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { scheduleJob, type JobContext } from '../jobs/queue.ts';
import { recipientLocale } from '../notify/notify.ts';
import type { NotifyDeliverPayload } from '../notify/deliver.ts';
import { currentOnSql, estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import { money } from '#lib/money/index.ts';
import { billReference } from '#lib/references.ts';
import { addDays, businessDate, businessToday, type BusinessDate } from '#lib/time/index.ts';
import { estateMornings } from '../calendar/estate-mornings.ts';
import { estateZones, type EstateZone } from './estate-time.ts';
import { owedSql } from './ledger.ts';
import { billOfOccupancy } from './parties.ts';
import { feeSettings } from './settings.ts';
import { partyOccupancySql } from '../archive/party-occupancy.ts';

const ARREARS_JOB = 'fees.arrears-reminders';
const DEFAULT_ARREARS_BATCH = 1000;
/** Reminders go out in the morning, when people can pay, not at midnight. */
const SEND_AT_MINUTES = 9 * 60;

export interface ArrearsRemindersPayload {
	/** The business date 'YYYY-MM-DD' the run is for, in the estate. */
	day: string;
	/** The estate reminded (each at 09:00 in its own zone); absent: every estate (older jobs). */
	estateId?: string;
}

export interface SentReminder {
	billId: string;
	seq: number;
	unitId: string;
	daysOverdue: number;
	outstandingMinor: number;
	currency: string;
	dueOn: string;
	occupancyId: string | null;
}

export interface ArrearsRunResult {
	/** Reminders recorded (and told) by this run. */
	sent: number;
	/** Residents' inbox rows written. */
	notices: number;
	batches: number;
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Sends the reminders due today in one estate (or in every estate, each on its own today; `today`
 * overrides it in tests). Safe to run again and concurrently; see the file comment.
 */
export async function sendArrearsReminders(
	options: { estateId?: string | null; today?: string; now?: Date; batchSize?: number; database?: Db } = {}
): Promise<ArrearsRunResult> {
	const database = options.database ?? db();
	const now = options.now ?? new Date();
	const result: ArrearsRunResult = { sent: 0, notices: 0, batches: 0 };
	for (const estate of (await estateZones(database)).values()) {
		if (options.estateId && estate.id !== options.estateId) continue;
		const run = await remindEstate(
			database,
			estate,
			options.today ?? businessToday(estate, now),
			now,
			options.batchSize ?? DEFAULT_ARREARS_BATCH
		);
		result.sent += run.sent;
		result.notices += run.notices;
		result.batches += run.batches;
	}
	return result;
}

async function remindEstate(
	database: Db,
	estate: EstateZone,
	today: BusinessDate,
	now: Date,
	batchSize: number
): Promise<ArrearsRunResult> {
	const { reminderDays } = await feeSettings(database);
	const result: ArrearsRunResult = { sent: 0, notices: 0, batches: 0 };
	if (reminderDays.length === 0) return result;
	// A bill is looked at once its due date is at least the smallest step ago.
	const latestDue = addDays(today, -Math.min(...reminderDays));
	const days = `{${reminderDays.join(',')}}`;

	let cursor = { dueOn: '0001-01-01', id: NO_ID };
	for (;;) {
		const page = await queryRows<{ id: string; due_on: string }>(
			database,
			sql`select id, due_on::text as due_on from bills
				where state = 'open' and due_on <= ${latestDue}::date and estate_id = ${estate.id}::uuid
					and (due_on, id) > (${cursor.dueOn}::date, ${cursor.id}::uuid)
				order by due_on, id limit ${batchSize}::int`
		);
		if (page.length === 0) break;
		result.batches++;
		const ids = `{${page.map((r) => r.id).join(',')}}`;
		const told = await database.transaction(async (tx) => {
			const sent = await recordDueReminders(tx, ids, days, today, now);
			return { sent: sent.length, notices: await tellResidents(tx, sent, today, now) };
		});
		result.sent += told.sent;
		result.notices += told.notices;
		if (page.length < batchSize) break;
		const last = page.at(-1)!;
		cursor = { dueOn: last.due_on, id: last.id };
	}
	return result;
}

/** Records the reminder each bill of the batch is due (see the file comment); returns the rows inserted. */
async function recordDueReminders(tx: Executor, ids: string, days: string, today: string, now: Date): Promise<SentReminder[]> {
	const rows = await queryRows<{
		bill_id: string;
		seq: string | number;
		unit_id: string;
		days_overdue: number;
		outstanding_minor: number;
		currency: string;
		due_on: string;
		occupancy_id: string | null;
	}>(
		tx,
		sql`with batch as (
			select b.id, b.seq, b.unit_id, b.currency, b.due_on, b.party, b.occupancy_id, b.issued_on, ${owedSql} as outstanding,
				(select max(d) from unnest(${days}::int[]) d where b.due_on + d <= ${today}::date) as step
			from bills b where b.id = any(${ids}::uuid[]) and b.state = 'open'
		),
		owed as (
			select x.* from batch x where x.step is not null
		),
		due as (
			select o.* from owed o
			where o.outstanding > 0
				and not exists (select 1 from arrears_reminders r where r.bill_id = o.id and r.days_overdue >= o.step)
		),
		inserted as (
			insert into arrears_reminders (bill_id, days_overdue, outstanding_minor, sent_at)
			select id, step, outstanding, ${now.toISOString()}::timestamptz from due
			on conflict do nothing
			returning bill_id, days_overdue, outstanding_minor
		)
		select i.bill_id, d.seq, d.unit_id, i.days_overdue, i.outstanding_minor, d.currency, d.due_on::text as due_on,
			-- The part of the unit's file the reminder is filed in: the bill's occupancy's.
			coalesce(d.occupancy_id, ${partyOccupancySql(sql`d.unit_id`, sql`d.party`, sql`d.issued_on`)}) as occupancy_id
		from inserted i join due d on d.id = i.bill_id
		order by d.unit_id, d.seq`
	);
	return rows.map((r) => ({
		billId: r.bill_id,
		seq: Number(r.seq),
		unitId: r.unit_id,
		daysOverdue: Number(r.days_overdue),
		outstandingMinor: Number(r.outstanding_minor),
		currency: r.currency,
		dueOn: r.due_on,
		occupancyId: r.occupancy_id
	}));
}

/**
 * The people each bill is sent to today: the current occupants who see it (its party, since
 * before it was issued: fees/parties.ts) in person, and the admins of a company among them (they
 * act for the company; members need not all hear about arrears).
 */
async function billRecipients(tx: Executor, billIds: readonly string[], today: string) {
	if (billIds.length === 0) return [];
	return queryRows<{ bill_id: string; user_id: string; name: string; email: string; locale: string | null; disabled: boolean }>(
		tx,
		sql`select distinct b.id as bill_id, u.id as user_id, u.name, u.email, u.locale, u.disabled
			from bills b
			join occupancies on ${billOfOccupancy}
			left join company_members cm on cm.company_id = occupancies.company_id and cm.role = 'admin'
			join users u on u.id = coalesce(occupancies.user_id, cm.user_id)
			where b.id = any(${`{${billIds.join(',')}}`}::uuid[]) and ${currentOnSql(today)}
			order by b.id, u.id`
	);
}

export function reminderMessage(reminder: SentReminder, locale: Locale) {
	const inputs = {
		reference: billReference(reminder.seq),
		amount: money(reminder.outstandingMinor, reminder.currency, locale),
		due: businessDate(reminder.dueOn, locale),
		days: reminder.daysOverdue
	};
	return { title: m.finance_arrears_title(inputs, { locale }), body: m.finance_arrears_body(inputs, { locale }) };
}

/**
 * Tells the residents of each reminded bill, in their language: inbox rows in one insert and the
 * emails in one notify.deliver job (the same records notify() writes, for a whole batch at once),
 * and files each reminder (催繳) in the unit's file with to whom and how it went (the delivery
 * archive/correspondence.ts describes). Returns the number of inbox rows.
 */
async function tellResidents(tx: Executor, sent: readonly SentReminder[], today: string, now: Date): Promise<number> {
	if (sent.length === 0) return 0;
	const recipients = await billRecipients(
		tx,
		sent.map((s) => s.billId),
		today
	);
	const byBill = new Map<string, typeof recipients>();
	for (const r of recipients) byBill.set(r.bill_id, [...(byBill.get(r.bill_id) ?? []), r]);
	const inbox: (typeof notifications.$inferInsert)[] = [];
	const deliveries: NotifyDeliverPayload['deliveries'] = [];
	const filed: (typeof archiveEntries.$inferInsert)[] = [];
	for (const reminder of sent) {
		const link = `/app/bills/${reminder.billId}`;
		const delivery: Delivery[] = [];
		for (const person of byBill.get(reminder.billId) ?? []) {
			const locale = recipientLocale(person.locale);
			const message = reminderMessage(reminder, locale);
			inbox.push({ userId: person.user_id, kind: 'bill.arrears', subjectType: 'bill', subjectId: reminder.billId, link, ...message });
			const emailed = !person.disabled && person.email.trim() !== '';
			if (emailed) deliveries.push({ userId: person.user_id, locale, channels: ['email'], link, ...message });
			delivery.push({ name: person.name, channels: emailed ? ['inbox', 'email'] : ['inbox'] });
		}
		filed.push({
			unitId: reminder.unitId,
			occupancyId: reminder.occupancyId,
			kind: 'arrears',
			sourceType: 'bill',
			sourceId: reminder.billId,
			summary: {
				daysOverdue: reminder.daysOverdue,
				amountMinor: reminder.outstandingMinor,
				currency: reminder.currency,
				delivery
			},
			at: now
		});
	}
	for (let i = 0; i < inbox.length; i += 1000) await tx.insert(notifications).values(inbox.slice(i, i + 1000));
	for (let i = 0; i < filed.length; i += 1000) await tx.insert(archiveEntries).values(filed.slice(i, i + 1000));
	if (deliveries.length) await scheduleJob(tx, { kind: 'notify.deliver', payload: { deliveries }, runAt: new Date() });
	return inbox.length;
}

// ——— The durable daily job ———

// The estate's run of a day at 09:00 there, a chain of one job per estate and day (calendar/estate-mornings.ts).
const mornings = estateMornings(ARREARS_JOB, SEND_AT_MINUTES, (database, estate, today, now) =>
	sendArrearsReminders({ estateId: estate.id, today, now, database })
);

/** The estate's run of a day: 09:00 there. */
export const arrearsRunAt = mornings.runAt;

/** At start: every estate's runs of its today and tomorrow exist, so a chain broken by a failed day resumes. */
export const ensureArrearsRemindersScheduled = mornings.ensureScheduled;

/**
 * Job 'fees.arrears-reminders': schedules the estate's next day first (a failure today must not
 * end the chain), then sends what is due there today. A run that starts late counts from the
 * real today; the reminders it missed are caught up by "the largest step reached". An older job
 * without an estate runs every estate's.
 */
export async function runArrearsRemindersJob(payload: ArrearsRemindersPayload, context: JobContext): Promise<void> {
	const estateIds = payload.estateId ? [payload.estateId] : [...(await estateZones(context.db)).keys()];
	for (const estateId of estateIds) await mornings.run({ day: payload.day, estateId }, context);
}

// ——— Arrears of units (for account pages and lists) ———

export interface UnitArrears {
	unitId: string;
	/** What the unit's bills past their due date still owe. */
	overdueMinor: number;
	/** The earliest due date among those bills. */
	oldestDueOn: string;
	bills: number;
}

/**
 * Per unit: what its open bills past their due date (before today in the unit's estate) still
 * owe, and the oldest such due date. Units without arrears are left out. The caller checks the
 * actor may see them.
 */
export async function arrearsOfUnits(
	executor: Executor,
	unitIds: readonly string[],
	now: Date = new Date()
): Promise<Map<string, UnitArrears>> {
	const ids = unitIds.filter(isUuid);
	if (ids.length === 0) return new Map();
	const todays = await estateTodays(executor, now);
	const rows = await queryRows<{ unit_id: string; overdue: string | number; oldest: string; bills: number }>(
		executor,
		sql`select unit_id, sum(outstanding)::bigint as overdue, min(due_on)::text as oldest, count(*)::int as bills from (
			select b.unit_id, b.due_on, ${owedSql} as outstanding
			from bills b
			where b.unit_id = any(${`{${ids.join(',')}}`}::uuid[]) and b.state = 'open' and b.due_on < ${todayInEstateSql(sql`b.estate_id`, todays)}
		) o where outstanding > 0 group by unit_id`
	);
	return new Map(
		rows.map((r) => [r.unit_id, { unitId: r.unit_id, overdueMinor: Number(r.overdue), oldestDueOn: r.oldest, bills: Number(r.bills) }])
	);
}
