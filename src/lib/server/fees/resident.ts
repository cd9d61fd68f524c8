/**
 * The resident's side of the unit accounts: what the bills pages, the home card and the unit page
 * show. Every function takes the actor first and reads only its party's part of the units it
 * reaches today (fees/parties.ts: the owner of a let flat sees the owner's bills, the renter the
 * renter's, each from its occupancy's first day); a bill, payment or unit of anyone else answers
 * 404, like one that does not exist. Dates are the unit's estate's.
 *
 * Built for accounts with years of bills: every query starts from the actor's few party accounts
 * and walks the per-unit indexes (bills_unit_issued, ledger_entries_unit, …) with a LIMIT; nothing
 * scans all bills.
 */
import { error } from '@sveltejs/kit';
import { sql, type SQL } from 'drizzle-orm';
import { businessToday, type BusinessDate } from '#lib/time/index.ts';
import { db, queryRows, type Executor } from '../db/client.ts';
import { type Actor } from '../auth/actor.ts';
import { requireResident } from '../auth/guards.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import type { LocalizedNames } from '../dictionaries/localized-name.ts';
import { myPayment } from '../payments/queries.ts';
import { paymentUnitSql } from '../payments/payment-unit.ts';
import { availableProviders } from '../payments/providers.ts';
import { receiptsForPayments } from '../receipts/queries.ts';
import { billsOutstanding, owedSql } from './ledger.ts';
import { billLinesForDisplay, type BillLine } from './bill-lines.ts';
import { billMachine, PAYER, type BillState } from './bill-machine.ts';
import { depositsHeld, type HeldDeposit } from './deposits.ts';
import {
	accountsRelation,
	billInAccounts,
	billOfAccount,
	entryOfAccount,
	residentAccounts,
	type Party,
	type PartyAccount
} from './parties.ts';
import { feeSettings } from './settings.ts';

/** Open bills listed (and payable at once) per unit; startPayment takes at most 50 bills. */
export const OPEN_BILLS_LIMIT = 50;
/** Open bills per unit counted into what is due (years of arrears still add up; a runaway account stops here). */
const OPEN_BILLS_COUNTED = 600;
/** Paid bills shown as history per unit, newest first. */
export const HISTORY_LIMIT = 12;

export type BillSource = 'billing_run' | 'paid_service' | 'deposit' | 'renovation' | 'manual';
export type { BillState };

export interface BillSummary {
	id: string;
	seq: number;
	unitId: string;
	source: BillSource;
	/** 'YYYY-MM' for monthly bills. */
	period: string | null;
	state: BillState;
	/** The first line's names: what a one-off bill is for. */
	firstLine: LocalizedNames;
	lineCount: number;
	totalMinor: number;
	outstandingMinor: number;
	currency: string;
	issuedOn: string;
	dueOn: string;
	paidAt: Date | null;
	/** Still owes something after its due date. */
	overdue: boolean;
	/** Whether the bill machine offers its party a checkout for it (it is open). */
	payable: boolean;
}

export interface ReceiptLink {
	paymentId: string;
	number: string;
	href: string;
}

export interface PaidBill extends BillSummary {
	receipts: ReceiptLink[];
}

export interface UnitLabel {
	id: string;
	estateName: string;
	buildingName: string;
	number: string;
	/** The estate's zone: the times on the page are its. */
	timeZone: string;
	/** The actor's parties in the unit (whose bills these are). */
	parties: Party[];
}

export interface UnitBills {
	unit: UnitLabel;
	currency: string;
	/** The party's balance (its part of the ledger since its occupancy began): > 0 owed, < 0 credit. */
	balanceMinor: number;
	/** What the open bills still owe, and the part of it past its due date. */
	dueMinor: number;
	overdueMinor: number;
	openBills: BillSummary[];
	/** More open bills exist than are listed (the oldest are listed). */
	moreOpen: boolean;
	paid: PaidBill[];
	deposits: HeldDeposit[];
}

/** One line of the unit index: where something is owed. */
export interface UnitDue {
	unit: UnitLabel;
	currency: string;
	dueMinor: number;
	overdueMinor: number;
	openBills: number;
}

