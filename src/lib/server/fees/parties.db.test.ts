// Bills go to whoever the fee item bills (domain.md): a let flat's owner gets the management fee,
// its renter the water and electricity; each sees, pays and owes only its own party's bills, while
// finance sees the unit's whole account (一戶一賬).
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { bills, estates, occupancies } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { residentUser, staffActor } from '../property/testing/fixtures.ts';
import { actorFor } from '../residents/test-fixtures.ts';
import { setPaymentProvider } from '../payments/providers.ts';
import { sandboxProvider } from '../payments/sandbox.ts';
import { startPayment } from '../payments/service.ts';
import { recordCounterPayment } from '../payments/counter.ts';
import { thrown } from '../../../../tests/request-event.ts';
import { billingEstate, reading } from './test-fixtures.ts';
import { runBilling } from './billing.ts';
import { billedParty, defaultPayer } from './parties.ts';
import { myAmountDue, myBill, residentBillsPage } from './resident.ts';
import { unitAccount } from './unit-account.ts';

const now = new Date('2026-11-01T02:00:00+08:00');
let owner: Actor;
let renter: Actor;
let finance: Actor;
let unitId: string;
let ownerBill: typeof bills.$inferSelect;
let renterBill: typeof bills.$inferSelect;

beforeAll(async () => {
	setPaymentProvider('sandbox', sandboxProvider('parties-test-secret'));
	const place = await billingEstate();
	const unit = await place.unit('80.00', 'residential', { startsOn: '2015-01-01' });
	unitId = unit.id;
	const [ownerOccupancy] = await db().select().from(occupancies).where(eq(occupancies.unitId, unit.id));
	const tenant = await residentUser('Tenant');
	await db().insert(occupancies).values({ unitId: unit.id, userId: tenant.id, role: 'renter', startsOn: '2025-09-01' });
	owner = await actorFor(ownerOccupancy!.userId!);
	renter = await actorFor(tenant.id);
	finance = await staffActor(['finance'], [place.estate.id]);
	await reading(unit.id, 'water', '2026-09-30', '100.00');
	await reading(unit.id, 'water', '2026-10-31', '110.00');
	await reading(unit.id, 'electricity', '2026-09-30', '5000.00');
	await reading(unit.id, 'electricity', '2026-10-31', '5200.00');
	const result = await runBilling({ estateId: place.estate.id, period: '2026-10', actor: null, now });
	expect(result).toMatchObject({ units: 1, bills: 2 });
	const issued = await db().select().from(bills).where(eq(bills.unitId, unit.id));
	ownerBill = issued.find((b) => b.party === 'owner')!;
	renterBill = issued.find((b) => b.party === 'renter')!;
});

describe('whom a fee item bills', () => {
	it('defaults by kind and resolves the occupant to the renter only while the unit is let', () => {
		expect(defaultPayer('management')).toBe('owner');
		expect(defaultPayer('water')).toBe('occupant');
		expect(defaultPayer('electricity')).toBe('occupant');
		expect(['deposit', 'paid_service', 'renovation'].map((k) => defaultPayer(k as 'deposit'))).toEqual([
			'requester',
			'requester',
			'requester'
		]);
		expect(billedParty('owner', true)).toBe('owner');
		expect(billedParty('occupant', true)).toBe('renter');
		expect(billedParty('occupant', false)).toBe('owner');
		expect(billedParty('requester', true, 'owner')).toBe('owner');
	});
});

