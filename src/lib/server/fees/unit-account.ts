/**
 * A unit's account as the finance desk sees it (一戶一賬): balance, open bills and what each
 * still owes, arrears, the statement with its running balance, deposits held — and the two
 * things the desk does there: take a payment at the counter and issue a one-off bill.
 * Staff see only units of their estates; any other unit is "not found".
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { businessToday, daysBetween, type BusinessDate } from '#lib/time/index.ts';
import { type Actor } from '../auth/actor.ts';
import { can, requireEstate, requireStaff } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { billLines, bills, buildings, estates, payments, residentCompanies, units, users } from '../db/schema/index.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import { partyNames } from '../property/party-names.ts';
import { recordCounterPayment } from '../payments/counter.ts';
import { receiptsForPayments, type ReceiptRef } from '../receipts/queries.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';
import { parseAmountMinor, parsePriceMicro, parseQuantity } from '#lib/money/index.ts';
import type { CounterPaymentForm, OneOffBillForm } from '#lib/schemas/fees-staff.ts';
import { depositsHeld, type HeldDeposit } from './deposits.ts';
import { oneOffFeeItems, sourceForKind } from './fee-items.ts';
import { issueBill } from './issue-bill.ts';
import { billsOutstanding, LedgerError, unitBalance, unitStatement, type LedgerKind } from './ledger.ts';
import { billedParty, type Party } from './parties.ts';
import { feeSettings } from './settings.ts';
import type { BillSource } from './staff-bills.ts';

const STATEMENT_LIMIT = 200;

export interface AccountUnit {
	id: string;
	number: string;
	areaM2: string;
	use: 'residential' | 'office' | 'retail';
	estateId: string;
	estateCode: string;
	estateName: string;
	buildingName: string;
	timeZone: string;
	/** Current occupants (people and companies) by party, for knowing whose account it is. */
	occupants: { party: Party; name: string }[];
	/** A tenancy is current: the occupant's bills go to the renter. */
	let: boolean;
}

export interface OpenBill {
	id: string;
	seq: number;
	party: Party;
	source: BillSource;
	period: string | null;
	/** The first line's names, for one-off bills. */
	lineNames: { nameEn: string; nameZhHans: string; nameZhHant: string } | null;
	issuedOn: string;
	dueOn: string;
	totalMinor: number;
	outstandingMinor: number;
	daysOverdue: number;
	currency: string;
}

export interface AccountStatementLine {
	id: number;
	kind: LedgerKind;
	amountMinor: number;
	balanceMinor: number;
	currency: string;
	effectiveOn: string;
	note: string;
	party: Party;
	/** The bill (its page: /staff/fees/bills/[id]). */
	bill: { id: string; seq: number; source: BillSource; period: string | null } | null;
	/**
	 * receiptNo: the counter's paper receipt; receipt: the numbered receipt's PDF (/files/receipt/[id])
	 * once issued; takenBy: who took it at the counter; company: a company's payment of several units.
	 */
	payment: {
		method: string;
		receiptNo: string | null;
		provider: string;
		receipt: { number: string; href: string } | null;
		takenBy: string | null;
		company: string | null;
	} | null;
}

export interface UnitAccount {
	unit: AccountUnit;
	currency: string;
	/** The whole account (一戶一賬): both parties. */
	balanceMinor: number;
	/** Each party's part of it. */
	partyBalances: Record<Party, number>;
	/** Owed on open bills past their due date. */
	arrearsMinor: number;
	openBills: OpenBill[];
	statement: AccountStatementLine[];
	/** Whether the statement was cut at STATEMENT_LIMIT entries. */
	statementCut: boolean;
	deposits: HeldDeposit[];
	today: string;
}

/** The unit, if the actor may see its estate; otherwise 404, exactly like a unit that does not exist. */
async function visibleUnit(actor: Actor, unitId: string, executor: Executor): Promise<Omit<AccountUnit, 'occupants' | 'let'>> {
	const [unit] = !isUuid(unitId)
		? []
		: await executor
				.select({
					id: units.id,
					number: units.number,
					areaM2: units.areaM2,
					use: units.use,
					estateId: units.estateId,
					estateCode: estates.code,
					estateName: estates.name,
					buildingName: buildings.name,
					timeZone: estates.timeZone
				})
				.from(units)
				.innerJoin(estates, eq(estates.id, units.estateId))
				.innerJoin(buildings, eq(buildings.id, units.buildingId))
				.where(eq(units.id, unitId));
	requireEstate(actor, unit?.estateId);
	return unit;
}

