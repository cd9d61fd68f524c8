/**
 * What a receipt says and whom it is for, read from the payment it receipts: the printed data for
 * renderReceiptPdf, the payers to notify and the language to print in.
 *
 * The payer of an online payment is the resident who paid. A counter payment was recorded by
 * staff, so its payers are the unit's current occupants of the payment's party (the owner, or the
 * renter: fees/parties.ts) — people, and members of an occupying company. Its time is the
 * unit's estate's.
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

/** One printed line per bill the payment went to, and the rest as credit. */
async function receiptLines(executor: Executor, paymentId: string, amountMinor: number): Promise<ReceiptLine[]> {
	const allocated = await executor
		.select({ billId: bills.id, seq: bills.seq, amountMinor: paymentAllocations.amountMinor })
		.from(paymentAllocations)
		.innerJoin(bills, eq(bills.id, paymentAllocations.billId))
		.where(eq(paymentAllocations.paymentId, paymentId))
		.orderBy(asc(bills.issuedOn), asc(bills.seq));
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
				return m.receipts_line_bill({ number: billReference(a.seq), items: list || '—' }, { locale });
			}),
			amountMinor: a.amountMinor
		};
	});
	const credit = amountMinor - allocated.reduce((sum, a) => sum + a.amountMinor, 0);
	if (credit > 0) lines.push({ ...named((locale) => m.receipts_line_credit({}, { locale })), amountMinor: credit });
	return lines;
}

/** The receipt as printed and sent; throws when there is no such receipt. */
export async function receiptDocument(executor: Executor, receiptId: string): Promise<ReceiptDocument> {
	const [row] = await executor
		.select({
			receiptId: receipts.id,
			seq: receipts.seq,
			issuedAt: receipts.createdAt,
			paymentId: payments.id,
			unitId: payments.unitId,
			provider: payments.provider,
			party: payments.party,
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
		.innerJoin(units, eq(units.id, payments.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(estates, eq(estates.id, units.estateId))
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
		payerName = user?.name ?? '';
	} else {
		const occupants = await occupantPayers(executor, row.unitId, row.party);
		payers = occupants.payers;
		payerName = occupants.names.join(', ');
	}
	const locale = recipientLocale(payers[0]?.locale);
	const number = receiptNumber(row.seq);
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
			unitLabel: `${row.buildingName} ${row.unitNumber}`,
			payer: payerName,
			lines: await receiptLines(executor, row.paymentId, row.amountMinor),
			totalMinor: row.amountMinor,
			currency: row.currency,
			method: row.method || (row.provider === 'counter' ? '' : 'online'),
			locale
		}
	};
}
