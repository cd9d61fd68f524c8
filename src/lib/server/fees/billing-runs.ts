/**
 * The billing page (/staff/fees/billing): running the monthly billing by hand for a period and
 * an estate (runBilling is idempotent, so pressing it twice bills nothing new), and what has
 * been billed lately — the scheduled run jobs and the billing-run bills per period and estate.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { type Actor } from '../auth/actor.ts';
import { canSeeEstate, requireStaff } from '../auth/guards.ts';
import { db, queryRows } from '../db/client.ts';
import { auditLog, jobs, users } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import { actorEstates, type EstateOption } from '../property/estates.ts';
import type { BillingRunForm } from '#lib/schemas/fees-staff.ts';
import { BILLING_RUN_JOB, runBilling, type RunBillingResult } from './billing.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { addMonths, DEFAULT_TIME_ZONE, monthOf } from '#lib/time/index.ts';
import { estateZones, latestToday } from './estate-time.ts';

/** How many periods back the page counts bills for. */
const RECENT_PERIODS = 6;

/** This month in the actor's estates (the latest of their todays): a later period has not begun anywhere. */
async function currentPeriod(actor: Actor, now: Date = new Date()): Promise<string> {
	const zones = [...(await estateZones(db())).values()].filter((e) => canSeeEstate(actor, e.id));
	return monthOf(latestToday(zones, now));
}

/** The period billed by default: the month before this one (the monthly run bills a finished month). */
export async function defaultBillingPeriod(actor: Actor, now: Date = new Date()): Promise<string> {
	return addMonths(await currentPeriod(actor, now), -1);
}

/** Runs the billing for a period (not a future one) in one estate or all of the actor's; recorded in the audit log. */
export async function runBillingFromDesk(
	actor: Actor,
	form: BillingRunForm,
	options: { now?: Date; ip?: string } = {}
): Promise<RunBillingResult> {
	requireStaff(actor, 'fees.manage');
	const now = options.now ?? new Date();
	if (form.period > (await currentPeriod(actor, now))) throw new InputError('period', m.feesstaff_period_future());
	if (form.estateId && !canSeeEstate(actor, form.estateId)) {
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
	/** The estate run (null: an older job that ran them all). */
	estateId: string | null;
	/** The zone its times are shown in: its estate's. */
	timeZone: string;
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
	/** Its estate's zone (a run of all estates: the first of the actor's). */
	timeZone: string;
}

export interface BillingOverview {
	estates: EstateOption[];
	periods: string[];
	counts: PeriodCount[];
	jobs: RunJob[];
	deskRuns: DeskRun[];
}

export async function billingOverview(actor: Actor, options: { now?: Date } = {}): Promise<BillingOverview> {
	requireStaff(actor, 'fees.manage');
	const current = await currentPeriod(actor, options.now);
	const periods = Array.from({ length: RECENT_PERIODS }, (_, i) => addMonths(current, -i));
	const visible = await actorEstates(actor);
	const [counts, jobRows, runs] = await Promise.all([
		// One index probe (bills_estate_period) per estate and period, not a scan of every bill.
		visible.length
			? queryRows<{ period: string; estate_id: string; bills: number; total: string | number }>(
					db(),
					sql`select p.period, e.id as estate_id, count(b.id)::int as bills, coalesce(sum(b.total_minor), 0)::bigint as total
						from (select unnest(${`{${periods.join(',')}}`}::text[]) as period) p
						cross join (select id from estates where id in (${sql.join(
							visible.map((e) => sql`${e.id}::uuid`),
							sql`, `
						)})) e
						join bills b on b.estate_id = e.id and b.period = p.period and b.source = 'billing_run'
						group by p.period, e.id`
				)
			: Promise.resolve([]),
		db()
			.select({
				id: jobs.id,
				payload: jobs.payload,
				runAt: jobs.runAt,
				doneAt: jobs.doneAt,
				failedAt: jobs.failedAt,
				attempts: jobs.attempts,
				lastError: jobs.lastError
			})
			.from(jobs)
			.where(eq(jobs.kind, BILLING_RUN_JOB))
			.orderBy(desc(jobs.runAt))
			.limit(RECENT_PERIODS * Math.max(1, visible.length)),
		db()
			.select({ at: auditLog.at, subjectId: auditLog.subjectId, detail: auditLog.detail, byName: users.name })
			.from(auditLog)
			.leftJoin(users, eq(users.id, auditLog.actorId))
			.where(eq(auditLog.action, 'fees.billing.run'))
			.orderBy(desc(auditLog.at))
			.limit(10)
	]);
	const visibleIds = new Set(visible.map((e) => e.id));
	const zones = await estateZones(db());
	const fallback = zones.get(visible[0]?.id ?? '')?.timeZone;
	// A run of no one estate (an older job, or no estates at all) is shown in the default zone.
	const zoneOf = (estateId: string | null) => zones.get(estateId ?? '')?.timeZone ?? fallback ?? DEFAULT_TIME_ZONE;
	return {
		estates: visible,
		periods,
		counts: counts.map((c) => ({ period: c.period, estateId: c.estate_id, bills: Number(c.bills), totalMinor: Number(c.total) })),
		jobs: jobRows
			.map((j) => {
				const payload = j.payload as { period?: unknown; estateId?: unknown };
				const estateId = typeof payload.estateId === 'string' ? payload.estateId : null;
				return {
					id: j.id,
					period: typeof payload.period === 'string' ? payload.period : '',
					estateId,
					timeZone: zoneOf(estateId),
					runAt: j.runAt,
					doneAt: j.doneAt,
					failedAt: j.failedAt,
					attempts: j.attempts,
					lastError: j.lastError
				};
			})
			.filter((j) => j.estateId === null || visibleIds.has(j.estateId)),
		// A run of one estate shows only to those who see that estate; a run of "all" to everyone here.
		deskRuns: runs
			.map((r) => ({
				at: r.at,
				period: r.subjectId,
				estateId: (r.detail.estateId as string | null) ?? null,
				bills: Number(r.detail.bills ?? 0),
				units: Number(r.detail.units ?? 0),
				byName: r.byName,
				timeZone: zoneOf((r.detail.estateId as string | null) ?? null)
			}))
			.filter((r) => r.estateId === null || visibleIds.has(r.estateId))
	};
}