describe('the billing run of a let flat', () => {
	it('issues one bill per party: the management fee to the owner, water and electricity to the renter', async () => {
		// 80 m² × 3.80 = 304.00; 10 m³ × 4.50 = 45.00 and 200 kWh × 0.68 = 136.00.
		expect(ownerBill).toMatchObject({ totalMinor: 30400, source: 'billing_run', period: '2026-10' });
		expect(renterBill).toMatchObject({ totalMinor: 4500 + 13600, source: 'billing_run', period: '2026-10' });
		const again = await runBilling({ estateId: ownerBill.estateId, period: '2026-10', actor: null, now });
		expect(again.bills).toBe(0);
		expect(
			await db()
				.select()
				.from(bills)
				.where(and(eq(bills.unitId, unitId), eq(bills.period, '2026-10')))
		).toHaveLength(2);
	});

	it('issues on the business date of the estate it bills, in the estate’s own zone', async () => {
		const place = await billingEstate();
		await db().update(estates).set({ timeZone: 'America/Los_Angeles' }).where(eq(estates.id, place.estate.id));
		const unit = await place.unit('10.00');
		await runBilling({ estateId: place.estate.id, period: '2026-09', actor: null, now });
		const [bill] = await db().select().from(bills).where(eq(bills.unitId, unit.id));
		// 02:00 on 1 November in Hong Kong is still 31 October in Los Angeles.
		expect(bill).toMatchObject({ issuedOn: '2026-10-31', dueOn: '2026-11-15' });
	});
});

describe('what each party sees and pays', () => {
	it("shows the owner the owner's bills and the renter the renter's, each with its own balance", async () => {
		const [mine] = (await residentBillsPage(owner)).units;
		expect(mine!.openBills.map((b) => b.id)).toEqual([ownerBill.id]);
		expect(mine!.balanceMinor).toBe(30400);
		expect(mine!.unit.parties).toEqual(['owner']);
		const [theirs] = (await residentBillsPage(renter)).units;
		expect(theirs!.openBills.map((b) => b.id)).toEqual([renterBill.id]);
		expect(theirs!.balanceMinor).toBe(18100);
		expect((await myAmountDue(renter)).totals[0]).toMatchObject({ dueMinor: 18100, openBills: 1 });
		expect((await thrown(() => myBill(renter, ownerBill.id))).status).toBe(404);
		expect((await thrown(() => myBill(owner, renterBill.id))).status).toBe(404);
	});

	it("lets nobody pay the other party's bill", async () => {
		await expect(
			startPayment(renter, { billIds: [ownerBill.id], idempotencyKey: randomUUID(), provider: 'sandbox', origin: 'http://localhost' })
		).rejects.toMatchObject({
			field: 'billIds'
		});
	});

	it('shows finance the whole account and each party’s part, and a counter payment of the renter stays on its part', async () => {
		await recordCounterPayment(finance, {
			unitId,
			billIds: [renterBill.id],
			amountMinor: 20000,
			method: 'cash',
			receiptNo: `P-${randomUUID()}`,
			receivedOn: '2026-11-02'
		});
		const account = await unitAccount(finance, unitId, { now: new Date('2026-11-05T12:00:00+08:00') });
		expect(account.balanceMinor).toBe(30400 - 1900);
		expect(account.partyBalances).toEqual({ owner: 30400, renter: -1900 });
		expect(account.openBills.map((b) => [b.id, b.party])).toEqual([[ownerBill.id, 'owner']]);
		expect(account.unit.let).toBe(true);
		// The renter's overpayment is the renter's credit, not the owner's.
		expect((await residentBillsPage(renter)).units[0]!.balanceMinor).toBe(-1900);
		expect((await residentBillsPage(owner)).units[0]!.balanceMinor).toBe(30400);
	});

	it("shows a new renter nothing of the previous renter's bills", async () => {
		const newcomer = await residentUser('Next tenant');
		await db()
			.update(occupancies)
			.set({ endsOn: '2026-11-30' })
			.where(and(eq(occupancies.unitId, unitId), eq(occupancies.role, 'renter')));
		await db().insert(occupancies).values({ unitId, userId: newcomer.id, role: 'renter', startsOn: '2026-11-03' });
		const page = await residentBillsPage(await actorFor(newcomer.id));
		expect(page.units[0]!.openBills).toEqual([]);
		expect(page.units[0]!.paid).toEqual([]);
		expect(page.units[0]!.balanceMinor).toBe(0);
	});
});
