/**
 * What a receipt says and whom it is for, read from the payment it receipts: the printed data for
 * renderReceiptPdf, the payers to notify and the language to print in.
 *
 * The payer of an online payment is the resident who paid. A counter payment was recorded by
 * staff, so its payers are the unit's current occupants of the payment's party (the owner, or the
 * renter: fees/parties.ts) — people, and members of an occupying company. Its time is the
 * unit's estate's. A company's payment of several units (its admin's checkout) is made out to the
 * company, lists every bill with its unit and billing period, and is the estate's of its units.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import type { Executor } from '../db/client.ts';
import {
	billLines,
	bills,
	buildings,
	companyMembers,
	estates,
	paymentAllocations,
	payments,
	receipts,
	residentCompanies,
	units,
	users
} from '../db/schema/index.ts';
import { recipientLocale } from '../notify/notify.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import type { Party } from '../fees/parties.ts';
import { receiptNumber } from './number.ts';
import { billReference } from '#lib/references.ts';
import { businessDate, monthName } from '#lib/time/index.ts';
import { paymentUnitSql } from '../payments/payment-unit.ts';
import type { ReceiptData, ReceiptLine } from './pdf.ts';

export interface ReceiptDocument {
	receiptId: string;
	seq: number;
	number: string;
	paymentId: string;
	unitId: string;
	estateId: string;
	/** Users told about the receipt. */
	payerIds: string[];
	/** The user the stored PDF is recorded for (files.uploadedBy): whoever made the payment, else a payer. */
	ownerId: string | null;
	pdf: ReceiptData;
}

interface Payer {
	userId: string;
	name: string;
	locale: string | null;
}

/** The party's current occupants of the unit as payers (oldest occupancy first), and the names to print. */
async function occupantPayers(executor: Executor, unitId: string, party: Party): Promise<{ payers: Payer[]; names: string[] }> {
	const current = (await currentOccupancies(executor, [unitId])).filter((o) => o.role === party);
	const payers = new Map<string, Payer>();
	const names: string[] = [];
	for (const occupancy of current) {
		const rows = await executor
			.select({ userId: users.id, userName: users.name, locale: users.locale, companyName: residentCompanies.name })
			.from(users)
			.leftJoin(companyMembers, eq(companyMembers.userId, users.id))
			.leftJoin(residentCompanies, eq(residentCompanies.id, companyMembers.companyId))
			.where(occupancy.userId ? eq(users.id, occupancy.userId) : eq(companyMembers.companyId, occupancy.companyId!))
			.orderBy(asc(users.name));
		for (const row of rows) {
			if (!payers.has(row.userId)) payers.set(row.userId, { userId: row.userId, name: row.userName, locale: row.locale });
			const name = occupancy.companyId ? (row.companyName ?? row.userName) : row.userName;
			if (!names.includes(name)) names.push(name);
		}
	}
	return { payers: [...payers.values()], names };
}

function nameIn(locale: Locale, line: { nameEn: string; nameZhHans: string; nameZhHant: string }): string {
	if (locale === 'zh-Hant') return line.nameZhHant || line.nameEn;
	if (locale === 'zh-Hans') return line.nameZhHans || line.nameEn;
	return line.nameEn;
}

/** What a line says of its bill's time: the billing period of a monthly bill, else the day it was issued. */
function billTime(bill: { period: string | null; issuedOn: string }, locale: Locale): string {
	return bill.period ? monthName(bill.period, locale) : m.billview_issued_on({ date: businessDate(bill.issuedOn, locale) }, { locale });
}

/** The units a company's receipt covers, by building: "Tower 1 1801, 1802; Tower 2 0301". */
function unitsLabel(units: readonly { buildingName: string; unitNumber: string }[]): string {
	const byBuilding = new Map<string, string[]>();
	for (const u of units) {
		const numbers = byBuilding.get(u.buildingName) ?? [];
		if (!numbers.includes(u.unitNumber)) numbers.push(u.unitNumber);
		byBuilding.set(u.buildingName, numbers);
	}
	return [...byBuilding].map(([building, numbers]) => `${building} ${numbers.join(', ')}`).join('; ');
}

/**
 * One printed line per bill the payment went to — with its billing period, and on a company's
 * receipt of several units with its unit — and the rest as credit.
 */
