/**
 * The monthly billing run (one bill per unit, period and party).
 *
 * Who is billed: units with an occupancy overlapping the period (started on or before its last
 * day and not ended before its first day) — a unit vacated mid-month still owes that month. This
 * is "occupied during the period", not "occupied today" (property/occupancy.ts).
 * Whom: each line goes to the party its fee item bills (fees/parties.ts) — the owner, or the
 * occupant: the renter when a tenancy overlaps the period, else the owner — and each party gets
 * its own bill with its lines.
 * What is billed: every active periodic fee item that applies to the unit's use (unitUse null:
 * every unit), priced by the fee_prices row effective on the period's first day — the estate's
 * own price if it has one, else the general one (estateId null):
 *   per_m2_month  quantity = the unit's area
 *   per_reading   quantity = last reading in the period − last reading before it, per meter
 *                 (water / electricity), plus (final − start) of each meter replaced or rolled
 *                 over between them (meter_changes: the old meter's consumption up to its final
 *                 reading, the new one's from its start); the line keeps those readings to show.
 *                 No line when either reading is missing or the meter went backwards unexplained
 *   fixed         quantity = 1
 * Each line is round-half-up(quantity × priceMicro / 10 000) fen, computed exactly in numeric.
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
import { billedPartySql } from './parties.ts';
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
	with occupied as (
		-- Occupied during the period, and whether a tenancy overlaps it (the unit is let).
		select o.unit_id, bool_or(o.role = 'renter') as let
		from occupancies o
		where o.unit_id = any(${p.unitIds}::uuid[])
			and o.starts_on <= ${p.end}::date and (o.ends_on is null or o.ends_on >= ${p.start}::date)
		group by o.unit_id
	),
	todo as (
		select u.id, u.estate_id, u.area_m_2, u.use, oc.let
		from units u join occupied oc on oc.unit_id = u.id
		where u.id = any(${p.unitIds}::uuid[])
	),
	items as (
		select id, kind, basis, unit_use, name_en, name_zh_hans, name_zh_hant, sort, payer,
			case when kind in ('water', 'electricity') then kind::text::meter_kind end as meter
		from fee_items where periodic and active
	),
	prices as (
		select distinct on (e.estate_id, i.id) e.estate_id, i.id as item_id, fp.price_micro
		from (select distinct estate_id from todo) e
		cross join items i
		join fee_prices fp on fp.fee_item_id = i.id and (fp.estate_id = e.estate_id or fp.estate_id is null)
			and fp.effective_from <= ${p.start}::date
		order by e.estate_id, i.id, (fp.estate_id is null), fp.effective_from desc
	),
	meter_points as (
		-- Each meter's last reading in the period and the last one before it.
		select t.id as unit_id, mk.meter, cur.value as cur_value, cur.read_on as cur_on, prev.value as prev_value, prev.read_on as prev_on
		from todo t
		cross join (values ('water'::meter_kind), ('electricity'::meter_kind)) as mk(meter)
		left join lateral (select m.value, m.read_on from meter_readings m where m.unit_id = t.id and m.meter = mk.meter
			and m.read_on >= ${p.start}::date and m.read_on <= ${p.end}::date order by m.read_on desc limit 1) cur on true
		left join lateral (select m.value, m.read_on from meter_readings m where m.unit_id = t.id and m.meter = mk.meter
			and m.read_on < ${p.start}::date order by m.read_on desc limit 1) prev on true
	),
	meter_use as (
		-- The consumption between them: their difference, plus (final − start) of every meter replaced
		-- or rolled over in between (meter_changes), and the readings as the bill line shows them.
		select mp.unit_id, mp.meter, mp.cur_value - mp.prev_value + coalesce(ch.across, 0) as consumption,
			jsonb_build_object(
				'previous', jsonb_build_object('on', mp.prev_on::text, 'value', mp.prev_value::text),
				'current', jsonb_build_object('on', mp.cur_on::text, 'value', mp.cur_value::text),
				'changes', coalesce(ch.list, '[]'::jsonb)
			) as readings
		from meter_points mp
		left join lateral (
			select sum(c.final_value - c.start_value) as across,
				jsonb_agg(jsonb_build_object('on', c.changed_on::text, 'kind', c.kind, 'finalValue', c.final_value::text,
					'startValue', c.start_value::text) order by c.changed_on) as list
			from meter_changes c where c.unit_id = mp.unit_id and c.meter = mp.meter
				and c.changed_on > mp.prev_on and c.changed_on <= mp.cur_on
		) ch on true
		where mp.cur_value is not null and mp.prev_value is not null
	),
	quantities as (
		select t.id as unit_id, ${billedPartySql(sql`i.payer`, sql`t.let`)} as party,
			i.id as fee_item_id, i.name_en, i.name_zh_hans, i.name_zh_hant, i.sort, pr.price_micro,
			case i.basis
				when 'per_m2_month' then t.area_m_2
				when 'fixed' then 1::numeric
				else mu.consumption
			end as quantity,
			case when i.basis = 'per_reading' then mu.readings end as readings
		from todo t
		join items i on i.unit_use is null or i.unit_use = t.use
		join prices pr on pr.estate_id = t.estate_id and pr.item_id = i.id
		left join meter_use mu on mu.unit_id = t.id and mu.meter = i.meter
	),
	lines as (
		-- round half-up exactly: floor((2 × hundredths × price + 10^6) / (2 × 10^6))
		select q.*, div(q.quantity * 200 * q.price_micro + 1000000, 2000000)::integer as amount
		from quantities q where q.quantity is not null and q.quantity >= 0
	),
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
