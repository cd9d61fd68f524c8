/**
 * Three months of fees for the demo, so that the resident bills pages and the finance pages have
 * something to show on a fresh start:
 *
 * - water and electricity readings at the end of each of the last four months, for every unit;
 * - the real billing run for the last three periods (the oldest two billed on the 1st of the next
 *   month, the last one a few days ago, so it is not yet due), each estate at 02:00 in its zone:
 *   a let flat's owner gets the management fee, its renter the water and electricity;
 * - the two older periods paid at the counter (the ledger's entries, allocations and receipts, as
 *   applyPayment writes them), except a few units left in arrears; the last period open everywhere;
 * - Chan Tai Man (resident@lobby.test, HVG A-12A) pays nothing: three open bills, two of them
 *   overdue — and a management fee deposit paid when he moved in, held ever since. His electricity
 *   meter was replaced in the middle of the last period: that bill shows both meters' readings;
 * - the fee items include deposits and the renovation fee schedule (fees/defaults.ts), which the
 *   one-off bill form of a unit's account offers.
 *
 * Deterministic: units are taken in address order and amounts come from a seeded PRNG. The receipt
 * rows are written without their issue jobs: their PDFs are rendered when first opened, and a fresh
 * demo sends no receipt emails.
 *
 * Runs after the demo seed's transaction has committed: the billing run opens transactions of its own.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { bills, buildings, estates, feeItems, floors, meterChanges, meterReadings, occupancies, units, users } from '../db/schema/index.ts';
import { addDays, addMonths, firstDay, lastDay, localInstant, monthOf } from '#lib/time/index.ts';
import { runBilling } from '../fees/billing.ts';
import { ensureDefaultFeeItems } from '../fees/defaults.ts';
import { estateZones, latestToday } from '../fees/estate-time.ts';
import { issueBill } from '../fees/issue-bill.ts';
import { demoResident } from './demo-data.ts';
import { seededRandom } from './random.ts';

/** Every n-th billed unit (in address order) leaves its middle period unpaid: arrears for the finance pages. */
const ARREARS_EVERY = 9;
/** Chan's deposit: three months of management fees, paid when he moved in. */
const CHAN_DEPOSIT_MAJOR = 3000;

export interface DemoFeesOutcome {
	readings: number;
	bills: number;
	payments: number;
}

