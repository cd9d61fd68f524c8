/**
 * The finance report: per estate and month, and a reconciliation of payments.
 *
 * Every amount comes from the unit ledgers (ledger_entries), so the report agrees with the
 * accounts by construction:
 *   billed        Σ 'charge' entries effective in the month (the bills issued that month)
 *   collected     −Σ 'payment' entries effective in the month (money received, by the day it came in)
 *   adjustments   Σ every other entry of the month (write-offs, deductions, deposit releases, refunds)
 *   outstanding   at month end, Σ over units of their balance when positive (what units owed)
 *   credit        at month end, Σ over units of −balance when negative (what was owed to units)
 * so that outstanding − credit moves by billed − collected + adjustments from month to month.
 * The collection rate of a month is about that month's bills: of what the bills issued in the
 * month (not void) came to, the share paid so far by succeeded payments allocated to them.
 *
 * Months and days are each estate's own (its time zone: a payment settled online counts on the
 * date it was in the estate).
 *
 * The reconciliation compares, per provider and day, succeeded payments with the ledger's payment
 * entries and with the providers' webhook events, and lists each payment or entry that does not
 * match (see MismatchKind).
 */
import { error } from '@sveltejs/kit';
import { sql, type SQL } from 'drizzle-orm';
import { addDays, addMonths, firstDay, monthOf, monthsBetween as months, parseMonth, type Month } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { queryRows, readDb, type Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { actorEstates, type EstateOption } from '../property/estates.ts';
import { estateZones, latestToday } from '../fees/estate-time.ts';
import { feeSettings } from '../fees/settings.ts';
import { paymentUnitSql } from '../payments/payment-unit.ts';

const MAX_REPORT_MONTHS = 24;
const DEFAULT_REPORT_MONTHS = 6;
const MAX_MISMATCHES = 500;

export interface FinanceScope {
	estates: EstateOption[];
	selected: EstateOption[];
	/** The chosen estate id, '' for all of the actor's. */
	estateId: string;
	/** First and last month of the range, 'YYYY-MM'. */
	from: string;
	to: string;
	months: string[];
}

/**
 * Who may read the report (fees.read, staff) and over what: one of their estates or all of them,
 * and a range of months (default: the last six up to this one; at most 24). An estate outside
 * the actor's answers 404, like a missing one.
 */
export async function financeScope(
	actor: Actor | null | undefined,
	query: { estate?: string | null; from?: string | null; to?: string | null },
	{ now = new Date(), executor = readDb() } = {}
): Promise<FinanceScope> {
	requireStaff(actor, 'fees.read');
	const list = await actorEstates(actor, executor);
	const estateId = query.estate?.trim() ?? '';
	let selected = list;
	if (estateId) {
		const estate = isUuid(estateId) ? list.find((e) => e.id === estateId) : undefined;
		if (!estate) error(404, 'Not found');
		selected = [estate];
	}
	// This month: the latest of the selected estates' (a month that has begun in one of them).
	const zones = await estateZones(executor);
	const thisMonth = monthOf(latestToday(selected.map((e) => zones.get(e.id)!).filter(Boolean), now));
	let to = parseMonth(query.to) ?? thisMonth;
	let from = parseMonth(query.from) ?? addMonths(to, -(DEFAULT_REPORT_MONTHS - 1));
	if (from > to) [from, to] = [to, from];
	if (monthsBetween(from, to).length > MAX_REPORT_MONTHS) from = addMonths(to, -(MAX_REPORT_MONTHS - 1));
	return { estates: list, selected, estateId: estateId ? selected[0]!.id : '', from, to, months: monthsBetween(from, to) };
}

/** The months from `from` to `to`, both included, at most MAX_REPORT_MONTHS + 1. */
function monthsBetween(from: Month, to: Month): Month[] {
	return months(from, to).slice(0, MAX_REPORT_MONTHS + 1);
}

/** The range's first day and the day after its last. */
function rangeDays(scope: Pick<FinanceScope, 'from' | 'to'>): { start: string; end: string } {
	return { start: firstDay(scope.from), end: firstDay(addMonths(scope.to, 1)) };
}

export interface FinanceFigures {
	billedMinor: number;
	collectedMinor: number;
	adjustmentsMinor: number;
	outstandingMinor: number;
	creditMinor: number;
	/** The month's bills (not void): what they came to, and what has been paid of them so far. */
	billsMinor: number;
	billsPaidMinor: number;
	/** billsPaidMinor ÷ billsMinor; null when no bills were issued. */
	collectionRate: number | null;
}

export interface FinanceMonth extends FinanceFigures {
	month: string;
}

export interface EstateFinance {
	estate: EstateOption;
	months: FinanceMonth[];
}

export interface FinanceReport {
	scope: FinanceScope;
	currency: string;
	/** One row per selected estate, each with every month of the range. */
	estates: EstateFinance[];
	/** The selected estates added up, per month. */
	totals: FinanceMonth[];
	reconciliation: Reconciliation;
}

const num = (value: unknown): number => Number(value ?? 0);
const rate = (paid: number, of: number): number | null => (of === 0 ? null : paid / of);

function estateList(scope: Pick<FinanceScope, 'selected'>): SQL {
	if (scope.selected.length === 0) return sql`null::uuid`;
	return sql.join(
		scope.selected.map((e) => sql`${e.id}::uuid`),
		sql`, `
	);
}

/** Billed, collected and adjustments per estate and month, from the ledger. */
async function flows(executor: Executor, scope: FinanceScope) {
	const { start, end } = rangeDays(scope);
	return queryRows<{ estate_id: string; month: string; billed: string; collected: string; adjustments: string }>(
		executor,
		sql`select u.estate_id, to_char(le.effective_on, 'YYYY-MM') as month,
				coalesce(sum(le.amount_minor) filter (where le.kind = 'charge'), 0)::bigint as billed,
				coalesce(-sum(le.amount_minor) filter (where le.kind = 'payment'), 0)::bigint as collected,
				coalesce(sum(le.amount_minor) filter (where le.kind not in ('charge', 'payment')), 0)::bigint as adjustments
			from ledger_entries le join units u on u.id = le.unit_id
			where u.estate_id in (${estateList(scope)}) and le.effective_on >= ${start}::date and le.effective_on < ${end}::date
			group by 1, 2`
	);
}

/**
 * Outstanding and credit at each month end: every unit's balance is carried month by month (a
 * unit with no entry in a month keeps its balance), starting from all it had before the range.
 */
async function balances(executor: Executor, scope: FinanceScope) {
	const { start, end } = rangeDays(scope);
	const lastStart = firstDay(scope.to);
	return queryRows<{ estate_id: string; month: string; outstanding: string; credit: string }>(
		executor,
		sql`with months as (
				select generate_series(${start}::date, ${lastStart}::date, interval '1 month')::date as m
			),
			changes as (
				select le.unit_id, u.estate_id, greatest(date_trunc('month', le.effective_on)::date, ${start}::date) as m, sum(le.amount_minor) as change
				from ledger_entries le join units u on u.id = le.unit_id
				where u.estate_id in (${estateList(scope)}) and le.effective_on < ${end}::date
				group by 1, 2, 3
			),
			grid as (
				select x.unit_id, x.estate_id, months.m from (select distinct unit_id, estate_id from changes) x cross join months
			),
			running as (
				select g.estate_id, g.m, sum(coalesce(c.change, 0)) over (partition by g.unit_id order by g.m) as balance
				from grid g left join changes c on c.unit_id = g.unit_id and c.m = g.m
			)
			select estate_id, to_char(m, 'YYYY-MM') as month,
				coalesce(sum(balance) filter (where balance > 0), 0)::bigint as outstanding,
				coalesce(-sum(balance) filter (where balance < 0), 0)::bigint as credit
			from running group by 1, 2`
	);
}

/** Per estate and month of issue: what the bills (not void) came to and what has been paid of them. */
async function billCollection(executor: Executor, scope: FinanceScope) {
	const { start, end } = rangeDays(scope);
	return queryRows<{ estate_id: string; month: string; bills: string; paid: string }>(
		executor,
		sql`select b.estate_id, to_char(b.issued_on, 'YYYY-MM') as month, sum(b.total_minor)::bigint as bills,
				coalesce(sum(paid.amount), 0)::bigint as paid
			from bills b
			left join lateral (
				select sum(pa.amount_minor) as amount from payment_allocations pa join payments p on p.id = pa.payment_id
				where pa.bill_id = b.id and p.state = 'succeeded'
			) paid on true
			where b.estate_id in (${estateList(scope)}) and b.state <> 'void'
				and b.issued_on >= ${start}::date and b.issued_on < ${end}::date
			group by 1, 2`
	);
}

const emptyFigures = (): FinanceFigures => ({
	billedMinor: 0,
	collectedMinor: 0,
	adjustmentsMinor: 0,
	outstandingMinor: 0,
	creditMinor: 0,
	billsMinor: 0,
	billsPaidMinor: 0,
	collectionRate: null
});

export async function financeReport(
	actor: Actor | null | undefined,
	query: { estate?: string | null; from?: string | null; to?: string | null },
	{ now = new Date(), executor = readDb() } = {}
): Promise<FinanceReport> {
	const scope = await financeScope(actor, query, { now, executor });
	const [flowRows, balanceRows, billRows, settings, reconciliation] = await Promise.all([
		flows(executor, scope),
		balances(executor, scope),
		billCollection(executor, scope),
		feeSettings(executor),
		reconcile(executor, scope)
	]);
	const cells = new Map<string, FinanceFigures>();
	const cell = (estateId: string, month: string) => {
		const key = `${estateId}|${month}`;
		let figures = cells.get(key);
		if (!figures) cells.set(key, (figures = emptyFigures()));
		return figures;
	};
	for (const r of flowRows)
		Object.assign(cell(r.estate_id, r.month), {
			billedMinor: num(r.billed),
			collectedMinor: num(r.collected),
			adjustmentsMinor: num(r.adjustments)
		});
	for (const r of balanceRows)
		Object.assign(cell(r.estate_id, r.month), { outstandingMinor: num(r.outstanding), creditMinor: num(r.credit) });
	for (const r of billRows) Object.assign(cell(r.estate_id, r.month), { billsMinor: num(r.bills), billsPaidMinor: num(r.paid) });

	const estates = scope.selected.map((estate) => ({
		estate,
		months: scope.months.map((month) => {
			const figures = cell(estate.id, month);
			return { month, ...figures, collectionRate: rate(figures.billsPaidMinor, figures.billsMinor) };
		})
	}));
	const totals = scope.months.map((month, i) => {
		const sum = emptyFigures();
		for (const e of estates) {
			const f = e.months[i]!;
			sum.billedMinor += f.billedMinor;
			sum.collectedMinor += f.collectedMinor;
			sum.adjustmentsMinor += f.adjustmentsMinor;
			sum.outstandingMinor += f.outstandingMinor;
			sum.creditMinor += f.creditMinor;
			sum.billsMinor += f.billsMinor;
			sum.billsPaidMinor += f.billsPaidMinor;
		}
		return { month, ...sum, collectionRate: rate(sum.billsPaidMinor, sum.billsMinor) };
	});
	return { scope, currency: settings.currency, estates, totals, reconciliation };
}

// ——— Reconciliation ———

export const providers = ['counter', 'sandbox', 'stripe'] as const;
export type ProviderName = (typeof providers)[number];

/**
 * missing_ledger   a succeeded payment with no payment entry on the ledger
 * orphan_ledger    a ledger payment entry whose payment is missing or has not succeeded
 * amount_differs   a succeeded payment whose ledger entries add up to another amount
 * missing_webhook  a succeeded online payment (stripe, sandbox) with no webhook event from its provider
 */
export type MismatchKind = 'missing_ledger' | 'orphan_ledger' | 'amount_differs' | 'missing_webhook';

export interface Mismatch {
	kind: MismatchKind;
	provider: ProviderName | null;
	day: string;
	paymentId: string | null;
	ledgerEntryId: number | null;
	unitId: string;
	unit: string;
	/** The payment's amount (or the ledger entry's, for an orphan entry). */
	amountMinor: number;
	/** What the ledger holds for it. */
	ledgerMinor: number;
	reference: string;
}

export interface ReconciliationDay {
	provider: ProviderName | null;
	day: string;
	payments: number;
	paymentsMinor: number;
	entries: number;
	entriesMinor: number;
	webhooks: number;
	mismatches: number;
}

export interface Reconciliation {
	days: ReconciliationDay[];
	byProvider: Omit<ReconciliationDay, 'day'>[];
	mismatches: Mismatch[];
	mismatchCount: number;
}

/** The webhook events of the range's days, by the checkout they name (sandbox data.ref, Stripe data.object.id). */
function hookRef(): SQL {
	return sql`coalesce(w.payload -> 'data' ->> 'ref', w.payload -> 'data' -> 'object' ->> 'id')`;
}

async function reconcile(executor: Executor, scope: FinanceScope): Promise<Reconciliation> {
	const { start, end } = rangeDays(scope);
	// Each payment and webhook is dated in its estate (e.time_zone). Webhooks arrive around the day
	// their payment is dated: two days' margin either side of the range (wider than any zone's offset).
	const hooksFrom = new Date(`${addDays(start, -2)}T00:00:00Z`);
	const hooksTo = new Date(`${addDays(end, 2)}T00:00:00Z`);
	const unitLabel = sql`(select e.code || ' ' || bd.name || ' ' || un.number from units un join buildings bd on bd.id = un.building_id join estates e on e.id = un.estate_id where un.id = x.unit_id)`;

	const paid = sql`
		hooks as (
			select w.provider, ${hookRef()} as ref, count(*)::int as n
			from payment_webhook_events w
			where w.received_at >= ${hooksFrom.toISOString()}::timestamptz and w.received_at < ${hooksTo.toISOString()}::timestamptz
			group by 1, 2
		),
		paid as (
			select p.id, u.id as unit_id, p.provider::text as provider, p.amount_minor, p.counter_receipt_no, p.provider_ref,
				coalesce(p.received_on, (p.settled_at at time zone e.time_zone)::date) as day,
				coalesce(l.total, 0)::bigint as ledger, coalesce(l.n, 0)::int as entries, coalesce(h.n, 0)::int as webhooks
			from payments p
			join units u on u.id = ${paymentUnitSql({ id: sql`p.id`, unitId: sql`p.unit_id` })}
			join estates e on e.id = u.estate_id
			left join lateral (select -sum(le.amount_minor) as total, count(*) as n from ledger_entries le
				where le.payment_id = p.id and le.kind = 'payment') l on true
			left join hooks h on h.provider = p.provider and h.ref = p.provider_ref
			where p.state = 'succeeded' and u.estate_id in (${estateList(scope)})
				and coalesce(p.received_on, (p.settled_at at time zone e.time_zone)::date) >= ${start}::date
				and coalesce(p.received_on, (p.settled_at at time zone e.time_zone)::date) < ${end}::date
		),
		judged as (
			select paid.*, case
				when entries = 0 then 'missing_ledger'
				when ledger <> amount_minor then 'amount_differs'
				when provider <> 'counter' and webhooks = 0 then 'missing_webhook'
			end as mismatch
			from paid
		)`;
	const orphans = sql`
		orphans as (
			select le.id, le.unit_id, le.payment_id, p.provider::text as provider, le.effective_on as day, -le.amount_minor as amount
			from ledger_entries le
			join units u on u.id = le.unit_id
			left join payments p on p.id = le.payment_id
			where le.kind = 'payment' and u.estate_id in (${estateList(scope)})
				and le.effective_on >= ${start}::date and le.effective_on < ${end}::date
				and (p.id is null or p.state <> 'succeeded')
		)`;

	const [paymentDays, entryDays, hookDays, listed, counted] = await Promise.all([
		queryRows<{ provider: string; day: string; n: number; amount: string; mismatches: number }>(
			executor,
			sql`with ${paid} select provider, day::text as day, count(*)::int as n, sum(amount_minor)::bigint as amount,
				count(mismatch)::int as mismatches from judged group by 1, 2`
		),
		queryRows<{ provider: string | null; day: string; n: number; amount: string; orphans: number }>(
			executor,
			sql`select p.provider::text as provider, le.effective_on::text as day, count(*)::int as n, -sum(le.amount_minor)::bigint as amount,
					count(*) filter (where p.id is null or p.state <> 'succeeded')::int as orphans
				from ledger_entries le join units u on u.id = le.unit_id left join payments p on p.id = le.payment_id
				where le.kind = 'payment' and u.estate_id in (${estateList(scope)})
					and le.effective_on >= ${start}::date and le.effective_on < ${end}::date
				group by 1, 2`
		),
		queryRows<{ provider: string; day: string; n: number }>(
			executor,
			sql`select w.provider::text as provider, (w.received_at at time zone e.time_zone)::date::text as day, count(*)::int as n
				from payment_webhook_events w
				join payments p on p.provider = w.provider and p.provider_ref = ${hookRef()}
				join units u on u.id = ${paymentUnitSql({ id: sql`p.id`, unitId: sql`p.unit_id` })}
				join estates e on e.id = u.estate_id
				where u.estate_id in (${estateList(scope)})
					and (w.received_at at time zone e.time_zone)::date >= ${start}::date and (w.received_at at time zone e.time_zone)::date < ${end}::date
				group by 1, 2`
		),
		queryRows<{
			kind: MismatchKind;
			provider: string | null;
			day: string;
			payment_id: string | null;
			entry_id: string | number | null;
			unit_id: string;
			unit: string;
			amount: string;
			ledger: string;
			reference: string | null;
		}>(
			executor,
			sql`with ${paid}, ${orphans}, listed as (
				select mismatch as kind, provider, day, id as payment_id, null::bigint as entry_id, unit_id, amount_minor as amount, ledger,
					coalesce(counter_receipt_no, provider_ref, '') as reference
				from judged where mismatch is not null
				union all
				select 'orphan_ledger', provider, day, payment_id, id, unit_id, amount, amount, '' from orphans
			)
			select x.kind, x.provider, x.day::text as day, x.payment_id, x.entry_id, x.unit_id, ${unitLabel} as unit,
				x.amount::bigint as amount, x.ledger::bigint as ledger, x.reference
			from listed x order by x.day, x.provider nulls first, x.kind limit ${MAX_MISMATCHES}::int`
		),
		queryRows<{ n: number }>(
			executor,
			sql`with ${paid}, ${orphans} select ((select count(*) from judged where mismatch is not null) + (select count(*) from orphans))::int as n`
		)
	]);

	const days = new Map<string, ReconciliationDay>();
	const dayRow = (provider: string | null, day: string) => {
		const key = `${provider ?? ''}|${day}`;
		let row = days.get(key);
		if (!row) {
			days.set(
				key,
				(row = {
					provider: (provider as ProviderName | null) ?? null,
					day,
					payments: 0,
					paymentsMinor: 0,
					entries: 0,
					entriesMinor: 0,
					webhooks: 0,
					mismatches: 0
				})
			);
		}
		return row;
	};
	for (const r of paymentDays)
		Object.assign(dayRow(r.provider, r.day), { payments: num(r.n), paymentsMinor: num(r.amount) }).mismatches += num(r.mismatches);
	for (const r of entryDays)
		Object.assign(dayRow(r.provider, r.day), { entries: num(r.n), entriesMinor: num(r.amount) }).mismatches += num(r.orphans);
	for (const r of hookDays) dayRow(r.provider, r.day).webhooks = num(r.n);
	const dayList = [...days.values()].sort((a, b) =>
		a.day === b.day ? (a.provider ?? '').localeCompare(b.provider ?? '') : a.day.localeCompare(b.day)
	);

	const byProvider = new Map<string, Omit<ReconciliationDay, 'day'>>();
	for (const d of dayList) {
		const key = d.provider ?? '';
		const sum = byProvider.get(key) ?? {
			provider: d.provider,
			payments: 0,
			paymentsMinor: 0,
			entries: 0,
			entriesMinor: 0,
			webhooks: 0,
			mismatches: 0
		};
		sum.payments += d.payments;
		sum.paymentsMinor += d.paymentsMinor;
		sum.entries += d.entries;
		sum.entriesMinor += d.entriesMinor;
		sum.webhooks += d.webhooks;
		sum.mismatches += d.mismatches;
		byProvider.set(key, sum);
	}
	const order = (p: string | null) => (p === null ? 99 : providers.indexOf(p as ProviderName));
	return {
		days: dayList,
		byProvider: [...byProvider.values()].sort((a, b) => order(a.provider) - order(b.provider)),
		mismatches: listed.map((r) => ({
			kind: r.kind,
			provider: (r.provider as ProviderName | null) ?? null,
			day: r.day,
			paymentId: r.payment_id,
			ledgerEntryId: r.entry_id === null ? null : Number(r.entry_id),
			unitId: r.unit_id,
			unit: r.unit ?? '',
			amountMinor: num(r.amount),
			ledgerMinor: num(r.ledger),
			reference: r.reference ?? ''
		})),
		mismatchCount: num(counted[0]?.n)
	};
}