export interface BillsPage {
	/** The units shown in full (all of them, the one asked for, or none for the index alone). */
	units: UnitBills[];
	/** Every unit of the actor with what its open bills owe. */
	index: UnitDue[];
	/** How many units the actor reaches. */
	unitCount: number;
	providers: string[];
}

export interface BillRow {
	id: string;
	seq: string | number;
	unit_id: string;
	source: BillSource;
	period: string | null;
	state: BillState;
	total_minor: string | number;
	currency: string;
	issued_on: string;
	due_on: string;
	paid_at: string | Date | null;
	name_en: string | null;
	name_zh_hans: string | null;
	name_zh_hant: string | null;
	line_count: string | number;
}

/** The columns of a bill `b` with its first line's names and its number of lines. */
export const billColumns = sql`b.id, b.seq, b.unit_id, b.source, b.period, b.state, b.total_minor, b.currency,
	b.issued_on::text as issued_on, b.due_on::text as due_on, b.paid_at,
	l.name_en, l.name_zh_hans, l.name_zh_hant, l.line_count`;
export const firstLine = sql`left join lateral (
		select name_en, name_zh_hans, name_zh_hant, count(*) over () as line_count
		from bill_lines where bill_id = b.id order by sort, id limit 1
	) l on true`;

function uuidList(ids: readonly string[]): SQL {
	return sql.join(
		ids.map((id) => sql`${id}::uuid`),
		sql`, `
	);
}

/** Overdue: still owes something after its due date (`today` in the unit's estate). */
function isOverdue(outstandingMinor: number, dueOn: string, today: BusinessDate): boolean {
	return outstandingMinor > 0 && dueOn < today;
}

export function toSummary(row: BillRow, outstanding: Map<string, number>, today: BusinessDate): BillSummary {
	const outstandingMinor = row.state === 'open' ? (outstanding.get(row.id) ?? 0) : 0;
	return {
		id: row.id,
		seq: Number(row.seq),
		unitId: row.unit_id,
		source: row.source,
		period: row.period,
		state: row.state,
		firstLine: { nameEn: row.name_en ?? '', nameZhHans: row.name_zh_hans ?? '', nameZhHant: row.name_zh_hant ?? '' },
		lineCount: Number(row.line_count ?? 0),
		totalMinor: Number(row.total_minor),
		outstandingMinor,
		currency: row.currency,
		issuedOn: row.issued_on,
		dueOn: row.due_on,
		paidAt: row.paid_at ? new Date(row.paid_at) : null,
		overdue: isOverdue(outstandingMinor, row.due_on, today),
		payable: billMachine.can(row.state, 'checkout', PAYER)
	};
}

/** Bills of these accounts in a state, at most `limit` per account, in the order given. */
async function accountBillRows(
	executor: Executor,
	accounts: readonly PartyAccount[],
	state: 'open' | 'paid',
	order: SQL,
	limit: number
): Promise<BillRow[]> {
	if (accounts.length === 0) return [];
	return queryRows<BillRow>(
		executor,
		sql`select o.* from ${accountsRelation(accounts)}
			cross join lateral (
				select ${billColumns} from bills b ${firstLine}
				where ${billOfAccount} and b.state = ${state}
				order by ${order} limit ${limit}
			) o`
	);
}

/** The open bills of these accounts, oldest due first. */
function openBillRows(executor: Executor, accounts: readonly PartyAccount[], limit: number): Promise<BillRow[]> {
	return accountBillRows(executor, accounts, 'open', sql`b.due_on, b.seq`, limit);
}

/** Each unit's balance: the sum of its accounts' parts of the ledger. */
async function balances(executor: Executor, accounts: readonly PartyAccount[]): Promise<Map<string, number>> {
	if (accounts.length === 0) return new Map();
	const rows = await queryRows<{ unit_id: string; balance: string | number }>(
		executor,
		sql`select a.unit_id, sum(le.amount_minor)::bigint as balance from ${accountsRelation(accounts)}
			join ledger_entries le on ${entryOfAccount} group by a.unit_id`
	);
	return new Map(rows.map((r) => [r.unit_id, Number(r.balance)]));
}