/** Who occupies the unit today (property/occupancy.ts), by party, and whether it is let. */
async function currentOccupants(
	executor: Executor,
	unitId: string,
	now: Date
): Promise<{ occupants: AccountUnit['occupants']; let: boolean }> {
	const current = await currentOccupancies(executor, [unitId], now);
	const names = await partyNames(executor, current);
	const occupants: AccountUnit['occupants'] = [];
	for (const o of current) {
		const name = names.get(o.id) ?? '';
		if (name && !occupants.some((x) => x.name === name && x.party === o.role)) occupants.push({ party: o.role, name });
	}
	return { occupants, let: current.some((o) => o.role === 'renter') };
}

/** The unit's open bills, oldest first, with what each still owes. */
async function openBillsOf(executor: Executor, unitId: string, today: BusinessDate): Promise<OpenBill[]> {
	const rows = await executor
		.select({
			id: bills.id,
			seq: bills.seq,
			party: bills.party,
			source: bills.source,
			period: bills.period,
			issuedOn: bills.issuedOn,
			dueOn: bills.dueOn,
			totalMinor: bills.totalMinor,
			currency: bills.currency
		})
		.from(bills)
		.where(and(eq(bills.unitId, unitId), sql`${bills.state} = 'open'`))
		.orderBy(asc(bills.issuedOn), asc(bills.seq));
	const ids = rows.map((r) => r.id);
	const [outstanding, lines] = await Promise.all([
		billsOutstanding(executor, ids),
		ids.length
			? executor
					.select({
						billId: billLines.billId,
						nameEn: billLines.nameEn,
						nameZhHans: billLines.nameZhHans,
						nameZhHant: billLines.nameZhHant,
						sort: billLines.sort
					})
					.from(billLines)
					.where(inArray(billLines.billId, ids))
					.orderBy(asc(billLines.sort))
			: Promise.resolve([])
	]);
	return rows.map((r) => {
		const owed = outstanding.get(r.id) ?? 0;
		const line = lines.find((l) => l.billId === r.id);
		const late = daysBetween(r.dueOn, today);
		return {
			...r,
			lineNames: line ? { nameEn: line.nameEn, nameZhHans: line.nameZhHans, nameZhHant: line.nameZhHant } : null,
			outstandingMinor: owed,
			daysOverdue: owed > 0 && late > 0 ? late : 0
		};
	});
}

