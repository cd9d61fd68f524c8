/**
 * The monthly billing run (one bill per unit, period and party).
 *
 * Who is billed: units with an occupancy overlapping the period (started on or before its last
 * day and not ended before its first day) — a unit vacated mid-month still owes that month. This
 * is "occupied during the period", not "occupied today" (property/occupancy.ts).
 * Whom: each line goes to the party its fee item bills (fees/parties.ts) — the owner, or the
 * occupant: the renter when a tenancy overlaps the period, else the owner — and each party gets
 * its own bill with its lines.
 * What is billed and for how much: fees/priced-lines.ts (shared with a move-out's final energy
 * bill, fees/final-bill.ts): every active periodic fee item of the unit's use, priced on the
 * period's first day; energy from the readings, counted from the last reading before the period
 * or the last one a bill already counted to, whichever is later — so a final bill's consumption is
 * not billed again.
 * A unit whose lines add up to nothing gets no bill.
 *
 * Idempotent: bills are inserted ON CONFLICT DO NOTHING against the unique index
 * bills_unit_period_party, and lines and the 'charge' ledger entry are written only for the bills
 * the statement actually inserted, in one statement per batch — running the same period again, or
 * two runs at once, issue each bill once. Estates are run one by one, each with its own dates
 * (issued on its today, in its zone: src/lib/time); units in batches by id (keyset), each batch one
 * set-based statement in its own transaction, so a crash loses at most one batch and the next run
 * picks up where it stopped.
 */
import { error } from '@sveltejs/kit';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { addDays, addMonths, businessToday, firstDay, lastDay, localInstant, monthOf, parseMonth, type Month } from '#lib/time/index.ts';
import { database, db, queryRows, type Executor } from '../db/client.ts';
import { jobs } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { canSeeEstate, requireStaff } from '../auth/guards.ts';
import { scheduleJob, type JobContext } from '../jobs/queue.ts';
import { estateZones, type EstateZone } from './estate-time.ts';
import { pricedLinesCtes } from './priced-lines.ts';
import { feeSettings } from './settings.ts';
import { partyOccupancySql } from '../archive/party-occupancy.ts';

export const BILLING_RUN_JOB = 'fees.billing-run';
const DEFAULT_BATCH_SIZE = 5000;

export interface RunBillingInput {
	/** Only this estate's units; all estates (the actor's, for staff with a scope) when absent. */
	estateId?: string | null;
	period: string;
	/** The staff member pressing the button (needs fees.manage); null for the scheduled job. */
	actor: Actor | null;
	now: Date;
	batchSize?: number;
	dueDays?: number;
}

export interface RunBillingResult {
	period: string;
	/** Occupied units looked at. */
	units: number;
	/** Bills, bill lines and charge entries created by this run (all 0 on a repeat). */
	bills: number;
	lines: number;
	charges: number;
	batches: number;
	ms: number;
}

const NO_ID = '00000000-0000-0000-0000-000000000000';

/** A period's first and last day. */
function periodDays(period: string): { period: Month; start: string; end: string } {
	const month = parseMonth(period);
	if (!month) throw new RangeError(`Not a billing period 'YYYY-MM': '${period}'.`);
	return { period: month, start: firstDay(month), end: lastDay(month) };
}

export async function runBilling(input: RunBillingInput): Promise<RunBillingResult> {
	const started = performance.now();
	const { period } = periodDays(input.period);
	const batchSize = input.batchSize ?? DEFAULT_BATCH_SIZE;
	if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer.');

	if (input.actor) {
		requireStaff(input.actor, 'fees.manage');
		if (input.estateId && !canSeeEstate(input.actor, input.estateId)) error(403, 'Forbidden');
	}
	const zones = [...(await estateZones(db())).values()].filter((estate) =>
		input.estateId ? estate.id === input.estateId : !input.actor || canSeeEstate(input.actor, estate.id)
	);
	const result: RunBillingResult = { period, units: 0, bills: 0, lines: 0, charges: 0, batches: 0, ms: 0 };
	for (const estate of zones) {
		const run = await billEstate(estate, input, batchSize);
		result.units += run.units;
		result.bills += run.bills;
		result.lines += run.lines;
		result.charges += run.charges;
		result.batches += run.batches;
	}
	result.ms = Math.round(performance.now() - started);
	return result;
}