/** The units of these accounts with their names and zones, by estate, building and number. */
async function unitLabels(executor: Executor, accounts: readonly PartyAccount[]): Promise<UnitLabel[]> {
	const unitIds = [...new Set(accounts.map((a) => a.unitId))];
	if (unitIds.length === 0) return [];
	const rows = await queryRows<{ id: string; estate_name: string; building_name: string; number: string; time_zone: string }>(
		executor,
		sql`select u.id, e.name as estate_name, bd.name as building_name, u.number, e.time_zone
			from units u join buildings bd on bd.id = u.building_id join estates e on e.id = u.estate_id
			where u.id in (${uuidList(unitIds)}) order by e.name, bd.name, u.number`
	);
	return rows.map((r) => ({
		id: r.id,
		estateName: r.estate_name,
		buildingName: r.building_name,
		number: r.number,
		timeZone: r.time_zone,
		parties: accounts.filter((a) => a.unitId === r.id).map((a) => a.party)
	}));
}

/** Today in each unit's estate. */
async function unitTodays(executor: Executor, labels: readonly UnitLabel[], now: Date = new Date()): Promise<Map<string, BusinessDate>> {
	return new Map(labels.map((u) => [u.id, businessToday(u, now)]));
}

/** Receipts of the payments that paid these bills, by bill. */
async function receiptsByBill(actor: Actor, executor: Executor, billIds: readonly string[]): Promise<Map<string, ReceiptLink[]>> {
	const byBill = new Map<string, ReceiptLink[]>();
	if (billIds.length === 0) return byBill;
	const rows = await queryRows<{ bill_id: string; payment_id: string }>(
		executor,
		sql`select pa.bill_id, pa.payment_id from payment_allocations pa join payments p on p.id = pa.payment_id
			where pa.bill_id in (${uuidList(billIds)}) and p.state = 'succeeded'
			order by p.settled_at, p.id`
	);
	const receipts = await receiptsForPayments(actor, [...new Set(rows.map((r) => r.payment_id))]);
	const byPayment = new Map(receipts.map((r) => [r.paymentId, r]));
	for (const row of rows) {
		const receipt = byPayment.get(row.payment_id);
		if (!receipt) continue;
		const list = byBill.get(row.bill_id) ?? [];
		list.push({ paymentId: receipt.paymentId, number: receipt.number, href: receipt.href });
		byBill.set(row.bill_id, list);
	}
	return byBill;
}

/** More units than this (a company renting floors) show as an index, one unit per page. */
export const SECTIONS_LIMIT = 3;

/**
 * The bills page: per unit the balance, the open bills (oldest due first) with what each still owes,
 * the latest paid bills with their receipts, and the deposits held; an index of every unit with
 * what it owes; and the online payment providers on offer. With `unitId`, only that unit (404 when
 * it is not the actor's); without it and more than SECTIONS_LIMIT units, the index alone.
 */
