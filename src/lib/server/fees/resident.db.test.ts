// The resident's view of the unit accounts: scoped to the actor's own units, derived from the ledger.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db/client.ts';
import { bills } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { actorFor, makeCompany, makeUnit, makeUser, occupy } from '../residents/test-fixtures.ts';
import { recordCounterPayment } from '../payments/counter.ts';
import { openBill, payingUnit } from '../payments/test-fixtures.ts';
import { thrown } from '../../../../tests/request-event.ts';
import { issueBill } from './issue-bill.ts';
import { addDays } from '#lib/time/index.ts';
import { fixtureToday } from './test-fixtures.ts';
import { HISTORY_LIMIT, OPEN_BILLS_LIMIT, SECTIONS_LIMIT, myAmountDue, myBill, myPaymentDetail, residentBillsPage } from './resident.ts';

const today = fixtureToday();

/** A one-off bill with a due date relative to today. */
async function billDue(unitId: string, totalMinor: number, dueInDays: number, name = 'Window repair') {
	return db().transaction((tx) =>
		issueBill(tx, {
			unitId,
			payer: { party: 'owner' },
			source: 'manual',
			lines: [{ feeItemId: null, nameEn: name, nameZhHans: name, nameZhHant: name, quantity: '1', priceMicro: totalMinor * 10_000 }],
			issuedOn: addDays(today, Math.min(0, dueInDays) - 1),
			dueOn: addDays(today, dueInDays),
			actorId: null
		})
	);
}

let resident: Actor;
let neighbour: Actor;
let finance: Actor;
let unitId: string;
let neighbourUnitId: string;
let overdueId: string;
let partlyPaidId: string;
let notDueId: string;
let neighbourBillId: string;
let counterPaymentId: string;

beforeAll(async () => {
	const paying = await payingUnit('12A');
	resident = paying.resident;
	finance = paying.finance;
	unitId = paying.unit.id;
	const other = await makeUnit(paying.place, '8C');
	neighbourUnitId = other.id;
	const neighbourUser = await makeUser('Neighbour');
	await occupy(other.id, { userId: neighbourUser.id }, 'renter');
	neighbour = await actorFor(neighbourUser.id);

	overdueId = (await openBill(paying.unit, 12_000, addDays(today, -40))).id; // due 2026-10-31 in the fixture
	partlyPaidId = (await billDue(unitId, 50_000, -3, 'Lift repair share')).billId;
	notDueId = (await billDue(unitId, 8_000, 10)).billId;
	// The neighbour rents 8C: its bill is the renter's.
	neighbourBillId = (await openBill(other, 7_700, undefined, 'renter')).id;
	await db().insert(bills).values({
		estateId: paying.unit.estateId,
		unitId,
		party: 'owner',
		source: 'manual',
		state: 'void',
		totalMinor: 999,
		issuedOn: today,
		dueOn: today
	});
	// 20 000 of the 50 000 paid at the counter.
	counterPaymentId = (
		await recordCounterPayment(finance, {
			unitId,
			amountMinor: 20_000,
			method: 'cash',
			receiptNo: 'C-1',
			receivedOn: today,
			allocations: [{ billId: partlyPaidId, amountMinor: 20_000 }]
		})
	).paymentId;
});