/** One estate's run: issued on its today, due after the settings' days. */
async function billEstate(estate: EstateZone, input: RunBillingInput, batchSize: number): Promise<Omit<RunBillingResult, 'ms'>> {
	const { period, start, end } = periodDays(input.period);
	const settings = await feeSettings();
	const issuedOn = businessToday(estate, input.now);
	const dueOn = addDays(issuedOn, input.dueDays ?? settings.dueDays);
	const currency = settings.currency;
	const actorId = input.actor?.userId ?? null;
	const note = `billing run ${period}`;
	const estateFilter = sql`u.estate_id = ${estate.id}::uuid`;

	const result = { period, units: 0, bills: 0, lines: 0, charges: 0, batches: 0 };
	let cursor = NO_ID;
	for (;;) {
		const counts = await db().transaction(async (tx) => {
			// The next units by id (a keyset scan on the primary key); occupancy is checked below.
			const ids = await queryRows<{ id: string }>(
				tx,
				sql`select u.id from units u where u.id > ${cursor}::uuid and ${estateFilter} order by u.id limit ${batchSize}::int`
			);
			if (ids.length === 0) return { examined: 0, occupied: 0, lastId: null, bills: 0, lines: 0, charges: 0 };
			// The tables this run fills have no statistics yet (and PGlite never analyzes): the planner
			// then expects one row per CTE and picks nested loops that are quadratic in the batch
			// size. Hash joins it is; and no JIT for a plan whose cost that setting inflates.
			await tx.execute(sql`set local enable_nestloop = off`);
			if (database().kind === 'postgresql') await tx.execute(sql`set local jit = off`);
			const unitIds = `{${ids.map((r) => r.id).join(',')}}`;
			const [row] = await queryRows<{ occupied: number; bills: number; lines: number; charges: number }>(
				tx,
				batchStatement({ unitIds, period, start, end, issuedOn, dueOn, actorId, note, currency })
			);
			return {
				examined: ids.length,
				occupied: Number(row!.occupied),
				lastId: ids.at(-1)!.id,
				bills: Number(row!.bills),
				lines: Number(row!.lines),
				charges: Number(row!.charges)
			};
		});
		result.batches++;
		result.units += counts.occupied;
		result.bills += counts.bills;
		result.lines += counts.lines;
		result.charges += counts.charges;
		if (counts.examined < batchSize || !counts.lastId) break;
		cursor = counts.lastId;
	}
	return result;
}

interface BatchParams {
	/** The batch's unit ids as a PostgreSQL array literal. */
	unitIds: string;
	period: string;
	start: string;
	end: string;
	issuedOn: string;
	dueOn: string;
	actorId: string | null;
	note: string;
	currency: string;
}