export async function residentBillsPage(
	actor: Actor,
	options: { unitId?: string | null } = {},
	executor: Executor = db()
): Promise<BillsPage> {
	requireResident(actor);
	const providers = availableProviders();
	const accounts = await residentAccounts(executor, actor);
	const mine = await unitLabels(executor, accounts);
	if (options.unitId && !mine.some((u) => u.id === options.unitId)) error(404, 'Not found');
	const labels = new Map(mine.map((u) => [u.id, u]));
	const todays = await unitTodays(executor, mine);
	const allIds = mine.map((u) => u.id);
	const shownIds = options.unitId ? [options.unitId] : allIds.length > SECTIONS_LIMIT ? [] : allIds;
	const shown = accounts.filter((a) => shownIds.includes(a.unitId));
	const [openRows, paidRows, balance, deposits, settings] = await Promise.all([
		openBillRows(executor, options.unitId ? shown : accounts, OPEN_BILLS_COUNTED),
		accountBillRows(executor, shown, 'paid', sql`b.issued_on desc, b.id desc`, HISTORY_LIMIT),
		balances(executor, shown),
		depositsHeld(executor, shownIds, shown),
		feeSettings(executor)
	]);
	const [outstanding, receipts] = await Promise.all([
		billsOutstanding(
			executor,
			openRows.map((r) => r.id)
		),
		receiptsByBill(
			actor,
			executor,
			paidRows.map((r) => r.id)
		)
	]);
	const today = (unitId: string) => todays.get(unitId)!;
	const openByUnit = new Map<string, BillSummary[]>();
	for (const row of openRows) {
		const list = openByUnit.get(row.unit_id) ?? [];
		list.push(toSummary(row, outstanding, today(row.unit_id)));
		openByUnit.set(row.unit_id, list);
	}
	// Several parties of one unit (rare: the actor both owns and rents it) list their bills together.
	for (const list of openByUnit.values()) list.sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.seq - y.seq);
	const dueOf = (unitId: string) => {
		const owing = (openByUnit.get(unitId) ?? []).filter((b) => b.outstandingMinor > 0);
		return {
			owing,
			open: owing.slice(0, OPEN_BILLS_LIMIT),
			dueMinor: owing.reduce((sum, b) => sum + b.outstandingMinor, 0),
			overdueMinor: owing.reduce((sum, b) => sum + (b.overdue ? b.outstandingMinor : 0), 0)
		};
	};
	return {
		providers,
		unitCount: mine.length,
		index: (options.unitId ? [] : allIds).map((id) => {
			const due = dueOf(id);
			return {
				unit: labels.get(id)!,
				currency: due.open[0]?.currency ?? settings.currency,
				dueMinor: due.dueMinor,
				overdueMinor: due.overdueMinor,
				openBills: due.owing.length
			};
		}),
		units: shownIds.map((id) => {
			const due = dueOf(id);
			const paid = paidRows
				.filter((r) => r.unit_id === id)
				.map((r) => ({ ...toSummary(r, outstanding, today(id)), receipts: receipts.get(r.id) ?? [] }))
				.sort((x, y) => y.issuedOn.localeCompare(x.issuedOn) || y.id.localeCompare(x.id))
				.slice(0, HISTORY_LIMIT);
			return {
				unit: labels.get(id)!,
				currency: due.open[0]?.currency ?? paid[0]?.currency ?? settings.currency,
				balanceMinor: balance.get(id) ?? 0,
				dueMinor: due.dueMinor,
				overdueMinor: due.overdueMinor,
				openBills: due.open,
				moreOpen: due.owing.length > OPEN_BILLS_LIMIT,
				paid,
				deposits: deposits.filter((d) => d.unitId === id && d.heldMinor > 0)
			};
		})
	};
}

export interface AmountDue {
	/** Per currency (one in practice): what the open bills owe and the overdue part of it. */
	totals: { currency: string; dueMinor: number; overdueMinor: number; openBills: number; overdueBills: number }[];
}

/**
 * What the open bills of the actor's party in its units (or in one of them) owe: the home card and
 * the unit page. One statement — the open bills with what each still owes (ledger.ts's owedSql) —
 * since the card shows only sums.
 */
export async function myAmountDue(actor: Actor, options: { unitId?: string } = {}, executor: Executor = db()): Promise<AmountDue> {
	requireResident(actor);
	if (options.unitId !== undefined && !isUuid(options.unitId)) error(404, 'Not found');
	const accounts = (await residentAccounts(executor, actor)).filter((a) => !options.unitId || a.unitId === options.unitId);
	if (accounts.length === 0) return { totals: [] };
	const rows = await queryRows<{ unit_id: string; currency: string; due_on: string; owed: string | number }>(
		executor,
		sql`select o.* from ${accountsRelation(accounts)}
			cross join lateral (
				select b.unit_id, b.currency, b.due_on::text as due_on, ${owedSql}::bigint as owed from bills b
				where ${billOfAccount} and b.state = 'open'
				order by b.due_on, b.seq limit ${OPEN_BILLS_COUNTED}
			) o`
	);
	const now = new Date();
	const todays = new Map(accounts.map((a) => [a.unitId, businessToday(a, now)]));
	const totals = new Map<string, AmountDue['totals'][number]>();
	for (const row of rows) {
		const owed = Number(row.owed);
		if (owed <= 0) continue;
		const total = totals.get(row.currency) ?? { currency: row.currency, dueMinor: 0, overdueMinor: 0, openBills: 0, overdueBills: 0 };
		total.dueMinor += owed;
		total.openBills += 1;
		if (isOverdue(owed, row.due_on, todays.get(row.unit_id)!)) {
			total.overdueMinor += owed;
			total.overdueBills += 1;
		}
		totals.set(row.currency, total);
	}
	return { totals: [...totals.values()] };
}