describe('the resident bills page', () => {
	it('shows the balance, the open bills oldest due first with what each still owes, and flags the overdue ones', async () => {
		const page = await residentBillsPage(resident);
		expect(page.units.map((u) => u.unit.number)).toEqual(['12A']);
		const [unit] = page.units;
		expect(unit!.openBills.map((b) => [b.id, b.outstandingMinor, b.overdue])).toEqual([
			[overdueId, 12_000, true],
			[partlyPaidId, 30_000, true],
			[notDueId, 8_000, false]
		]);
		expect(unit!.dueMinor).toBe(50_000);
		expect(unit!.overdueMinor).toBe(42_000);
		expect(unit!.balanceMinor).toBe(50_000);
		expect(unit!.openBills[1]!.firstLine.nameEn).toBe('Lift repair share');
		expect(unit!.paid).toEqual([]);
	});

	it('never shows another unit: the neighbour sees only their own bill', async () => {
		const page = await residentBillsPage(neighbour);
		expect(page.units.map((u) => u.unit.id)).toEqual([neighbourUnitId]);
		expect(page.units[0]!.openBills.map((b) => b.id)).toEqual([neighbourBillId]);
	});

	it('shows credit as a negative balance once more is paid than billed', async () => {
		const { unit, resident: owner, finance: clerk } = await payingUnit('3B');
		const bill = await openBill(unit, 10_000);
		await recordCounterPayment(clerk, {
			unitId: unit.id,
			amountMinor: 15_000,
			method: 'cash',
			receiptNo: 'C-3B',
			receivedOn: today,
			billIds: [bill.id]
		});
		const [account] = (await residentBillsPage(owner)).units;
		expect(account!.openBills).toEqual([]);
		expect(account!.balanceMinor).toBe(-5_000);
		expect(account!.paid).toHaveLength(1);
		expect(account!.paid[0]!.receipts).toEqual([
			expect.objectContaining({ href: expect.stringMatching(/^\/files\/receipt\//), number: expect.stringMatching(/^R-/) })
		]);
	});

	it('lists the latest paid bills newest first, each with its receipt, and no more than the limit', async () => {
		const { unit, resident: owner, finance: clerk } = await payingUnit('5C');
		const count = HISTORY_LIMIT + 2;
		for (let i = 0; i < count; i++) {
			const bill = await openBill(unit, 1_000 + i, addDays(today, -100 + i));
			await recordCounterPayment(clerk, {
				unitId: unit.id,
				amountMinor: 1_000 + i,
				method: 'pos',
				receiptNo: `H-${i}`,
				receivedOn: today,
				billIds: [bill.id]
			});
		}
		const [account] = (await residentBillsPage(owner)).units;
		expect(account!.paid).toHaveLength(HISTORY_LIMIT);
		expect(account!.paid.map((b) => b.totalMinor)).toEqual(Array.from({ length: HISTORY_LIMIT }, (_, i) => 1_000 + count - 1 - i));
		expect(account!.paid.every((b) => b.receipts.length === 1 && b.state === 'paid')).toBe(true);
	});

	it('shows every unit a company member reaches through the company, and none after the occupancy ended', async () => {
		const { place, resident: owner } = await payingUnit('9A');
		const member = await makeUser('Member');
		const company = await makeCompany('Acme', [{ userId: member.id }]);
		const office1 = await makeUnit(place, '1801');
		const office2 = await makeUnit(place, '1802');
		await occupy(office1.id, { companyId: company.id }, 'renter');
		await occupy(office2.id, { companyId: company.id }, 'renter', '2020-01-01', addDays(today, -1));
		await openBill(office1, 4_400, undefined, 'renter');
		await openBill(office2, 5_500, undefined, 'renter');
		const page = await residentBillsPage(await actorFor(member.id));
		expect(page.units.map((u) => [u.unit.number, u.dueMinor])).toEqual([['1801', 4_400]]);
		expect((await residentBillsPage(owner)).units.map((u) => u.unit.number)).toEqual(['9A']);
	});
	it('lists the oldest open bills up to what one payment may take, and counts them all in what is due', async () => {
		const { unit, resident: owner } = await payingUnit('7D');
		const count = OPEN_BILLS_LIMIT + 3;
		for (let i = 0; i < count; i++) await openBill(unit, 100, addDays(today, -400 + i));
		const [account] = (await residentBillsPage(owner)).units;
		expect(account!.openBills).toHaveLength(OPEN_BILLS_LIMIT);
		expect(account!.moreOpen).toBe(true);
		expect(account!.dueMinor).toBe(100 * count);
		expect((await myAmountDue(owner)).totals[0]).toMatchObject({ dueMinor: 100 * count, openBills: count });
	});

	it('gives a company renting many units an index of what each owes, and one unit at a time', async () => {
		const { place } = await payingUnit('2F');
		const member = await makeUser('Floor Renter');
		const company = await makeCompany('Big Floor Ltd', [{ userId: member.id }]);
		const offices = [];
		for (let i = 1; i <= SECTIONS_LIMIT + 1; i++) {
			const office = await makeUnit(place, `20${i}`);
			await occupy(office.id, { companyId: company.id }, 'renter');
			await openBill(office, 1_000 * i, undefined, 'renter');
			offices.push(office);
		}
		const actor = await actorFor(member.id);
		const overview = await residentBillsPage(actor);
		expect(overview.units).toEqual([]);
		expect(overview.unitCount).toBe(SECTIONS_LIMIT + 1);
		expect(overview.index.map((e) => [e.unit.number, e.dueMinor, e.overdueMinor, e.openBills])).toEqual(
			offices.map((o, i) => [o.number, 1_000 * (i + 1), 1_000 * (i + 1), 1])
		);
		const one = await residentBillsPage(actor, { unitId: offices[2]!.id });
		expect(one.index).toEqual([]);
		expect(one.units.map((u) => [u.unit.number, u.dueMinor])).toEqual([['203', 3_000]]);
		expect((await thrown(() => residentBillsPage(actor, { unitId }))).status).toBe(404);
		expect((await thrown(() => residentBillsPage(actor, { unitId: 'nope' }))).status).toBe(404);
	});
});

describe('one bill, one payment', () => {
	it('itemises a bill with its lines, the payments against it and their receipts', async () => {
		const detail = await myBill(resident, partlyPaidId);
		expect(detail.bill).toMatchObject({ totalMinor: 50_000, outstandingMinor: 30_000, overdue: true, state: 'open' });
		expect(detail.unit.number).toBe('12A');
		expect(detail.lines).toEqual([
			{
				nameEn: 'Lift repair share',
				nameZhHans: 'Lift repair share',
				nameZhHant: 'Lift repair share',
				kind: null,
				quantity: '1.00',
				priceMicro: 500_000_000,
				amountMinor: 50_000,
				// Not a metered line: no readings to show.
				readings: null
			}
		]);
		expect(detail.payments).toEqual([
			expect.objectContaining({
				paymentId: counterPaymentId,
				provider: 'counter',
				state: 'succeeded',
				method: 'cash',
				amountMinor: 20_000,
				paidOn: today
			})
		]);
		expect(detail.payments[0]!.receipt?.href).toMatch(/^\/files\/receipt\//);
	});

	it('answers 404 for a bill or payment of another unit, and for a malformed id', async () => {
		expect((await thrown(() => myBill(neighbour, partlyPaidId))).status).toBe(404);
		expect((await thrown(() => myBill(resident, neighbourBillId))).status).toBe(404);
		expect((await thrown(() => myBill(resident, 'not-a-uuid'))).status).toBe(404);
		expect((await thrown(() => myPaymentDetail(neighbour, counterPaymentId))).status).toBe(404);
		const own = await myPaymentDetail(resident, counterPaymentId);
		expect(own).toMatchObject({ state: 'succeeded', amountMinor: 20_000 });
		expect(own.bills.map((b) => [b.id, b.amountMinor])).toEqual([[partlyPaidId, 20_000]]);
		expect(own.receipt?.number).toMatch(/^R-/);
	});
});

describe('the amount due', () => {
	it('adds up the open bills of all the actor units, or of one, with the overdue part', async () => {
		expect((await myAmountDue(resident)).totals).toEqual([
			{ currency: 'CNY', dueMinor: 50_000, overdueMinor: 42_000, openBills: 3, overdueBills: 2 }
		]);
		expect((await myAmountDue(resident, { unitId })).totals[0]!.dueMinor).toBe(50_000);
		// Someone else's unit is simply not among the actor's.
		expect((await myAmountDue(resident, { unitId: neighbourUnitId })).totals).toEqual([]);
		expect((await thrown(() => myAmountDue(resident, { unitId: 'x' }))).status).toBe(404);
	});
});