export async function unitAccount(actor: Actor, unitId: string, options: { now?: Date; executor?: Executor } = {}): Promise<UnitAccount> {
	requireStaff(actor, 'fees.read');
	const executor = options.executor ?? db();
	const unit = await visibleUnit(actor, unitId, executor);
	const today = businessToday(unit, options.now);
	const [occupants, settings, balanceMinor, ownerBalance, renterBalance, openBills, entries, deposits] = await Promise.all([
		currentOccupants(executor, unit.id, options.now ?? new Date()),
		feeSettings(executor),
		unitBalance(executor, unit.id),
		unitBalance(executor, unit.id, 'owner'),
		unitBalance(executor, unit.id, 'renter'),
		openBillsOf(executor, unit.id, today),
		unitStatement(executor, unit.id, { limit: STATEMENT_LIMIT + 1 }),
		depositsHeld(executor, [unit.id])
	]);
	const shown = entries.slice(0, STATEMENT_LIMIT);
	const billIds = [...new Set(shown.map((e) => e.billId).filter((id): id is string => !!id))];
	const paymentIds = [...new Set(shown.map((e) => e.paymentId).filter((id): id is string => !!id))];
	// With the payments, their receipts as the receipts module lets this actor see them.
	const [billRows, paymentRows, receiptRefs] = await Promise.all([
		billIds.length
			? executor
					.select({ id: bills.id, seq: bills.seq, source: bills.source, period: bills.period })
					.from(bills)
					.where(inArray(bills.id, billIds))
			: Promise.resolve([]),
		paymentIds.length
			? executor
					.select({
						id: payments.id,
						method: payments.method,
						receiptNo: payments.counterReceiptNo,
						provider: payments.provider,
						takenBy: users.name,
						company: residentCompanies.name
					})
					.from(payments)
					.leftJoin(users, eq(users.id, payments.createdBy))
					.leftJoin(residentCompanies, eq(residentCompanies.id, payments.companyId))
					.where(inArray(payments.id, paymentIds))
			: Promise.resolve([]),
		receiptsForPayments(actor, paymentIds)
	]);
	const receiptByPayment = new Map(receiptRefs.map((r) => [r.paymentId, r]));
	const billById = new Map(billRows.map((b) => [b.id, b]));
	const paymentById = new Map(paymentRows.map((p) => [p.id, p]));
	return {
		unit: { ...unit, ...occupants },
		currency: settings.currency,
		balanceMinor,
		partyBalances: { owner: ownerBalance, renter: renterBalance },
		arrearsMinor: openBills.reduce((sum, b) => sum + (b.daysOverdue > 0 ? b.outstandingMinor : 0), 0),
		openBills,
		statement: shown.map((e) => {
			const bill = e.billId ? billById.get(e.billId) : undefined;
			const payment = e.paymentId ? paymentById.get(e.paymentId) : undefined;
			return {
				id: e.id,
				kind: e.kind,
				party: e.party,
				amountMinor: e.amountMinor,
				balanceMinor: e.balanceMinor,
				currency: e.currency,
				effectiveOn: e.effectiveOn,
				note: e.note,
				bill: bill ? { id: bill.id, seq: bill.seq, source: bill.source, period: bill.period } : null,
				payment: payment
					? {
							method: payment.method,
							receiptNo: payment.receiptNo,
							provider: payment.provider,
							receipt: receiptOf(receiptByPayment.get(payment.id)),
							// Who took the money at the counter (an online payer is not "taken" by anyone).
							takenBy: payment.provider === 'counter' ? payment.takenBy : null,
							company: payment.company
						}
					: null
			};
		}),
		statementCut: entries.length > STATEMENT_LIMIT,
		deposits,
		today
	};
}

function receiptOf(ref: ReceiptRef | undefined): { number: string; href: string } | null {
	return ref ? { number: ref.number, href: ref.href } : null;
}

/** The fields of counter.ts's errors on the counter form. */
const counterFields: Record<string, keyof CounterPaymentForm> = {
	amountMinor: 'amount',
	method: 'method',
	receiptNo: 'receiptNo',
	receivedOn: 'receivedOn',
	billIds: 'billIds',
	allocations: 'billIds',
	party: 'party'
};

/**
 * Money received at the counter for a unit (payments.counter), from one party (owner or renter).
 * Chosen bills are paid oldest first; none chosen means every open bill of the party, oldest
 * first; whatever is left is the party's credit. Returns whether it was new (the same paper
 * receipt again records nothing) and its numbered receipt, to print for the payer at once.
 */
export async function payAtCounter(actor: Actor, unitId: string, form: CounterPaymentForm, options: { now?: Date } = {}) {
	requireStaff(actor, 'payments.counter');
	const unit = await visibleUnit(actor, unitId, db());
	const today = businessToday(unit, options.now);
	const amountMinor = parseAmountMinor(form.amount);
	if (amountMinor === null || amountMinor <= 0) throw new InputError('amount', m.feesstaff_amount_invalid());
	if (form.receivedOn > today) throw new InputError('receivedOn', m.feesstaff_received_future());
	let billIds = [...new Set(form.billIds.filter((id) => id !== ''))];
	if (!billIds.every(isUuid)) throw new InputError('billIds', m.feesstaff_bill_not_payable());
	let party = form.party === '' ? null : form.party;
	if (billIds.length === 0) {
		const owing = (await openBillsOf(db(), unit.id, today)).filter((b) => b.outstandingMinor > 0);
		// Unsaid, it is the party that owes — or the owner of a unit not let, the only party there is.
		const owingParties = new Set(owing.map((b) => b.party));
		party ??=
			owingParties.size === 1
				? [...owingParties][0]!
				: owingParties.size === 0 && !(await currentOccupants(db(), unit.id, options.now ?? new Date())).let
					? 'owner'
					: null;
		if (!party) throw new InputError('party', m.feesstaff_party_required());
		billIds = owing.filter((b) => b.party === party).map((b) => b.id);
	}
	let paid: Awaited<ReturnType<typeof recordCounterPayment>>;
	try {
		paid = await recordCounterPayment(actor, {
			unitId: unit.id,
			amountMinor,
			method: form.method,
			receiptNo: form.receiptNo,
			receivedOn: form.receivedOn,
			billIds,
			party
		});
	} catch (err) {
		if (err instanceof InputError) throw new InputError(counterFields[err.field] ?? '', err.message);
		throw err;
	}
	const [receipt] = await receiptsForPayments(actor, [paid.paymentId]);
	return { ...paid, receipt: receiptOf(receipt) };
}