export interface BillPayment {
	paymentId: string;
	provider: 'counter' | 'stripe' | 'sandbox';
	state: 'pending' | 'succeeded' | 'failed' | 'expired';
	method: string;
	/** The part of the payment that went to this bill. */
	amountMinor: number;
	currency: string;
	/** The business day the money came in (counter) or when it settled (online, in the estate); null while pending. */
	paidOn: string | null;
	receipt: ReceiptLink | null;
}

export interface BillAdjustment {
	kind: 'write_off' | 'deduction';
	amountMinor: number;
	effectiveOn: string;
	note: string;
}

export interface BillDetail {
	bill: BillSummary;
	unit: UnitLabel;
	lines: BillLine[];
	payments: BillPayment[];
	adjustments: BillAdjustment[];
}

/** One bill of the actor's party in its units, with its lines, the payments against it (with receipts) and adjustments; else 404. */
export async function myBill(actor: Actor, billId: string, executor: Executor = db()): Promise<BillDetail> {
	requireResident(actor);
	if (!isUuid(billId)) error(404, 'Not found');
	const accounts = await residentAccounts(executor, actor);
	const [row] = await queryRows<
		BillRow & { estate_name: string; building_name: string; unit_number: string; time_zone: string; party: Party }
	>(
		executor,
		sql`select ${billColumns}, b.party, e.name as estate_name, bu.name as building_name, un.number as unit_number, e.time_zone
			from bills b ${firstLine}
			join units un on un.id = b.unit_id
			join buildings bu on bu.id = un.building_id
			join estates e on e.id = un.estate_id
			where b.id = ${billId}::uuid and ${billInAccounts(accounts)}`
	);
	if (!row) error(404, 'Not found');
	const [outstanding, lines, payments, adjustments] = await Promise.all([
		billsOutstanding(executor, [row.id]),
		billLinesForDisplay(executor, row.id),
		queryRows<{
			payment_id: string;
			provider: BillPayment['provider'];
			state: BillPayment['state'];
			method: string;
			amount_minor: string | number;
			currency: string;
			received_on: string | null;
			settled_at: string | Date | null;
		}>(
			executor,
			sql`select p.id as payment_id, p.provider, p.state, p.method, pa.amount_minor, p.currency,
					p.received_on::text as received_on, p.settled_at
				from payment_allocations pa join payments p on p.id = pa.payment_id
				where pa.bill_id = ${row.id}::uuid and p.state in ('succeeded', 'pending')
				order by p.created_at, p.id`
		),
		queryRows<{ kind: BillAdjustment['kind']; amount_minor: string | number; effective_on: string; note: string }>(
			executor,
			sql`select kind, amount_minor, effective_on::text as effective_on, note from ledger_entries
				where bill_id = ${row.id}::uuid and kind in ('write_off', 'deduction') order by effective_on, id`
		)
	]);
	const receipts = await receiptsForPayments(
		actor,
		payments.filter((p) => p.state === 'succeeded').map((p) => p.payment_id)
	);
	const receiptOf = new Map(receipts.map((r) => [r.paymentId, r]));
	const zone = { timeZone: row.time_zone };
	return {
		bill: toSummary(row, outstanding, businessToday(zone)),
		unit: {
			id: row.unit_id,
			estateName: row.estate_name,
			buildingName: row.building_name,
			number: row.unit_number,
			timeZone: row.time_zone,
			parties: [row.party]
		},
		lines,
		payments: payments.map((p) => {
			const receipt = receiptOf.get(p.payment_id);
			return {
				paymentId: p.payment_id,
				provider: p.provider,
				state: p.state,
				method: p.method,
				amountMinor: Number(p.amount_minor),
				currency: p.currency,
				paidOn: p.received_on ?? (p.settled_at ? businessToday(zone, new Date(p.settled_at)) : null),
				receipt: receipt ? { paymentId: receipt.paymentId, number: receipt.number, href: receipt.href } : null
			};
		}),
		// A write-off's reason is the office's own record (bad debt): the resident reads that it was written off.
		adjustments: adjustments.map((a) => ({
			kind: a.kind,
			amountMinor: Number(a.amount_minor),
			effectiveOn: a.effective_on,
			note: a.kind === 'write_off' ? '' : a.note
		}))
	};
}

