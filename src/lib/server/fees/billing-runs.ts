/**
 * The billing page (/staff/fees/billing): running the monthly billing by hand for a period and
 * an estate (runBilling is idempotent, so pressing it twice bills nothing new), and what has
 * been billed lately — the scheduled run jobs and the billing-run bills per period and estate.
 */
import { error } from '@sveltejs/kit';
import { desc, eq, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { db, queryRows } from '../db/client.ts';
import { auditLog, jobs, users } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { actorEstates, type EstateOption } from '../property/estates.ts';
import type { BillingRunForm } from '#lib/schemas/fees-staff.ts';
import { BILLING_RUN_JOB, runBilling, type RunBillingResult } from './billing.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { addMonths, businessToday, periodOf } from './period.ts';

/** How many periods back the page counts bills for. */
export const RECENT_PERIODS = 6;

function requireBilling(actor: Actor | null | undefined): asserts actor is Actor {
	requireStaff(actor, 'fees.manage');
	if (actor.kind !== 'staff') error(403, 'Forbidden');
}

/** The period billed by default: the month before today's (the monthly run bills a finished month). */
export function defaultBillingPeriod(now: Date = new Date()): string {
	return addMonths(periodOf(businessToday(now)), -1);
}

/** Runs the billing for a period (not a future one) in one estate or all of the actor's; recorded in the audit log. */
export async function runBillingFromDesk(actor: Actor, form: BillingRunForm, options: { now?: Date; ip?: string } = {}): Promise<RunBillingResult> {
	requireBilling(actor);
	const now = options.now ?? new Date();
	if (form.period > periodOf(businessToday(now))) throw new InputError('period', m.feesstaff_period_future());
	if (form.estateId && actor.estateIds !== null && !actor.estateIds.includes(form.estateId)) {
		throw new InputError('estateId', m.feesstaff_choice_invalid());
	}
	const result = await runBilling({ estateId: form.estateId || null, period: form.period, actor, now });
	await recordAudit(db(), {
		actor,
		ip: options.ip,
		action: 'fees.billing.run',
		subjectType: 'billing_period',
		subjectId: form.period,
		detail: { estateId: form.estateId || null, units: result.units, bills: result.bills, ms: result.ms }
	});
	return result;
}

export interface PeriodCount {
	period: string;
	estateId: string;
	bills: number;
	totalMinor: number;
}

export interface RunJob {
	id: string;
	period: string;
	runAt: Date;
	doneAt: Date | null;
	failedAt: Date | null;
	attempts: number;
	lastError: string | null;
}

export interface DeskRun {
	at: Date;
	period: string;
	estateId: string | null;
	bills: number;
	units: number;
	byName: string | null;
}

export interface BillingOverview {
	estates: EstateOption[];
	periods: string[];
	counts: PeriodCount[];
	jobs: RunJob[];
	deskRuns: DeskRun[];
}

export async function billingOverview(actor: Actor, options: { now?: Date } = {}): Promise<BillingOverview> {
	requireBilling(actor);
	const current = periodOf(businessToday(options.now));
	const periods = Array.from({ length: RECENT_PERIODS }, (_, i) => addMonths(current, -i));
	const visible = await actorEstates(actor);
	const [counts, jobRows, runs] = await Promise.all([
		// One index probe (bills_estate_period) per estate and period, not a scan of every bill.
		visible.length
			? queryRows<{ period: string; estate_id: string; bills: number; total: string | number }>(
					db(),
					sql`select p.period, e.id as estate_id, count(b.id)::int as bills, coalesce(sum(b.total_minor), 0)::bigint as total
						from (select unnest(${`{${periods.join(',')}}`}::text[]) as period) p
						cross join (select id from estates where id in (${sql.join(visible.map((e) => sql`${e.id}::uuid`), sql`, `)})) e
						join bills b on b.estate_id = e.id and b.period = p.period and b.source = 'billing_run'
						group by p.period, e.id`
				)
			: Promise.resolve([]),
		db()
			.select({ id: jobs.id, payload: jobs.payload, runAt: jobs.runAt, doneAt: jobs.doneAt, failedAt: jobs.failedAt, attempts: jobs.attempts, lastError: jobs.lastError })
			.from(jobs)
			.where(eq(jobs.kind, BILLING_RUN_JOB))
			.orderBy(desc(jobs.runAt))
			.limit(RECENT_PERIODS),
		db()
			.select({ at: auditLog.at, subjectId: auditLog.subjectId, detail: auditLog.detail, byName: users.name })
			.from(auditLog)
			.leftJoin(users, eq(users.id, auditLog.actorId))
			.where(eq(auditLog.action, 'fees.billing.run'))
			.orderBy(desc(auditLog.at))
			.limit(10)
	]);
	const visibleIds = new Set(visible.map((e) => e.id));
	return {
		estates: visible,
		periods,
		counts: counts.map((c) => ({ period: c.period, estateId: c.estate_id, bills: Number(c.bills), totalMinor: Number(c.total) })),
		jobs: jobRows.map((j) => ({
			id: j.id,
			period: String((j.payload as { period?: unknown }).period ?? ''),
			runAt: j.runAt,
			doneAt: j.doneAt,
			failedAt: j.failedAt,
			attempts: j.attempts,
			lastError: j.lastError
		})),
		// A run of one estate shows only to those who see that estate; a run of "all" to everyone here.
		deskRuns: runs
			.map((r) => ({
				at: r.at,
				period: r.subjectId,
				estateId: (r.detail.estateId as string | null) ?? null,
				bills: Number(r.detail.bills ?? 0),
				units: Number(r.detail.units ?? 0),
				byName: r.byName
			}))
			.filter((r) => r.estateId === null || visibleIds.has(r.estateId))
	};
}