/** One batch of units: their lines, and the bills, lines and charges actually inserted. */
function batchStatement(p: BatchParams): SQL {
	return sql`
	with ${pricedLinesCtes({ unitIds: p.unitIds, start: p.start, end: p.end })},
	totals as (
		-- One bill per unit and party, unless the period has given it one already.
		select t.id as unit_id, t.estate_id, l.party, sum(l.amount)::integer as total
		from todo t join lines l on l.unit_id = t.id
		where not exists (select 1 from bills x where x.unit_id = t.id and x.period = ${p.period} and x.party = l.party and x.source = 'billing_run')
		group by t.id, t.estate_id, l.party
	),
	new_bills as (
		insert into bills (estate_id, unit_id, party, source, period, total_minor, currency, issued_on, due_on, created_by)
		select estate_id, unit_id, party, 'billing_run', ${p.period}, total, ${p.currency}, ${p.issuedOn}::date, ${p.dueOn}::date, ${p.actorId}::uuid
		from totals where total > 0
		order by unit_id, party
		on conflict (unit_id, period, party) where source = 'billing_run' do nothing
		returning id, unit_id, party, total_minor
	),
	new_lines as (
		insert into bill_lines (bill_id, fee_item_id, name_en, name_zh_hans, name_zh_hant, quantity, price_micro, amount_minor, sort, readings)
		select nb.id, l.fee_item_id, l.name_en, l.name_zh_hans, l.name_zh_hant, l.quantity, l.price_micro, l.amount, l.sort, l.readings
		from new_bills nb join lines l on l.unit_id = nb.unit_id and l.party = nb.party
		returning 1
	),
	new_charges as (
		insert into ledger_entries (unit_id, party, kind, amount_minor, currency, bill_id, effective_on, note, created_by)
		select nb.unit_id, nb.party, 'charge', nb.total_minor, ${p.currency}, nb.id, ${p.issuedOn}::date, ${p.note}, ${p.actorId}::uuid
		from new_bills nb
		returning 1
	),
	new_events as (
		-- Each bill's timeline starts with its issue, like a one-off bill's (issue-bill.ts).
		insert into events (actor_id, subject_type, subject_id, kind, to_state, note, data)
		select ${p.actorId}::uuid, 'bill', nb.id::text, 'issue', 'open', ${p.note},
			jsonb_build_object('source', 'billing_run', 'totalMinor', nb.total_minor, 'party', nb.party)
		from new_bills nb
		returning 1
	),
	new_filed as (
		-- Each bill is filed in the unit's file (一戶一檔), in its party's occupancy's part, like a one-off bill's.
		insert into archive_entries (unit_id, occupancy_id, kind, source_type, source_id, summary, actor_id)
		select nb.unit_id, ${partyOccupancySql(sql`nb.unit_id`, sql`nb.party`, sql`${p.issuedOn}::date`)}, 'bill', 'bill', nb.id::text,
			jsonb_build_object('amountMinor', nb.total_minor, 'currency', ${p.currency}::text),
			${p.actorId}::uuid
		from new_bills nb
		returning 1
	)
	select
		(select count(*) from todo)::int as occupied,
		(select count(*) from new_bills)::int as bills,
		(select count(*) from new_lines)::int as lines,
		(select count(*) from new_charges)::int as charges,
		(select count(*) from new_events)::int as events,
		(select count(*) from new_filed)::int as filed`;
}

// ——— The durable monthly job ———

export interface FeesBillingRunPayload {
	/** 'YYYY-MM' */
	period: string;
	/** The estate billed (each estate runs at 02:00 on the 1st in its own zone); absent: every estate (older jobs). */
	estateId?: string;
}

/** A period is billed at 02:00 (estate time) on the first day of the next month, once its meter readings are in. */
export function billingRunAt(period: string, estate: EstateZone): Date {
	return localInstant(firstDay(addMonths(periodDays(period).period, 1)), 2 * 60, estate.timeZone);
}

function billingRunKey(period: string, estateId: string): string {
	return `${BILLING_RUN_JOB}:${estateId}:${period}`;
}

/**
 * Schedules the estate's run of a period unless one is pending or already done (a failed one is
 * scheduled again). Returns whether a job was added.
 */
export async function scheduleBillingRun(executor: Executor, period: string, estate: EstateZone): Promise<boolean> {
	periodDays(period);
	const dedupeKey = billingRunKey(period, estate.id);
	const [existing] = await executor
		.select({ id: jobs.id })
		.from(jobs)
		.where(and(eq(jobs.dedupeKey, dedupeKey), isNull(jobs.failedAt)))
		.limit(1);
	if (existing) return false;
	const { created } = await scheduleJob(executor, {
		kind: BILLING_RUN_JOB,
		payload: { period, estateId: estate.id } satisfies FeesBillingRunPayload,
		runAt: billingRunAt(period, estate),
		dedupeKey
	});
	return created;
}

/** At start: every estate's run of its current month is scheduled (each chain then keeps itself going). */
export async function ensureBillingRunScheduled(executor: Executor, now: Date = new Date()): Promise<boolean> {
	let added = false;
	for (const estate of (await estateZones(executor)).values()) {
		if (await scheduleBillingRun(executor, monthOf(businessToday(estate, now)), estate)) added = true;
	}
	return added;
}

/** Job 'fees.billing-run': bills the estate's period, then schedules its next month's run. Safe to run again. */
export async function runBillingJob(payload: FeesBillingRunPayload, context: JobContext): Promise<void> {
	await runBilling({ period: payload.period, estateId: payload.estateId ?? null, actor: null, now: context.now });
	const zones = await estateZones(context.db);
	for (const estate of zones.values()) {
		if (!payload.estateId || estate.id === payload.estateId) await scheduleBillingRun(context.db, addMonths(payload.period, 1), estate);
	}
}
