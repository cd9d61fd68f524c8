/**
 * Arrears reminders (催繳) and the arrears of units.
 *
 * A durable daily job ('fees.arrears-reminders', 09:00 Hong Kong time) looks at every open bill
 * that still owes something (derived like ledger.ts billsOutstanding) and whose due date lies at
 * least one step of the schedule (fee_settings.reminderDays, days after the due date) in the
 * past. For each such bill the largest step reached is the one to send — when several steps fell
 * due at once (a late first run, a changed schedule) the resident gets one reminder, not three —
 * unless a reminder of that step or a later one was already sent. Sending is recording: an
 * arrears_reminders row per (bill, step) inserted ON CONFLICT DO NOTHING, and only the rows this
 * run actually inserted are told, so a rerun or two processes at once send nothing twice.
 *
 * Set-based: bills are taken in keyset batches on the open-bills-by-due-date index; each batch is
 * one statement that works out the step and the outstanding amount and records the reminders,
 * then one insert of inbox rows and one notify.deliver job for the batch's emails.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { db, queryRows, type Db, type Executor } from '../db/client.ts';
import { jobs, notifications } from '../db/schema/index.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { scheduleJob, type JobContext } from '../jobs/queue.ts';
import { recipientLocale } from '../notify/notify.ts';
import type { NotifyDeliverPayload } from '../notify/deliver.ts';
import { localInstant } from '#lib/time/index.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { money } from '#lib/money/index.ts';
import { billReference } from '#lib/references.ts';
import { businessDate as dateText } from '#lib/time/index.ts';
import { addDays, businessToday } from './period.ts';
import { feeSettings } from './settings.ts';

export const ARREARS_JOB = 'fees.arrears-reminders';
export const DEFAULT_ARREARS_BATCH = 1000;
/** Reminders go out in the morning, when people can pay, not at midnight. */
const SEND_AT_MINUTES = 9 * 60;

export interface ArrearsRemindersPayload {
	/** The business date 'YYYY-MM-DD' the run is for. */
	day: string;
}

export interface SentReminder {
	billId: string;
	seq: number;
	unitId: string;
	daysOverdue: number;
	outstandingMinor: number;
	currency: string;
	dueOn: string;
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
 * Sends the reminders due on `today` (default: today's business date). Safe to run again and
 * concurrently; see the file comment.
 */
export async function sendArrearsReminders(
	options: { today?: string; now?: Date; batchSize?: number; database?: Db } = {}
): Promise<ArrearsRunResult> {
	const database = options.database ?? db();
	const now = options.now ?? new Date();
	const today = options.today ?? businessToday(now);
	const batchSize = options.batchSize ?? DEFAULT_ARREARS_BATCH;
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
				where state = 'open' and due_on <= ${latestDue}::date
					and (due_on, id) > (${cursor.dueOn}::date, ${cursor.id}::uuid)
				order by due_on, id limit ${batchSize}::int`
		);
		if (page.length === 0) break;
		result.batches++;
		const ids = `{${page.map((r) => r.id).join(',')}}`;
		const told = await database.transaction(async (tx) => {
			const sent = await recordDueReminders(tx, ids, days, today, now);
			return { sent: sent.length, notices: await tellResidents(tx, sent, today) };
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
	}>(
		tx,
		sql`with batch as (
			select b.id, b.seq, b.unit_id, b.currency, b.due_on, b.total_minor,
				(select max(d) from unnest(${days}::int[]) d where b.due_on + d <= ${today}::date) as step
			from bills b where b.id = any(${ids}::uuid[]) and b.state = 'open'
		),
		owed as (
			select x.*,
				x.total_minor
				- coalesce((select sum(pa.amount_minor) from payment_allocations pa join payments p on p.id = pa.payment_id
					where pa.bill_id = x.id and p.state = 'succeeded'), 0)
				+ coalesce((select sum(le.amount_minor) from ledger_entries le
					where le.bill_id = x.id and le.kind in ('write_off', 'deduction')), 0) as outstanding
			from batch x where x.step is not null
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
		select i.bill_id, d.seq, d.unit_id, i.days_overdue, i.outstanding_minor, d.currency, d.due_on::text as due_on
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
		dueOn: r.due_on
	}));
}

/**
 * The people a unit's bills are sent to today: its current occupants in person, and the admins of
 * a company occupying it (they act for the company; members need not all hear about arrears).
 */
async function unitRecipients(tx: Executor, unitIds: readonly string[], today: string) {
	if (unitIds.length === 0) return [];
	return queryRows<{ unit_id: string; user_id: string; email: string; locale: string | null; disabled: boolean }>(
		tx,
		sql`select distinct o.unit_id, u.id as user_id, u.email, u.locale, u.disabled
			from occupancies o
			left join company_members cm on cm.company_id = o.company_id and cm.role = 'admin'
			join users u on u.id = coalesce(o.user_id, cm.user_id)
			where o.unit_id = any(${`{${unitIds.join(',')}}`}::uuid[])
				and o.starts_on <= ${today}::date and (o.ends_on is null or o.ends_on >= ${today}::date)
			order by o.unit_id, u.id`
	);
}

