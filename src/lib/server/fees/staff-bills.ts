/**
 * The finance desk's bill list (/staff/fees): every bill of the actor's estates, filtered by
 * estate, billing period, state, "overdue only" and a unit-number prefix, one keyset page at a
 * time, with the totals of the whole filter.
 *
 * Built to stay fast at 100 000 units (a million bills a year) on the indexes the bills table
 * has: newest first walks bills_seq backwards; "overdue only" walks bills_open_due (the partial
 * index of open bills by due date) oldest due first; an estate and period use
 * bills_estate_period; a unit search finds the units by lower(number) prefix first and their
 * bills by bills_unit_issued. What a bill still owes is derived (ledger.ts) for the page's rows
 * only, and for the totals in one set-based pass over the open bills of the filter.
 */
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { daysBetween, parseMonth, type BusinessDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { inActorEstates, requireStaff } from '../auth/guards.ts';
import { database, db, queryRows, type Executor } from '../db/client.ts';
import { bills } from '../db/schema/index.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { estateTodays, todayInEstateSql } from '../property/occupancy.ts';
import { billAdjustmentKindsSql, billsOutstanding } from './ledger.ts';
import type { Party } from './parties.ts';

const BILL_PAGE_SIZE = 25;
export const billStates = ['open', 'paid', 'void', 'written_off'] as const;
export type BillState = (typeof billStates)[number];
export type BillSource = 'billing_run' | 'paid_service' | 'deposit' | 'renovation' | 'manual';

export interface BillListFilter {
	estateId: string;
	/** 'YYYY-MM' or ''. */
	period: string;
	state: BillState | 'all';
	overdue: boolean;
	/** A unit-number prefix. */
	q: string;
	/** Where the previous page ended (opaque to people). */
	after: string;
}

/** The filter from a query string, leniently: an unknown value is dropped rather than refused. */
export function billListFilter(params: URLSearchParams): BillListFilter {
	const state = params.get('state') ?? 'open';
	const period = (params.get('period') ?? '').trim();
	const estate = params.get('estate') ?? '';
	return {
		estateId: isUuid(estate) ? estate : '',
		period: parseMonth(period) ?? '',
		state: state === 'all' || (billStates as readonly string[]).includes(state) ? (state as BillListFilter['state']) : 'open',
		overdue: params.get('overdue') === '1',
		q: (params.get('q') ?? '').trim().slice(0, 20),
		after: (params.get('after') ?? '').slice(0, 40)
	};
}

/** The query string of a filter and an optional cursor (the pager's links). */
export function billListSearch(filter: BillListFilter, after: string | null): string {
	const params = new URLSearchParams();
	if (filter.estateId) params.set('estate', filter.estateId);
	if (filter.period) params.set('period', filter.period);
	if (filter.state !== 'open') params.set('state', filter.state);
	if (filter.overdue) params.set('overdue', '1');
	if (filter.q) params.set('q', filter.q);
	if (after) params.set('after', after);
	const query = params.toString();
	return query ? `?${query}` : '?';
}

export interface StaffBillRow {
	id: string;
	seq: number;
	unitId: string;
	unitNumber: string;
	buildingName: string;
	estateCode: string;
	party: Party;
	source: BillSource;
	period: string | null;
	state: BillState;
	totalMinor: number;
	outstandingMinor: number;
	currency: string;
	issuedOn: string;
	dueOn: string;
	/** Days past the due date while something is owed; 0 otherwise. */
	daysOverdue: number;
}

export interface BillTotals {
	currency: string;
	/** Open bills in the filter. */
	bills: number;
	outstandingMinor: number;
}

export interface StaffBillPage {
	rows: StaffBillRow[];
	next: string | null;
	/** What the filter's open bills owe, per currency (one in practice): the whole filter, not just the page. */
	totals: BillTotals[];
}

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Cursor of the newest-first order ("s<seq>") or of the overdue order ("d<due>_<seq>"). */
function parseCursor(after: string, overdue: boolean): SQL | undefined {
	if (overdue) {
		const match = /^d(\d{4}-\d{2}-\d{2})_(\d{1,15})$/.exec(after);
		// The plain bound lets the index scan start at the cursor; the row comparison alone is only a filter.
		return match ? sql`b.due_on >= ${match[1]}::date and (b.due_on, b.seq) > (${match[1]}::date, ${Number(match[2])}::bigint)` : undefined;
	}
	const match = /^s(\d{1,15})$/.exec(after);
	return match ? sql`b.seq < ${Number(match[1])}::bigint` : undefined;
}

/**
 * The filter's conditions on bills `b` (and units `u` for the unit search), without the cursor.
 * "Overdue" is due before today in the bill's own estate.
 */
function conditions(actor: Actor, filter: BillListFilter, today: SQL): SQL {
	const parts: SQL[] = [];
	const scope = inActorEstates(actor, alias(bills, 'b').estateId);
	if (scope) parts.push(scope);
	if (filter.estateId) parts.push(sql`b.estate_id = ${filter.estateId}::uuid`);
	if (filter.period) parts.push(sql`b.period = ${filter.period}`);
	// States are written as literals: the partial index bills_open_due is only usable when the
	// planner sees state = 'open' itself, not a parameter (a generic plan cannot prove it).
	if (filter.overdue) parts.push(sql`b.state = 'open' and b.due_on < ${today}`);
	else if (filter.state !== 'all') parts.push(sql.raw(`b.state = '${filter.state}'`));
	if (filter.q) {
		parts.push(sql`b.unit_id in (select u2.id from units u2 where lower(u2.number) like ${`${escapeLike(filter.q.toLowerCase())}%`})`);
	}
	return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * One page of bills for staff with fees.read, in the actor's estates. Newest first; with
 * "overdue only", the longest overdue first.
 */
export async function staffBills(
	actor: Actor,
	filter: BillListFilter,
	options: { now?: Date; limit?: number; executor?: Executor; probeLimit?: number } = {}
): Promise<StaffBillPage> {
	requireStaff(actor, 'fees.read');
	const executor = options.executor ?? db();
	const limit = Math.min(Math.max(options.limit ?? BILL_PAGE_SIZE, 1), 100);
	const todays = await estateTodays(executor, options.now);
	const where = conditions(actor, filter, todayInEstateSql(sql`b.estate_id`, todays));
	const cursor = filter.after ? parseCursor(filter.after, filter.overdue) : undefined;
	const order = filter.overdue ? sql`b.due_on, b.seq` : sql`b.seq desc`;

	const [rows, totals] = await Promise.all([
		queryRows<{
			id: string;
			seq: string | number;
			unit_id: string;
			unit_number: string;
			building_name: string;
			estate_code: string;
			party: Party;
			source: BillSource;
			period: string | null;
			state: BillState;
			total_minor: number;
			estate_id: string;
			currency: string;
			issued_on: string;
			due_on: string;
		}>(
			executor,
			sql`select b.id, b.seq, b.unit_id, u.number as unit_number, bd.name as building_name, e.code as estate_code,
					b.party, b.source, b.period, b.state, b.total_minor, b.currency, b.issued_on::text as issued_on, b.due_on::text as due_on, b.estate_id
				from (select * from bills b where ${where} ${cursor ? sql`and ${cursor}` : sql``} order by ${order} limit ${limit + 1}) b
				join units u on u.id = b.unit_id
				join buildings bd on bd.id = u.building_id
				join estates e on e.id = b.estate_id
				order by ${order}`
		),
		filter.state === 'paid' || filter.state === 'void' || filter.state === 'written_off'
			? Promise.resolve([])
			: billTotals(executor, where, options.probeLimit)
	]);
	const page = rows.slice(0, limit);
	const outstanding = await billsOutstanding(
		executor,
		page.map((r) => r.id)
	);
	const last = page.at(-1);
	return {
		rows: page.map((r) => {
			const owed = outstanding.get(r.id) ?? 0;
			const late = daysBetween(r.due_on, todays.get(r.estate_id) as BusinessDate);
			return {
				id: r.id,
				seq: Number(r.seq),
				unitId: r.unit_id,
				unitNumber: r.unit_number,
				buildingName: r.building_name,
				estateCode: r.estate_code,
				party: r.party,
				source: r.source,
				period: r.period,
				state: r.state,
				totalMinor: Number(r.total_minor),
				outstandingMinor: owed,
				currency: r.currency,
				issuedOn: String(r.issued_on),
				dueOn: String(r.due_on),
				daysOverdue: r.state === 'open' && owed > 0 && late > 0 ? late : 0
			};
		}),
		next: rows.length > limit && last ? (filter.overdue ? `d${last.due_on}_${last.seq}` : `s${last.seq}`) : null,
		totals
	};
}

/** Below this many open bills the totals probe each bill's payments by index; above it set-based joins are cheaper. */
const PROBE_LIMIT = 20_000;

/** A read in its own transaction without JIT: compiling a big aggregate costs PostgreSQL more than running it. */
function withoutJit<T>(executor: Executor, read: (tx: Executor) => Promise<T>): Promise<T> {
	return executor.transaction(async (tx) => {
		if (database().kind === 'postgresql') await tx.execute(sql`set local jit = off`);
		return read(tx);
	});
}

/**
 * What the open bills of the filter still owe, per currency (paid and void bills owe nothing):
 * Σ total − Σ succeeded allocations + Σ write-offs/deductions/credit notes on those bills (ledger.ts), exact.
 * A narrow filter (an estate's month, a unit) probes each bill through payment_allocations_bill
 * and ledger_entries_bill; a broad one (every open bill of 100 000 units) sums the three parts in
 * set-based joins instead, each planned on its own, which costs far less than 100 000 probes.
 */
async function billTotals(executor: Executor, where: SQL, probeLimit = PROBE_LIMIT): Promise<BillTotals[]> {
	const open = sql`${where} and b.state = 'open'`;
	type Sum = { currency: string; bills?: number; s: string | number | null };
	const counts = await withoutJit(executor, (tx) =>
		queryRows<Sum>(
			tx,
			sql`select b.currency, count(*)::int as bills, sum(b.total_minor)::bigint as s from bills b where ${open} group by b.currency`
		)
	);
	const bills = counts.reduce((sum, c) => sum + Number(c.bills), 0);
	if (bills === 0) return [];
	let paid: Sum[];
	let adjusted: Sum[];
	if (bills <= probeLimit) {
		const rows = await withoutJit(executor, (tx) =>
			queryRows<{ currency: string; paid: string | number | null; adjusted: string | number | null }>(
				tx,
				sql`select b.currency,
						sum((select sum(pa.amount_minor) from payment_allocations pa join payments p on p.id = pa.payment_id
							where pa.bill_id = b.id and p.state = 'succeeded'))::bigint as paid,
						sum((select sum(le.amount_minor) from ledger_entries le
							where le.bill_id = b.id and le.kind in (${billAdjustmentKindsSql})))::bigint as adjusted
					from bills b where ${open} group by b.currency`
			)
		);
		paid = rows.map((r) => ({ currency: r.currency, s: r.paid }));
		adjusted = rows.map((r) => ({ currency: r.currency, s: r.adjusted }));
	} else {
		[paid, adjusted] = await Promise.all([
			withoutJit(executor, (tx) =>
				queryRows<Sum>(
					tx,
					sql`select b.currency, sum(pa.amount_minor)::bigint as s
						from payment_allocations pa join payments p on p.id = pa.payment_id join bills b on b.id = pa.bill_id
						where p.state = 'succeeded' and ${open} group by b.currency`
				)
			),
			withoutJit(executor, (tx) =>
				queryRows<Sum>(
					tx,
					sql`select b.currency, sum(le.amount_minor)::bigint as s
						from ledger_entries le join bills b on b.id = le.bill_id
						where le.kind in (${billAdjustmentKindsSql}) and ${open} group by b.currency`
				)
			)
		]);
	}
	const part = (rows: Sum[], currency: string) => Number(rows.find((r) => r.currency === currency)?.s ?? 0);
	return counts
		.map((c) => ({
			currency: c.currency,
			bills: Number(c.bills),
			outstandingMinor: part(counts, c.currency) - part(paid, c.currency) + part(adjusted, c.currency)
		}))
		.sort((x, y) => x.currency.localeCompare(y.currency));
}