async function receiptLines(executor: Executor, paymentId: string, amountMinor: number, withUnit: boolean) {
	const allocated = await executor
		.select({
			billId: bills.id,
			seq: bills.seq,
			period: bills.period,
			issuedOn: bills.issuedOn,
			amountMinor: paymentAllocations.amountMinor,
			buildingName: buildings.name,
			unitNumber: units.number
		})
		.from(paymentAllocations)
		.innerJoin(bills, eq(bills.id, paymentAllocations.billId))
		.innerJoin(units, eq(units.id, bills.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.where(eq(paymentAllocations.paymentId, paymentId))
		.orderBy(...(withUnit ? [asc(buildings.name), asc(units.number)] : []), asc(bills.issuedOn), asc(bills.seq));
	const items = allocated.length
		? await executor
				.select({ billId: billLines.billId, nameEn: billLines.nameEn, nameZhHans: billLines.nameZhHans, nameZhHant: billLines.nameZhHant })
				.from(billLines)
				.where(
					inArray(
						billLines.billId,
						allocated.map((a) => a.billId)
					)
				)
				.orderBy(asc(billLines.sort), asc(billLines.id))
		: [];
	const named = (text: (locale: Locale) => string) => ({ nameEn: text('en'), nameZhHans: text('zh-Hans'), nameZhHant: text('zh-Hant') });
	const lines: ReceiptLine[] = allocated.map((a) => {
		const mine = items.filter((item) => item.billId === a.billId);
		return {
			...named((locale) => {
				const list = mine.map((item) => nameIn(locale, item)).join(m.receipts_list_separator({}, { locale }));
				const bill = { number: billReference(a.seq), period: billTime(a, locale), items: list || '—' };
				return withUnit
					? m.billview_receipt_line_unit({ ...bill, unit: `${a.buildingName} ${a.unitNumber}` }, { locale })
					: m.billview_receipt_line({ ...bill }, { locale });
			}),
			amountMinor: a.amountMinor
		};
	});
	const credit = amountMinor - allocated.reduce((sum, a) => sum + a.amountMinor, 0);
	if (credit > 0) lines.push({ ...named((locale) => m.receipts_line_credit({}, { locale })), amountMinor: credit });
	return { lines, units: allocated };
}

/** The receipt as printed and sent; throws when there is no such receipt. */
export async function receiptDocument(executor: Executor, receiptId: string): Promise<ReceiptDocument> {
	const [row] = await executor
		.select({
			receiptId: receipts.id,
			seq: receipts.seq,
			issuedAt: receipts.createdAt,
			paymentId: payments.id,
			unitId: units.id,
			provider: payments.provider,
			party: payments.party,
			companyName: residentCompanies.name,
			method: payments.method,
			amountMinor: payments.amountMinor,
			currency: payments.currency,
			createdBy: payments.createdBy,
			unitNumber: units.number,
			buildingName: buildings.name,
			estateId: estates.id,
			estateName: estates.name,
			timeZone: estates.timeZone
		})
		.from(receipts)
		.innerJoin(payments, eq(payments.id, receipts.paymentId))
		.innerJoin(units, eq(units.id, paymentUnitSql(payments)))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, units.estateId))
		// A company's payment of several units: the receipt is made out to the company.
		.leftJoin(residentCompanies, eq(residentCompanies.id, payments.companyId))
		.where(eq(receipts.id, receiptId));
	if (!row) throw new Error(`No receipt ${receiptId}.`);

	let payers: Payer[];
	let payerName: string;
	if (row.provider !== 'counter' && row.createdBy) {
		const [user] = await executor
			.select({ userId: users.id, name: users.name, locale: users.locale })
			.from(users)
			.where(eq(users.id, row.createdBy));
		payers = user ? [user] : [];
		payerName = row.companyName ?? user?.name ?? '';
	} else {
		// A counter payment is always one party's of one unit (payments_payer).
		const occupants = await occupantPayers(executor, row.unitId, row.party!);
		payers = occupants.payers;
		payerName = occupants.names.join(', ');
	}
	const locale = recipientLocale(payers[0]?.locale);
	const number = receiptNumber(row.seq);
	const company = row.companyName !== null;
	const printed = await receiptLines(executor, row.paymentId, row.amountMinor, company);
	return {
		receiptId: row.receiptId,
		seq: row.seq,
		number,
		paymentId: row.paymentId,
		unitId: row.unitId,
		estateId: row.estateId,
		payerIds: payers.map((p) => p.userId),
		ownerId: row.createdBy ?? payers[0]?.userId ?? null,
		pdf: {
			receiptNo: number,
			issuedAt: row.issuedAt,
			timeZone: row.timeZone,
			estateName: row.estateName,
			unitLabel: company ? unitsLabel(printed.units) : `${row.buildingName} ${row.unitNumber}`,
			payer: payerName,
			lines: printed.lines,
			totalMinor: row.amountMinor,
			currency: row.currency,
			method: row.method || (row.provider === 'counter' ? '' : 'online'),
			locale
		}
	};
}
