/**
 * One-off bills (a paid-service quote, a deposit, a renovation fee, a manual charge): the bill,
 * its lines, one 'charge' entry on the party's part of the unit's account and an 'issue' event, in
 * the caller's transaction. The bill goes to the party that asked (fees/parties.ts): a paid service
 * to its repair's occupancy, a deposit or fee to the party finance names. The monthly bills come
 * from the billing run (billing.ts) instead.
 */
import { and, eq } from 'drizzle-orm';
import { addDays, businessToday } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { billLines, bills, occupancies, units, type BilledReadings } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { currentOccupancies } from '../property/occupancy.ts';
import { LedgerError, postEntry } from './ledger.ts';
import { lineAmount } from '#lib/money/index.ts';
import { estateZone } from './estate-time.ts';
import { billedParty, type Party } from './parties.ts';
import { feeSettings } from './settings.ts';
import { fileInArchive } from '../archive/file.ts';
import { partyOccupancy } from '../archive/party-occupancy.ts';
import { billReference } from '#lib/references.ts';

export interface IssueBillLine {
	feeItemId: string | null;
	nameEn: string;
	nameZhHans: string;
	nameZhHant: string;
	/** Decimal string with at most two decimals, e.g. '1' or '87.35'. */
	quantity: string;
	/** 1/10000 of the minor unit per quantity unit. */
	priceMicro: number;
	/** A metered line's readings as billed (a move-out's final energy bill); what later bills count from. */
	readings?: BilledReadings | null;
}

export type OneOffSource = 'paid_service' | 'deposit' | 'renovation' | 'manual';

/**
 * Whom the bill is for: a party of the unit, or the occupancy that asked (a repair's; null for a
 * repair filed before cases had occupancies: then whoever occupies the unit — the renter if let).
 */
export type BillPayer = { party: Party } | { occupancyId: string | null };

export interface IssueBillInput {
	unitId: string;
	payer: BillPayer;
	source: OneOffSource;
	/** (source, sourceId) is unique: issuing again returns the existing bill. */
	sourceId?: string | null;
	lines: readonly IssueBillLine[];
	/** Default: today's business date in the unit's estate. */
	issuedOn?: string;
	/** Default: issuedOn + the settings' due days. */
	dueOn?: string;
	actorId: string | null;
	note?: string;
	/** 'YYYY-MM': the month a one-off bill is for (a corrected monthly bill reissued after a void). */
	period?: string | null;
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
		if (!Number.isSafeInteger(line.priceMicro) || line.priceMicro < 0)
			throw new LedgerError('A line price must be a non-negative integer.');
		return lineAmount(line.quantity, line.priceMicro);
	});
	if (amounts.some((a) => a < 0)) throw new LedgerError('A bill line cannot be negative.');
	const totalMinor = amounts.reduce((sum, a) => sum + a, 0);
	if (totalMinor <= 0) throw new LedgerError('A bill must come to more than nothing.');
	if (!Number.isSafeInteger(totalMinor) || totalMinor > 2_147_483_647) throw new LedgerError('The bill total is too large.');

	const [unit] = await tx.select({ estateId: units.estateId }).from(units).where(eq(units.id, input.unitId));
	if (!unit) throw new LedgerError(`No unit ${input.unitId}.`);
	const settings = await feeSettings(tx);
	const issuedOn = input.issuedOn ?? businessToday(await estateZone(tx, unit.estateId));
	const { party, occupancyId } = await resolvePayer(tx, input.unitId, input.payer);
	const dueOn = input.dueOn ?? addDays(issuedOn, settings.dueDays);
	if (dueOn < issuedOn) throw new LedgerError('A bill cannot be due before it is issued.');

	// ON CONFLICT: two concurrent issues of one source row create one bill; the loser reads it.
	const [bill] = await tx
		.insert(bills)
		.values({
			estateId: unit.estateId,
			unitId: input.unitId,
			party,
			occupancyId,
			source: input.source,
			sourceId: input.sourceId ?? null,
			period: input.period ?? null,
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
			sort: i,
			readings: line.readings ?? null
		}))
	);
	await postEntry(tx, {
		unitId: input.unitId,
		party,
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
		data: { source: input.source, totalMinor, party }
	});
	await fileInArchive(tx, {
		unitId: input.unitId,
		occupancyId: occupancyId ?? (await partyOccupancy(tx, input.unitId, party, issuedOn)),
		kind: input.source === 'deposit' ? 'deposit' : 'bill',
		sourceType: 'bill',
		sourceId: bill.id,
		summary: { reference: billReference(bill.seq), amountMinor: totalMinor, currency: settings.currency },
		actor: input.actorId ? { userId: input.actorId } : null
	});
	return { billId: bill.id, seq: bill.seq, totalMinor, created: true };
}

/** The party (and the asking occupancy, if any) a one-off bill goes to. */
async function resolvePayer(tx: Executor, unitId: string, payer: BillPayer): Promise<{ party: Party; occupancyId: string | null }> {
	if ('party' in payer) return { party: payer.party, occupancyId: null };
	if (payer.occupancyId) {
		const [occupancy] = await tx
			.select({ id: occupancies.id, role: occupancies.role })
			.from(occupancies)
			.where(and(eq(occupancies.id, payer.occupancyId), eq(occupancies.unitId, unitId)));
		if (!occupancy) throw new LedgerError(`Occupancy ${payer.occupancyId} is not of unit ${unitId}.`);
		return { party: occupancy.role, occupancyId: occupancy.id };
	}
	const let_ = (await currentOccupancies(tx, [unitId])).some((o) => o.role === 'renter');
	return { party: billedParty('occupant', let_), occupancyId: null };
}