export async function seedDemoFees(now: Date = new Date()): Promise<DemoFeesOutcome> {
	await ensureDefaultFeeItems(db());
	const zones = [...(await estateZones(db())).values()];
	const today = latestToday(zones, now);
	const current = monthOf(today);
	const periods = [-3, -2, -1].map((n) => addMonths(current, n));

	// Units in address order (ids are random per machine).
	const unitRows = await db()
		.select({ id: units.id, areaM2: units.areaM2, use: units.use })
		.from(units)
		.innerJoin(estates, eq(estates.id, units.estateId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(floors, eq(floors.id, units.floorId))
		.orderBy(asc(estates.code), asc(buildings.code), asc(floors.level), asc(units.number));

	const [chan] = await db()
		.select({ unitId: occupancies.unitId })
		.from(occupancies)
		.innerJoin(users, eq(users.id, occupancies.userId))
		.where(eq(users.email, demoResident.email));

	// Month-end readings of the last four months: a meter keeps counting up from where it stood —
	// except Chan's electricity meter, replaced in the middle of the last period (meter_changes):
	// his last bill charges the old meter up to its final reading and the new one from zero.
	const random = seededRandom(20_261_101);
	const readingDays = [addMonths(current, -4), ...periods].map((p) => lastDay(p));
	const readings: (typeof meterReadings.$inferInsert)[] = [];
	const changes: (typeof meterChanges.$inferInsert)[] = [];
	for (const unit of unitRows) {
		const area = Number(unit.areaM2);
		const office = unit.use !== 'residential';
		let water = Math.round(200 + random() * 3000);
		let power = Math.round(2000 + random() * 40000);
		// What the electricity meter in place shows less than the one the unit started with.
		let replacedAt = 0;
		for (const [k, readOn] of readingDays.entries()) {
			readings.push({ unitId: unit.id, meter: 'water', readOn, value: water.toFixed(2) });
			readings.push({ unitId: unit.id, meter: 'electricity', readOn, value: (power - replacedAt).toFixed(2) });
			water += Math.round((office ? 3 + random() * 8 : 8 + random() * 14) * 100) / 100;
			const used = Math.round(area * (office ? 6 + random() * 5 : 1.5 + random() * 2) * 100) / 100;
			if (unit.id === chan?.unitId && k === readingDays.length - 2) {
				// Off on the 15th, having counted half the month's use; the new meter starts at 0.
				replacedAt = power + Math.round(used * 50) / 100;
				changes.push({
					unitId: unit.id,
					meter: 'electricity',
					kind: 'replacement',
					changedOn: addDays(firstDay(periods[2]!), 14),
					finalValue: replacedAt.toFixed(2),
					startValue: '0.00',
					note: 'Faulty meter replaced 故障電錶更換'
				});
			}
			power += used;
		}
	}
	for (let i = 0; i < readings.length; i += 1000) {
		await db()
			.insert(meterReadings)
			.values(readings.slice(i, i + 1000))
			.onConflictDoNothing();
	}
	if (changes.length) await db().insert(meterChanges).values(changes).onConflictDoNothing();

	// The billing run as the monthly job does it; the last period was billed a few days ago.
	const lastIssue = [addDays(today, -5), firstDay(current)].sort().at(-1)!;
	let billCount = 0;
	for (const period of periods) {
		const issuedOn = period === periods[2] ? lastIssue : firstDay(addMonths(period, 1));
		for (const estate of zones) {
			const at = localInstant(issuedOn, 2 * 60, estate.timeZone);
			billCount += (await runBilling({ period, estateId: estate.id, actor: null, now: at })).bills;
		}
	}

	const [finance] = await db().select({ id: users.id }).from(users).where(eq(users.email, 'finance@lobby.test'));
	const financeId = finance?.id ?? null;

	// The two older periods, paid at the counter a few days before they were due.
	const unitOrder = new Map(unitRows.map((u, i) => [u.id, i]));
	const older = await db()
		.select({ id: bills.id, unitId: bills.unitId, period: bills.period, dueOn: bills.dueOn })
		.from(bills)
		.where(and(eq(bills.source, 'billing_run'), inArray(bills.period, periods.slice(0, 2))));
	const billedUnits = [...new Set(older.map((b) => b.unitId))].sort((a, b) => unitOrder.get(a)! - unitOrder.get(b)!);
	const inArrears = new Set(billedUnits.filter((id, i) => id !== chan?.unitId && i % ARREARS_EVERY === ARREARS_EVERY - 1));
	const toPay = older
		.filter((b) => b.unitId !== chan?.unitId && !(inArrears.has(b.unitId) && b.period === periods[1]))
		.sort((a, b) => a.period!.localeCompare(b.period!) || unitOrder.get(a.unitId)! - unitOrder.get(b.unitId)!);
	const methods = ['bank_transfer', 'cash', 'pos'] as const;

	const counterPayments: CounterRow[] = toPay.map((bill, i) => ({
		billId: bill.id,
		receivedOn: [addDays(bill.dueOn, -(1 + (i % 6))), today].sort()[0]!,
		receiptNo: `DEMO-${bill.period}-${String(i + 1).padStart(3, '0')}`,
		method: methods[i % methods.length]!
	}));

	await db().transaction(async (tx) => {
		// Chan's deposit, issued and paid the day he moved in.
		if (chan) {
			const [occupancy] = await tx
				.select({ startsOn: occupancies.startsOn })
				.from(occupancies)
				.where(eq(occupancies.unitId, chan.unitId))
				.orderBy(asc(occupancies.startsOn))
				.limit(1);
			const movedIn = occupancy?.startsOn ?? firstDay(addMonths(current, -12));
			// The deposit item of the defaults (fees/defaults.ts), at three months' fees.
			const [item] = await tx
				.select({ id: feeItems.id, nameEn: feeItems.nameEn, nameZhHans: feeItems.nameZhHans, nameZhHant: feeItems.nameZhHant })
				.from(feeItems)
				.where(eq(feeItems.code, 'management_deposit'));
			const deposit = await issueBill(tx, {
				unitId: chan.unitId,
				payer: { party: 'owner' },
				source: 'deposit',
				lines: [
					{
						feeItemId: item?.id ?? null,
						nameEn: item?.nameEn ?? 'Management fee deposit',
						nameZhHans: item?.nameZhHans ?? '管理费押金',
						nameZhHant: item?.nameZhHant ?? '管理費按金',
						quantity: '1',
						priceMicro: CHAN_DEPOSIT_MAJOR * 1_000_000
					}
				],
				issuedOn: movedIn,
				dueOn: movedIn,
				actorId: financeId,
				note: 'move-in deposit'
			});
			counterPayments.unshift({ billId: deposit.billId, receivedOn: movedIn, receiptNo: 'DEMO-DEPOSIT-001', method: 'bank_transfer' });
		}
		await payInFull(tx, counterPayments, financeId);
	});
	return { readings: readings.length, bills: billCount, payments: counterPayments.length };
}

interface CounterRow {
	billId: string;
	receivedOn: string;
	receiptNo: string;
	method: string;
}

/**
 * Each bill paid in full by one counter payment, set-based (one statement for a hundred payments
 * instead of a dozen per payment: the demo seed runs before every end-to-end run). It writes what
 * the ledger's applyPayment writes for a succeeded payment — the payment succeeded and settled on
 * the day received, its allocation, one negative 'payment' entry, the bill paid — and a receipt
 * row, numbered in the order given. The bills must be fresh (nothing paid on them yet).
 */
export async function payInFull(tx: Executor, rows: readonly CounterRow[], financeId: string | null): Promise<void> {
	if (rows.length === 0) return;
	const chosen = sql.join(
		rows.map((r, i) => sql`(${r.billId}::uuid, ${r.receivedOn}::date, ${r.receiptNo}, ${r.method}, ${i}::int)`),
		sql`, `
	);
	await tx.execute(sql`
		with chosen (bill_id, received_on, receipt_no, method, ord) as (values ${chosen}),
		paid as (
			-- Settled at 11:00 on the day received, in the estate of the bill.
			select c.*, b.unit_id, b.party, b.total_minor, b.currency,
				(c.received_on + time '11:00') at time zone e.time_zone as settled_at
			from chosen c join bills b on b.id = c.bill_id and b.state = 'open' join estates e on e.id = b.estate_id
		),
		new_payments as (
			insert into payments (unit_id, party, provider, state, amount_minor, currency, idempotency_key, method, counter_receipt_no, received_on, created_by, settled_at)
			select unit_id, party, 'counter', 'succeeded', total_minor, currency, 'demo:' || receipt_no, method, receipt_no, received_on, ${financeId}::uuid, settled_at
			from paid order by ord
			returning id, counter_receipt_no
		),
		allocations as (
			insert into payment_allocations (payment_id, bill_id, amount_minor)
			select np.id, p.bill_id, p.total_minor from new_payments np join paid p on p.receipt_no = np.counter_receipt_no
		),
		entries as (
			insert into ledger_entries (unit_id, party, kind, amount_minor, currency, payment_id, effective_on, created_by)
			select p.unit_id, p.party, 'payment', -p.total_minor, p.currency, np.id, p.received_on, ${financeId}::uuid
			from new_payments np join paid p on p.receipt_no = np.counter_receipt_no
		),
		bills_paid as (
			update bills b set state = 'paid', paid_at = p.settled_at from paid p where b.id = p.bill_id
		)
		insert into receipts (payment_id)
		select np.id from new_payments np join paid p on p.receipt_no = np.counter_receipt_no order by p.ord`);
}
