// Bills and receipts that explain themselves (issue 13, rule 6): a bill's energy lines show the
// previous and current readings, a receipt's lines the billing period, and the unit account links
// every bill and receipt and says who took a counter payment. The deposit and renovation fee
// items are offered by the one-off bill form.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { bills, occupancies, receipts } from '../db/schema/index.ts';
import { loadActor } from '../auth/actor.ts';
import { staffActor } from '../property/testing/fixtures.ts';
import { recordCounterPayment } from '../payments/counter.ts';
import { receiptDocument } from '../receipts/document.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { load as staffBillLoad } from '../../../routes/staff/fees/bills/[id]/+page.server.ts';
import { load as accountLoad } from '../../../routes/staff/fees/units/[unitId]/+page.server.ts';
import { runBilling } from './billing.ts';
import { recordMeterChange } from './meter-changes.ts';
import { myBill } from './resident.ts';
import { billingEstate, reading } from './test-fixtures.ts';

const now = new Date('2026-11-01T02:00:00+08:00');

async function billedUnit() {
	const place = await billingEstate();
	const unit = await place.unit('80.00');
	const finance = await staffActor(['finance'], [place.estate.id]);
	await reading(unit.id, 'electricity', '2026-09-30', '1000.00');
	await recordMeterChange(
		finance,
		{
			buildingId: place.building.id,
			unitNumber: unit.number,
			meter: 'electricity',
			kind: 'replacement',
			changedOn: '2026-10-15',
			finalValue: '1100',
			startValue: '0',
			note: ''
		},
		{ now }
	);
	await reading(unit.id, 'electricity', '2026-10-31', '60.00');
	await runBilling({ period: '2026-10', actor: null, now, estateId: place.estate.id });
	const [bill] = await db()
		.select()
		.from(bills)
		.where(and(eq(bills.unitId, unit.id), eq(bills.period, '2026-10')));
	const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.unitId, unit.id));
	const resident = (await loadActor(occupancy!.userId!, null))!;
	return { place, unit, finance, bill: bill!, resident };
}

describe('bills and receipts that explain themselves', () => {
	it('the resident’s bill shows the previous and current readings of its energy lines, and the meter replaced between them', async () => {
		const { bill, resident } = await billedUnit();
		const detail = await myBill(resident, bill.id);
		const electricity = detail.lines.find((l) => l.kind === 'electricity');
		expect(electricity).toMatchObject({
			quantity: '160.00',
			readings: {
				previous: { on: '2026-09-30', value: '1000.00' },
				current: { on: '2026-10-31', value: '60.00' },
				changes: [{ on: '2026-10-15', kind: 'replacement', finalValue: '1100.00', startValue: '0.00' }]
			}
		});
		expect(detail.lines.find((l) => l.kind === 'management')?.readings).toBeNull();
	});

	it('the unit account links every bill and receipt and says who took a counter payment; the bill page shows it too', async () => {
		const { unit, finance, bill } = await billedUnit();
		await recordCounterPayment(finance, {
			unitId: unit.id,
			amountMinor: bill.totalMinor,
			method: 'cash',
			receiptNo: 'P-0001',
			receivedOn: '2026-11-02',
			billIds: [bill.id],
			party: 'owner'
		});
		const [receipt] = await db().select().from(receipts);
		const page = await accountLoad(fakeEvent({ actor: finance, params: { unitId: unit.id }, path: `/staff/fees/units/${unit.id}` }));
		const charge = page.account.statement.find((l) => l.kind === 'charge');
		expect(charge?.bill).toMatchObject({ id: bill.id, seq: bill.seq });
		const paid = page.account.statement.find((l) => l.kind === 'payment');
		expect(paid?.payment).toMatchObject({ method: 'cash', receiptNo: 'P-0001', takenBy: expect.stringMatching(/./), company: null });
		expect(paid?.payment?.receipt?.href).toMatch(/^\/files\/receipt\//);
		expect(page.meterChanges).toHaveLength(1);

		const billPage = await staffBillLoad(fakeEvent({ actor: finance, params: { id: bill.id }, path: `/staff/fees/bills/${bill.id}` }));
		expect(billPage.detail.bill).toMatchObject({ seq: bill.seq, state: 'paid', outstandingMinor: 0 });
		expect(billPage.detail.payments).toEqual([
			expect.objectContaining({ provider: 'counter', method: 'cash', byName: paid!.payment!.takenBy, counterReceiptNo: 'P-0001' })
		]);
		expect(billPage.detail.lines.find((l) => l.kind === 'electricity')?.readings?.changes).toHaveLength(1);
		expect(billPage.detail.timeline.map((e) => e.kind)).toEqual(['issue', 'pay']);
		// Staff of another estate: as if it did not exist.
		const elsewhere = await staffActor(['finance'], [(await billingEstate()).estate.id]);
		expect(
			await thrown(() => staffBillLoad(fakeEvent({ actor: elsewhere, params: { id: bill.id }, path: `/staff/fees/bills/${bill.id}` })))
		).toMatchObject({ status: 404 });

		// The receipt's line says which bill and which billing period it paid.
		const document = await receiptDocument(db(), receipt!.id);
		expect(document.pdf.lines[0]!.nameEn).toMatch(/^Bill B\d{6} · October 2026: Management fee \(residential\), Electricity$/);
		expect(document.pdf.lines[0]!.nameZhHant).toMatch(/^賬單 B\d{6} · 2026年10月:/);
	});

	it('the one-off bill form offers the deposit and renovation fee items', async () => {
		const { unit, finance } = await billedUnit();
		const page = await accountLoad(fakeEvent({ actor: finance, params: { unitId: unit.id }, path: `/staff/fees/units/${unit.id}` }));
		const codes = page.items.map((i) => i.code);
		expect(codes).toEqual(
			expect.arrayContaining(['management_deposit', 'utilities_deposit', 'renovation_deposit', 'renovation_management', 'debris_removal'])
		);
		expect(page.items.filter((i) => i.kind === 'deposit').length).toBeGreaterThanOrEqual(2);
		expect(page.items.filter((i) => i.kind === 'renovation').length).toBeGreaterThanOrEqual(2);
	});
});