export function reminderMessage(reminder: SentReminder, locale: Locale) {
	const inputs = {
		reference: billReference(reminder.seq),
		amount: money(reminder.outstandingMinor, reminder.currency, locale),
		due: dateText(reminder.dueOn, locale),
		days: reminder.daysOverdue
	};
	return { title: m.finance_arrears_title(inputs, { locale }), body: m.finance_arrears_body(inputs, { locale }) };
}

/**
 * Tells the residents of each reminded bill, in their language: inbox rows in one insert and the
 * emails in one notify.deliver job (the same records notify() writes, for a whole batch at once).
 * Returns the number of inbox rows.
 */
async function tellResidents(tx: Executor, sent: readonly SentReminder[], today: string): Promise<number> {
	if (sent.length === 0) return 0;
	const recipients = await unitRecipients(tx, [...new Set(sent.map((s) => s.unitId))], today);
	const byUnit = new Map<string, typeof recipients>();
	for (const r of recipients) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
	const inbox: (typeof notifications.$inferInsert)[] = [];
	const deliveries: NotifyDeliverPayload['deliveries'] = [];
	for (const reminder of sent) {
		const link = `/app/bills/${reminder.billId}`;
		for (const person of byUnit.get(reminder.unitId) ?? []) {
			const locale = recipientLocale(person.locale);
			const message = reminderMessage(reminder, locale);
			inbox.push({ userId: person.user_id, kind: 'bill.arrears', subjectType: 'bill', subjectId: reminder.billId, link, ...message });
			if (!person.disabled && person.email.trim() !== '') {
				deliveries.push({ userId: person.user_id, locale, channels: ['email'], link, ...message });
			}
		}
	}
	for (let i = 0; i < inbox.length; i += 1000) await tx.insert(notifications).values(inbox.slice(i, i + 1000));
	if (deliveries.length) await scheduleJob(tx, { kind: 'notify.deliver', payload: { deliveries }, runAt: new Date() });
	return inbox.length;
}

// ——— The durable daily job ———

export function arrearsRunAt(day: string): Date {
	return localInstant(day, SEND_AT_MINUTES, DEFAULT_TIME_ZONE);
}

export function arrearsJobKey(day: string): string {
	return `${ARREARS_JOB}:${day}`;
}

/** Schedules the run of a day unless one is pending or done (a failed one is scheduled again). */
export async function scheduleArrearsReminders(executor: Executor, day: string): Promise<boolean> {
	const dedupeKey = arrearsJobKey(day);
	const [existing] = await executor
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.dedupeKey, dedupeKey), isNull(jobs.failedAt)))
		.limit(1);
	if (existing) return false;
	const { created } = await scheduleJob(executor, {
		kind: ARREARS_JOB,
		payload: { day } satisfies ArrearsRemindersPayload,
		runAt: arrearsRunAt(day),
		dedupeKey
	});
	return created;
}

/** At start: today's and tomorrow's runs exist, so a chain broken by a failed day resumes. */
export async function ensureArrearsRemindersScheduled(executor: Executor, now: Date = new Date()): Promise<void> {
	const today = businessToday(now);
	await scheduleArrearsReminders(executor, today);
	await scheduleArrearsReminders(executor, addDays(today, 1));
}

/**
 * Job 'fees.arrears-reminders': schedules the next day first (a failure today must not end the
 * chain), then sends what is due today. A run that starts late counts from the real today; the
 * reminders it missed are caught up by "the largest step reached".
 */
export async function runArrearsRemindersJob(payload: ArrearsRemindersPayload, context: JobContext): Promise<void> {
	const today = businessToday(context.now);
	const day = payload.day > today ? payload.day : today;
	await scheduleArrearsReminders(context.db, addDays(day, 1));
	await sendArrearsReminders({ today, now: context.now, database: context.db });
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
 * Per unit: what its open bills past their due date (before `today`) still owe, and the oldest
 * such due date. Units without arrears are left out. The caller checks the actor may see them.
 */
export async function arrearsOfUnits(
	executor: Executor,
	unitIds: readonly string[],
	today: string = businessToday()
): Promise<Map<string, UnitArrears>> {
	const ids = unitIds.filter(isUuid);
	if (ids.length === 0) return new Map();
	const rows = await queryRows<{ unit_id: string; overdue: string | number; oldest: string; bills: number }>(
		executor,
		sql`select unit_id, sum(outstanding)::bigint as overdue, min(due_on)::text as oldest, count(*)::int as bills from (
			select b.unit_id, b.due_on,
				b.total_minor
				- coalesce((select sum(pa.amount_minor) from payment_allocations pa join payments p on p.id = pa.payment_id
					where pa.bill_id = b.id and p.state = 'succeeded'), 0)
				+ coalesce((select sum(le.amount_minor) from ledger_entries le
					where le.bill_id = b.id and le.kind in ('write_off', 'deduction')), 0) as outstanding
			from bills b
			where b.unit_id = any(${`{${ids.join(',')}}`}::uuid[]) and b.state = 'open' and b.due_on < ${today}::date
		) o where outstanding > 0 group by unit_id`
	);
	return new Map(
		rows.map((r) => [r.unit_id, { unitId: r.unit_id, overdueMinor: Number(r.overdue), oldestDueOn: r.oldest, bills: Number(r.bills) }])
	);
}