/**
 * A one-off bill (fees.manage): a non-periodic fee item (deposit → source 'deposit', renovation →
 * 'renovation', others 'manual') or a free-text line ('manual'), quantity × unit price. The form's
 * key makes a repeated submission the same bill.
 */
export async function issueOneOffBill(actor: Actor, unitId: string, form: OneOffBillForm, options: { now?: Date } = {}) {
	requireStaff(actor, 'fees.manage');
	const unit = await visibleUnit(actor, unitId, db());
	const quantity = parseQuantity(form.quantity);
	if (quantity === null || Number(quantity) <= 0) throw new InputError('quantity', m.feesstaff_quantity_invalid());
	const today = businessToday(unit, options.now);
	const asked = form.party === '' ? null : form.party;
	let payer: 'owner' | 'occupant' | 'requester' = 'requester';
	let source: 'deposit' | 'renovation' | 'manual' = 'manual';
	let names = { nameEn: form.description, nameZhHans: form.description, nameZhHant: form.description };
	let priceMicro = form.unitPrice ? parsePriceMicro(form.unitPrice) : null;
	let feeItemId: string | null = null;
	if (form.feeItemId) {
		const item = (await oneOffFeeItems(unit.estateId, today)).find((i) => i.id === form.feeItemId);
		if (!item) throw new InputError('feeItemId', m.feesstaff_choice_invalid());
		feeItemId = item.id;
		payer = item.payer;
		source = sourceForKind(item.kind);
		// A free-text description, when given, says more than the item's name (e.g. which works).
		names = form.description
			? {
					nameEn: `${item.nameEn}: ${form.description}`,
					nameZhHans: `${item.nameZhHans}:${form.description}`,
					nameZhHant: `${item.nameZhHant}:${form.description}`
				}
			: { nameEn: item.nameEn, nameZhHans: item.nameZhHans, nameZhHant: item.nameZhHant };
		if (priceMicro === null) {
			if (item.priceMicro === null) throw new InputError('unitPrice', m.feesstaff_item_has_no_price());
			priceMicro = item.priceMicro;
		}
	}
	if (priceMicro === null) throw new InputError('unitPrice', m.feesstaff_price_required());
	// Whom it bills: the item's rule; an item billing whoever asked (or a free-text line) takes the
	// party chosen — in a unit not let, the owner is the only one there is.
	const { let: let_ } = await currentOccupants(db(), unit.id, options.now ?? new Date());
	if (payer === 'requester' && !asked && let_) throw new InputError('party', m.feesstaff_party_required());
	const party = billedParty(payer, let_, asked);
	try {
		return await db().transaction((tx) =>
			issueBill(tx, {
				unitId: unit.id,
				payer: { party },
				source,
				sourceId: form.key,
				lines: [{ feeItemId, ...names, quantity, priceMicro: priceMicro }],
				issuedOn: today,
				actorId: actor.userId,
				note: form.note
			})
		);
	} catch (err) {
		// Zero, or more than a bill can hold: the typed quantity and price are what to fix.
		if (err instanceof LedgerError || err instanceof RangeError) throw new InputError('unitPrice', m.feesstaff_bill_amount_invalid());
		throw err;
	}
}

/** What the unit page's forms may offer this actor. */
export function accountAbilities(actor: Actor) {
	return { counter: can(actor, 'payments.counter'), issue: can(actor, 'fees.manage'), refund: can(actor, 'fees.manage') };
}
