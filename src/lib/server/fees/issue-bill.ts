/**
 * One-off bills (a paid-service quote, a deposit, a renovation fee, a manual charge): the bill,
 * its lines, one 'charge' entry on the unit's account and an 'issue' event, in the caller's
 * transaction. The monthly bills come from the billing run (billing.ts) instead.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { billLines, bills, units } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { LedgerError, postEntry } from './ledger.ts';
import { lineAmount } from '#lib/money/index.ts';
import { addDays, businessToday } from './period.ts';
import { feeSettings } from './settings.ts';

export interface IssueBillLine {
	feeItemId: string | null;
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
	/** Decimal string with at most two decimals, e.g. '1' or '87.35'. */
	quantity: string;
	/** 1/10000 of the minor unit per quantity unit. */
	priceMicro: number;
}

export type OneOffSource = 'paid_service' | 'deposit' | 'renovation' | 'manual';

export interface IssueBillInput {
	unitId: string;
	source: OneOffSource;
	/** (source, sourceId) is unique: issuing again returns the existing bill. */
	sourceId?: string | null;
	lines: readonly IssueBillLine[];
	/** Default: today's business date. */
	issuedOn?: string;
	/** Default: issuedOn + the settings' due days. */
	dueOn?: string;
	actorId: string | null;
	note?: string;
}

export interface IssuedBill {
	billId: string;
	seq: number;
	totalMinor: number;
	created: boolean;
}

export async function issueBill(tx: Executor, input: IssueBillInput): Promise<IssuedBill> {
	if (input.sourceId) {
		const [existing] = await tx
			.select({ id: bills.id, seq: bills.seq, totalMinor: bills.totalMinor })
			.from(bills)
			.where(and(eq(bills.source, input.source), eq(bills.sourceId, input.sourceId)));
		if (existing) return { billId: existing.id, seq: existing.seq, totalMinor: existing.totalMinor, created: false };
	}
	if (input.lines.length === 0) throw new LedgerError('A bill needs at least one line.');
	const amounts = input.lines.map((line) => {
		if (!Number.isSafeInteger(line.priceMicro) || line.priceMicro < 0) throw new LedgerError('A line price must be a non-negative integer.');
		return lineAmount(line.quantity, line.priceMicro);
	});
	if (amounts.some((a) => a < 0)) throw new LedgerError('A bill line cannot be negative.');
	const totalMinor = amounts.reduce((sum, a) => sum + a, 0);
	if (totalMinor <= 0) throw new LedgerError('A bill must come to more than nothing.');
	if (!Number.isSafeInteger(totalMinor) || totalMinor > 2_147_483_647) throw new LedgerError('The bill total is too large.');

	const [unit] = await tx.select({ estateId: units.estateId }).from(units).where(eq(units.id, input.unitId));
	if (!unit) throw new LedgerError(`No unit ${input.unitId}.`);
	const settings = await feeSettings(tx);
	const issuedOn = input.issuedOn ?? businessToday();
	const dueOn = input.dueOn ?? addDays(issuedOn, settings.dueDays);
	if (dueOn < issuedOn) throw new LedgerError('A bill cannot be due before it is issued.');

	// ON CONFLICT: two concurrent issues of one source row create one bill; the loser reads it.
	const [bill] = await tx
		.insert(bills)
		.values({
			estateId: unit.estateId,
			unitId: input.unitId,
			source: input.source,
			sourceId: input.sourceId ?? null,
			totalMinor,
			currency: settings.currency,
			issuedOn,
			dueOn,
			createdBy: input.actorId
		})
		.onConflictDoNothing()
		.returning({ id: bills.id, seq: bills.seq });
	if (!bill) {
		const [existing] = await tx
			.select({ id: bills.id, seq: bills.seq, totalMinor: bills.totalMinor })
			.from(bills)
			.where(and(eq(bills.source, input.source), eq(bills.sourceId, input.sourceId!)));
		if (!existing) throw new LedgerError('The bill vanished after a conflicting insert.');
		return { billId: existing.id, seq: existing.seq, totalMinor: existing.totalMinor, created: false };
	}
	await tx.insert(billLines).values(
		input.lines.map((line, i) => ({
			billId: bill.id,
			feeItemId: line.feeItemId,
			nameEn: line.nameEn,
			nameZhHans: line.nameZhHans,
			nameZhHant: line.nameZhHant,
			quantity: line.quantity.trim(),
			priceMicro: line.priceMicro,
			amountMinor: amounts[i]!,
			sort: i
		}))
	);
	await postEntry(tx, {
		unitId: input.unitId,
		kind: 'charge',
		amountMinor: totalMinor,
		billId: bill.id,
		currency: settings.currency,
		effectiveOn: issuedOn,
		note: input.note ?? '',
		createdBy: input.actorId
	});
	await recordEvent(tx, {
		actor: input.actorId ? { userId: input.actorId } : null,
		subjectType: 'bill',
		subjectId: bill.id,
		kind: 'issue',
		to: 'open',
		note: input.note ?? '',
		data: { source: input.source, totalMinor }
	});
	return { billId: bill.id, seq: bill.seq, totalMinor, created: true };
}