export interface PaymentDetail {
	id: string;
	/** The zone of the unit's estate, to show when it settled. */
	timeZone: string;
	provider: 'counter' | 'stripe' | 'sandbox';
	state: 'pending' | 'succeeded' | 'failed' | 'expired';
	amountMinor: number;
	currency: string;
	settledAt: Date | null;
	/** A company's payment of several units' bills: the company (its page), and each bill names its unit. */
	companyId: string | null;
	bills: {
		id: string;
		seq: number;
		source: BillSource;
		period: string | null;
		firstLine: LocalizedNames;
		amountMinor: number;
		unit: { buildingName: string; number: string };
	}[];
	receipt: ReceiptLink | null;
}

/** A payment of the actor's units (the provider's return page) with the bills it pays and its receipt; else 404. */
export async function myPaymentDetail(actor: Actor, paymentId: string, executor: Executor = db()): Promise<PaymentDetail> {
	const payment = await myPayment(actor, paymentId);
	const [bills, receipts, zone] = await Promise.all([
		queryRows<{
			id: string;
			seq: string | number;
			source: BillSource;
			period: string | null;
			amount_minor: string | number;
			name_en: string | null;
			name_zh_hans: string | null;
			name_zh_hant: string | null;
			building_name: string;
			unit_number: string;
		}>(
			executor,
			sql`select b.id, b.seq, b.source, b.period, pa.amount_minor, l.name_en, l.name_zh_hans, l.name_zh_hant,
					bd.name as building_name, un.number as unit_number
				from payment_allocations pa join bills b on b.id = pa.bill_id ${firstLine}
				join units un on un.id = b.unit_id join buildings bd on bd.id = un.building_id
				where pa.payment_id = ${payment.id}::uuid order by bd.name, un.number, b.issued_on, b.seq`
		),
		payment.state === 'succeeded' ? receiptsForPayments(actor, [payment.id]) : Promise.resolve([]),
		queryRows<{ time_zone: string }>(
			executor,
			sql`select e.time_zone from payments p join units u on u.id = ${paymentUnitSql({ id: sql`p.id`, unitId: sql`p.unit_id` })}
				join estates e on e.id = u.estate_id where p.id = ${payment.id}::uuid`
		)
	]);
	const receipt = receipts[0];
	return {
		id: payment.id,
		timeZone: zone[0]!.time_zone,
		provider: payment.provider,
		state: payment.state,
		amountMinor: payment.amountMinor,
		currency: payment.currency,
		settledAt: payment.settledAt,
		companyId: payment.companyId,
		bills: bills.map((b) => ({
			id: b.id,
			seq: Number(b.seq),
			source: b.source,
			period: b.period,
			firstLine: { nameEn: b.name_en ?? '', nameZhHans: b.name_zh_hans ?? '', nameZhHant: b.name_zh_hant ?? '' },
			amountMinor: Number(b.amount_minor),
			unit: { buildingName: b.building_name, number: b.unit_number }
		})),
		receipt: receipt ? { paymentId: receipt.paymentId, number: receipt.number, href: receipt.href } : null
	};
}
