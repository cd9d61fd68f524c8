import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { billLines, bills, events, ledgerEntries, refunds } from '../db/schema/index.ts';
import { payingUnit } from '../payments/test-fixtures.ts';
import { issueBill, type IssueBillLine } from './issue-bill.ts';
import { applyPayment, LedgerError, unitBalance } from './ledger.ts';
import { depositsHeld } from './deposits.ts';
import { feeSettings, saveFeeSettings } from './settings.ts';
import { payment } from './test-fixtures.ts';
import { parsePriceMicro } from '#lib/money/index.ts';
import { actorFor, makeStaff } from '../residents/test-fixtures.ts';

const line = (quantity: string, price: string, name = 'Air-conditioner cleaning'): IssueBillLine => ({
	feeItemId: null,
	nameEn: name,
	nameZhHans: '空调清洗',
	nameZhHant: '冷氣清洗',
	quantity,
	priceMicro: parsePriceMicro(price)!
});

describe('issueBill', () => {
	it('writes the bill, its lines, one charge and an issue event, with the amount exact to the cent', async () => {
		const { unit } = await payingUnit();
		const issued = await db().transaction((tx) =>
			issueBill(tx, {
				unitId: unit.id,
				payer: { party: 'owner' },
				source: 'renovation',
				lines: [line('87.35', '3.80'), line('1', '150')],
				issuedOn: '2026-11-02',
				actorId: null
			})
		);
		expect(issued).toMatchObject({ created: true, totalMinor: 33193 + 15000 });
		const [bill] = await db().select().from(bills).where(eq(bills.id, issued.billId));
		expect(bill).toMatchObject({ state: 'open', source: 'renovation', issuedOn: '2026-11-02', dueOn: '2026-11-17', currency: 'CNY' });
		const lines = await db().select().from(billLines).where(eq(billLines.billId, issued.billId)).orderBy(billLines.sort);
		expect(lines.map((l) => l.amountMinor)).toEqual([33193, 15000]);
		const charges = await db().select().from(ledgerEntries).where(eq(ledgerEntries.billId, issued.billId));
		expect(charges).toMatchObject([{ kind: 'charge', amountMinor: 48193, effectiveOn: '2026-11-02' }]);
		const timeline = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectType, 'bill'), eq(events.subjectId, issued.billId)));
		expect(timeline).toMatchObject([{ kind: 'issue', toState: 'open' }]);
		expect(await unitBalance(db(), unit.id)).toBe(48193);
	});

	it('issues a source row once, even when asked twice at the same time', async () => {
		const { unit } = await payingUnit();
		const sourceId = crypto.randomUUID();
		const ask = () =>
			db().transaction((tx) =>
				issueBill(tx, {
					unitId: unit.id,
					payer: { party: 'owner' },
					source: 'paid_service',
					sourceId,
					lines: [line('1', '80')],
					actorId: null
				})
			);
		const results = await Promise.all([ask(), ask()]);
		expect(new Set(results.map((r) => r.billId)).size).toBe(1);
		expect(results.filter((r) => r.created)).toHaveLength(1);
		expect(await db().select().from(bills).where(eq(bills.sourceId, sourceId))).toHaveLength(1);
		expect(await unitBalance(db(), unit.id)).toBe(8000);
	});

	it('refuses a bill of nothing and uses the due days and currency from the settings', async () => {
		const { unit, finance } = await payingUnit();
		await expect(
			db().transaction((tx) => issueBill(tx, { unitId: unit.id, payer: { party: 'owner' }, source: 'manual', lines: [], actorId: null }))
		).rejects.toBeInstanceOf(LedgerError);
		await expect(
			db().transaction((tx) =>
				issueBill(tx, { unitId: unit.id, payer: { party: 'owner' }, source: 'manual', lines: [line('1', '0')], actorId: null })
			)
		).rejects.toBeInstanceOf(LedgerError);
		await saveFeeSettings(finance, {
			currency: 'HKD',
			dueDays: 30,
			reminderDays: [30, 7, 7],
			refundApprovalMinor: 50000,
			correctionApprovalMinor: 20000
		});
		expect(await feeSettings()).toEqual({
			currency: 'HKD',
			dueDays: 30,
			reminderDays: [7, 30],
			refundApprovalMinor: 50000,
			correctionApprovalMinor: 20000
		});
		const issued = await db().transaction((tx) =>
			issueBill(tx, {
				unitId: unit.id,
				payer: { party: 'owner' },
				source: 'manual',
				lines: [line('1', '10')],
				issuedOn: '2026-11-02',
				actorId: finance.userId
			})
		);
		const [bill] = await db().select().from(bills).where(eq(bills.id, issued.billId));
		expect(bill).toMatchObject({ currency: 'HKD', dueOn: '2026-12-02' });
		// back to the defaults for the other tests of this database
		await saveFeeSettings(finance, {
			currency: 'CNY',
			dueDays: 15,
			reminderDays: [3, 15, 30],
			refundApprovalMinor: 100000,
			correctionApprovalMinor: 100000
		});
	});
});

describe('fee settings', () => {
	it('only lets fees.manage save them and refuses an invalid schedule', async () => {
		const { resident, finance, place } = await payingUnit();
		await expect(saveFeeSettings(resident, await feeSettings())).rejects.toThrow();
		const engineer = await actorFor((await makeStaff('Engineer', ['engineering'], [place.estate.id])).id);
		await expect(saveFeeSettings(engineer, await feeSettings())).rejects.toThrow();
		await expect(saveFeeSettings(finance, { ...(await feeSettings()), reminderDays: [0] })).rejects.toBeInstanceOf(RangeError);
		await expect(saveFeeSettings(finance, { ...(await feeSettings()), currency: 'yuan' })).rejects.toBeInstanceOf(RangeError);
	});
});

describe('depositsHeld', () => {
	it('counts what was paid on deposit bills until a paid refund releases it', async () => {
		const { unit, place, finance } = await payingUnit();
		const deposit = await db().transaction((tx) =>
			issueBill(tx, {
				unitId: unit.id,
				payer: { party: 'owner' },
				source: 'deposit',
				lines: [line('1', '2000', 'Renovation deposit')],
				issuedOn: '2026-10-01',
				actorId: null
			})
		);
		expect(await depositsHeld(db(), [unit.id])).toEqual([]);
		const p = await payment(unit.id, 150000);
		await db().transaction((tx) =>
			applyPayment(tx, {
				unitId: unit.id,
				paymentId: p.id,
				amountMinor: 150000,
				allocations: [{ billId: deposit.billId, amountMinor: 150000 }],
				effectiveOn: '2026-10-02'
			})
		);
		expect(await depositsHeld(db(), [unit.id])).toMatchObject([
			{ billId: deposit.billId, paidMinor: 150000, releasedMinor: 0, heldMinor: 150000, name: 'Renovation deposit' }
		]);
		await db().insert(refunds).values({
			unitId: unit.id,
			party: 'owner',
			estateId: place.estate.id,
			kind: 'deposit',
			depositBillId: deposit.billId,
			grossMinor: 150000,
			payoutMinor: 150000,
			reason: 'Renovation finished',
			state: 'paid',
			needsApproval: true,
			requestedBy: finance.userId
		});
		expect(await depositsHeld(db(), [unit.id])).toMatchObject([{ heldMinor: 0, releasedMinor: 150000 }]);
	});
});
