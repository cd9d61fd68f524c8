import { describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import { db, queryRows } from '../db/client.ts';
import { billLines, bills, jobs, ledgerEntries } from '../db/schema/index.ts';
import { residentUser, staffActor } from '../property/testing/fixtures.ts';
import { billingEstate, countRows, reading, setPrice } from './test-fixtures.ts';
import { billingRunAt, ensureBillingRunScheduled, runBilling, runBillingJob, scheduleBillingRun } from './billing.ts';
import { ensureDefaultFeeItems } from './defaults.ts';
import { unitBalance } from './ledger.ts';

const now = new Date('2026-11-01T02:00:00+08:00');

async function billOf(unitId: string, period: string) {
	const [bill] = await db()
		.select()
		.from(bills)
		.where(and(eq(bills.unitId, unitId), eq(bills.period, period)));
	if (!bill) return null;
	const lines = await db().select().from(billLines).where(eq(billLines.billId, bill.id)).orderBy(asc(billLines.sort));
	return { ...bill, lines };
}

describe('runBilling', () => {
	it('bills 87.35 m² at 3.80 CNY/m² exactly 331.93 CNY, with a matching charge on the ledger', async () => {
		const place = await billingEstate();
		const unit = await place.unit('87.35');
		const result = await runBilling({ estateId: place.estate.id, period: '2026-10', actor: null, now });
		expect(result).toMatchObject({ units: 1, bills: 1, lines: 1, charges: 1 });
		const bill = await billOf(unit.id, '2026-10');
		expect(bill).toMatchObject({ totalMinor: 33193, state: 'open', source: 'billing_run', issuedOn: '2026-11-01', dueOn: '2026-11-16' });
		expect(bill!.lines).toMatchObject([{ quantity: '87.35', priceMicro: 3_800_000, amountMinor: 33193, nameZhHant: '物業管理費(住宅)' }]);
		const entries = await db().select().from(ledgerEntries).where(eq(ledgerEntries.unitId, unit.id));
		expect(entries).toMatchObject([{ kind: 'charge', amountMinor: 33193, billId: bill!.id, effectiveOn: '2026-11-01' }]);
		expect(await unitBalance(db(), unit.id)).toBe(33193);
	});

	it('rounds a half fen up in the database the same way as lineAmount', async () => {
		const place = await billingEstate();
		// 0.25 m² × 0.02 CNY = 0.5 fen → 1 fen
		await setPrice('management_residential', '0.02', '2026-01-01', place.estate.id);
		const small = await place.unit('0.25');
		await runBilling({ estateId: place.estate.id, period: '2026-10', actor: null, now });
		expect((await billOf(small.id, '2026-10'))!.totalMinor).toBe(1);
	});

	it('creates nothing new when run twice for the same period', async () => {
		const place = await billingEstate();
		for (let i = 0; i < 5; i++) await place.unit('70.50');
		const first = await runBilling({ estateId: place.estate.id, period: '2026-09', actor: null, now, batchSize: 2 });
		expect(first).toMatchObject({ units: 5, bills: 5, lines: 5, charges: 5, batches: 3 });
		const before = [await countRows('bills'), await countRows('bill_lines'), await countRows('ledger_entries')];
		const second = await runBilling({ estateId: place.estate.id, period: '2026-09', actor: null, now, batchSize: 2 });
		expect(second).toMatchObject({ units: 5, bills: 0, lines: 0, charges: 0 });
		// and two runs at once still issue each bill once
		await Promise.all([
			runBilling({ estateId: place.estate.id, period: '2026-09', actor: null, now }),
			runBilling({ estateId: place.estate.id, period: '2026-09', actor: null, now })
		]);
		expect([await countRows('bills'), await countRows('bill_lines'), await countRows('ledger_entries')]).toEqual(before);
		const [perUnit] = await queryRows<{ n: number }>(
			db(),
			sql`select count(*)::int as n from bills where estate_id = ${place.estate.id}::uuid and period = '2026-09'`
		);
		expect(perUnit!.n).toBe(5);
	});

	it('prices each period by the price effective on its first day, preferring the estate price', async () => {
		const place = await billingEstate();
		const other = await billingEstate();
		const unit = await place.unit('100.00');
		const otherUnit = await other.unit('100.00');
		// general prices are set in later years so the other tests keep the default 3.80
		// a general price from mid-October does not apply to October, but to November
		await setPrice('management_residential', '3.90', '2030-10-15');
		// this estate's own price from November wins over the general one
		await setPrice('management_residential', '4.00', '2030-11-01', place.estate.id);
		for (const period of ['2030-10', '2030-11']) await runBilling({ period, actor: null, now, estateId: place.estate.id });
		for (const period of ['2030-10', '2030-11']) await runBilling({ period, actor: null, now, estateId: other.estate.id });
		expect((await billOf(unit.id, '2030-10'))!.totalMinor).toBe(38000);
		expect((await billOf(unit.id, '2030-11'))!.totalMinor).toBe(40000);
		expect((await billOf(otherUnit.id, '2030-10'))!.totalMinor).toBe(38000);
		expect((await billOf(otherUnit.id, '2030-11'))!.totalMinor).toBe(39000);
	});

	it('prefers an older estate price over a newer general one', async () => {
		const place = await billingEstate();
		const unit = await place.unit('10.00');
		await setPrice('management_residential', '3.50', '2025-01-01', place.estate.id);
		await setPrice('management_residential', '3.95', '2031-06-01');
		await runBilling({ period: '2031-12', actor: null, now, estateId: place.estate.id });
		expect((await billOf(unit.id, '2031-12'))!.totalMinor).toBe(3500);
	});

	it('charges the management fee of the unit’s use only', async () => {
		const place = await billingEstate();
		const home = await place.unit('50.00', 'residential');
		const office = await place.unit('50.00', 'office');
		const shop = await place.unit('20.10', 'retail');
		await runBilling({ period: '2026-10', actor: null, now, estateId: place.estate.id });
		expect((await billOf(home.id, '2026-10'))!.lines.map((l) => [l.nameEn, l.amountMinor])).toEqual([
			['Management fee (residential)', 19000]
		]);
		expect((await billOf(office.id, '2026-10'))!.lines.map((l) => [l.nameEn, l.amountMinor])).toEqual([['Management fee (office)', 62500]]);
		// 20.10 × 12.50 = 251.25
		expect((await billOf(shop.id, '2026-10'))!.lines.map((l) => [l.nameEn, l.amountMinor])).toEqual([['Management fee (retail)', 25125]]);
	});

	it('bills water and electricity from the last reading in the period minus the last one before it', async () => {
		const place = await billingEstate();
		const unit = await place.unit('80.00');
		await reading(unit.id, 'water', '2026-08-31', '90.00');
		await reading(unit.id, 'water', '2026-09-28', '100.00');
		await reading(unit.id, 'water', '2026-10-15', '105.00');
		await reading(unit.id, 'water', '2026-10-31', '112.50');
		await reading(unit.id, 'water', '2026-11-02', '120.00');
		// electricity has no reading before October: no line
		await reading(unit.id, 'electricity', '2026-10-31', '500.00');
		await runBilling({ period: '2026-10', actor: null, now, estateId: place.estate.id });
		const bill = await billOf(unit.id, '2026-10');
		expect(bill!.lines.map((l) => [l.nameEn, l.quantity, l.amountMinor])).toEqual([
			['Management fee (residential)', '80.00', 30400],
			// 12.50 m³ × 4.50 = 56.25
			['Water', '12.50', 5625]
		]);
		expect(bill!.totalMinor).toBe(30400 + 5625);

		// November: electricity 500.00 → 733.33 kWh × 0.68 = 158.6644 → 158.66; water 112.50 → 120.00
		await reading(unit.id, 'electricity', '2026-11-30', '733.33');
		await runBilling({ period: '2026-11', actor: null, now, estateId: place.estate.id });
		const november = await billOf(unit.id, '2026-11');
		expect(november!.lines.map((l) => [l.nameEn, l.quantity, l.amountMinor])).toEqual([
			['Management fee (residential)', '80.00', 30400],
			['Water', '7.50', 3375],
			['Electricity', '233.33', 15866]
		]);
	});

	it('skips an energy line when the meter went backwards (replaced meter)', async () => {
		const place = await billingEstate();
		const unit = await place.unit('10.00');
		await reading(unit.id, 'water', '2026-09-30', '900.00');
		await reading(unit.id, 'water', '2026-10-31', '3.00');
		await runBilling({ period: '2026-10', actor: null, now, estateId: place.estate.id });
		expect((await billOf(unit.id, '2026-10'))!.lines.map((l) => l.nameEn)).toEqual(['Management fee (residential)']);
	});

	it('bills only units occupied during the period', async () => {
		const place = await billingEstate();
		const vacant = await place.unit('10.00', 'residential', null);
		const leftBefore = await place.unit('10.00', 'residential', { startsOn: '2024-01-01', endsOn: '2026-09-30' });
		const leftDuring = await place.unit('10.00', 'residential', { startsOn: '2024-01-01', endsOn: '2026-10-10' });
		const movedInDuring = await place.unit('10.00', 'residential', { startsOn: '2026-10-31' });
		const movesInLater = await place.unit('10.00', 'residential', { startsOn: '2026-11-01' });
		const result = await runBilling({ period: '2026-10', actor: null, now, estateId: place.estate.id });
		expect(result).toMatchObject({ units: 2, bills: 2 });
		expect(await billOf(vacant.id, '2026-10')).toBeNull();
		expect(await billOf(leftBefore.id, '2026-10')).toBeNull();
		expect(await billOf(movesInLater.id, '2026-10')).toBeNull();
		expect(await billOf(leftDuring.id, '2026-10')).not.toBeNull();
		expect(await billOf(movedInDuring.id, '2026-10')).not.toBeNull();
	});

	it('lets finance run it for their estates only', async () => {
		const place = await billingEstate();
		const elsewhere = await billingEstate();
		const mine = await place.unit('10.00');
		const notMine = await elsewhere.unit('10.00');
		const engineer = await staffActor(['engineering'], [place.estate.id]);
		await expect(runBilling({ period: '2026-10', actor: engineer, now })).rejects.toMatchObject({ status: 403 });
		const finance = await staffActor(['finance'], [place.estate.id]);
		await expect(runBilling({ period: '2026-10', actor: finance, now, estateId: elsewhere.estate.id })).rejects.toMatchObject({
			status: 403
		});
		await runBilling({ period: '2026-10', actor: finance, now });
		expect((await billOf(mine.id, '2026-10'))!.createdBy).toBe(finance.userId);
		expect(await billOf(notMine.id, '2026-10')).toBeNull();
	});

	it('refuses a malformed period', async () => {
		await expect(runBilling({ period: '2026-13', actor: null, now })).rejects.toThrow(RangeError);
	});

	it('keeps ledger entries append-only', async () => {
		const place = await billingEstate();
		const unit = await place.unit('10.00');
		await runBilling({ period: '2026-10', actor: null, now, estateId: place.estate.id });
		await expect(db().update(ledgerEntries).set({ amountMinor: 1 }).where(eq(ledgerEntries.unitId, unit.id))).rejects.toThrow();
		await expect(db().delete(ledgerEntries).where(eq(ledgerEntries.unitId, unit.id))).rejects.toThrow();
		await expect(db().execute(sql`truncate ledger_entries cascade`)).rejects.toThrow();
		expect(await unitBalance(db(), unit.id)).toBe(3800);
	});
});

describe('the billing-run job', () => {
	it('bills its period and schedules the next month once', async () => {
		const place = await billingEstate();
		const unit = await place.unit('10.00');
		const context = { job: {} as never, now, db: db() };
		await runBillingJob({ period: '2026-10', estateId: place.estate.id }, context);
		await runBillingJob({ period: '2026-10', estateId: place.estate.id }, context);
		expect(await billOf(unit.id, '2026-10')).not.toBeNull();
		const next = await db()
			.select()
			.from(jobs)
			.where(eq(jobs.dedupeKey, `fees.billing-run:${place.estate.id}:2026-11`));
		expect(next).toHaveLength(1);
		expect(next[0]).toMatchObject({ kind: 'fees.billing-run', payload: { period: '2026-11', estateId: place.estate.id } });
		expect(next[0]!.runAt.toISOString()).toBe('2026-11-30T18:00:00.000Z'); // 1 December 02:00 in the estate (UTC+8)
		// Each estate at 02:00 on the 1st in its own zone.
		expect(billingRunAt('2026-12', { id: place.estate.id, timeZone: 'Asia/Shanghai' }).toISOString()).toBe('2026-12-31T18:00:00.000Z');
		expect(billingRunAt('2026-12', { id: place.estate.id, timeZone: 'Europe/London' }).toISOString()).toBe('2027-01-01T02:00:00.000Z');
	});

	it('is scheduled at start for the current month of every estate, once', async () => {
		const place = await billingEstate();
		expect(await ensureBillingRunScheduled(db(), new Date('2027-03-05T10:00:00Z'))).toBe(true);
		expect(await ensureBillingRunScheduled(db(), new Date('2027-03-20T10:00:00Z'))).toBe(false);
		await db()
			.update(jobs)
			.set({ doneAt: new Date() })
			.where(eq(jobs.dedupeKey, `fees.billing-run:${place.estate.id}:2027-03`));
		expect(await scheduleBillingRun(db(), '2027-03', place.estate)).toBe(false);
	});
});

describe('defaults', () => {
	it('seeds the fee items once and leaves an admin’s table alone', async () => {
		expect(await ensureDefaultFeeItems(db())).toBe(0); // seeded by the tests above
		const [row] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from fee_items`);
		// five monthly items, two deposits (management fee, water and electricity) and the renovation fee
		// schedule (deposit, management fee, worker pass, debris removal), and the five service
		// applications' fees (door lock, telephone line, parking, signage, after-hours air-conditioning)
		expect(row!.n).toBe(16);
	});
});

// A large estate in one run: 5 000 units are one batch whose plan must stay linear (billing.ts). On
// PGlite (the small office's database, ~6× slower here) 1 200 units in batches of 500 check the same
// sums and the keyset paging across batches; bench:bills measures the big runs.
const large = process.env.TEST_DB === 'postgres' ? { units: 5000, batchSize: undefined } : { units: 1200, batchSize: 500 };

describe('a large estate', () => {
	it(`bills ${large.units} occupied units in one run, once`, { timeout: 120_000 }, async () => {
		const place = await billingEstate();
		// set-based fixtures: units and occupancies straight from generate_series
		const [floor] = await queryRows<{ id: string }>(db(), sql`select id from floors where building_id = ${place.building.id}::uuid`);
		await db().execute(sql`
			insert into units (estate_id, building_id, floor_id, number, area_m_2, use)
			select ${place.estate.id}::uuid, ${place.building.id}::uuid, ${floor!.id}::uuid, 'T' || g, 50 + (g % 100) + (g % 7) / 100.0, 'residential'
			from generate_series(1, ${large.units}::int) g`);
		const resident = (await residentUser()).id;
		await db().execute(sql`
			insert into occupancies (unit_id, user_id, role, starts_on)
			select id, ${resident}::uuid, 'owner', '2024-01-01' from units where estate_id = ${place.estate.id}::uuid and number like 'T%'`);
		const run = { period: '2026-10', actor: null, now, estateId: place.estate.id, batchSize: large.batchSize };
		const first = await runBilling(run);
		const again = await runBilling(run);
		console.log(`billing run, ${large.units} units: ${first.ms} ms (${first.batches} batches); repeat: ${again.ms} ms`);
		expect(first.bills).toBe(large.units);
		expect(first.charges).toBe(large.units);
		expect(first.batches).toBeGreaterThanOrEqual(Math.ceil(large.units / (large.batchSize ?? 5000)));
		expect(again.bills).toBe(0);
		const [sum] = await queryRows<{ bills: string; ledger: string }>(
			db(),
			sql`select (select sum(total_minor) from bills where estate_id = ${place.estate.id}::uuid)::bigint as bills,
				(select sum(amount_minor) from ledger_entries le join units u on u.id = le.unit_id where u.estate_id = ${place.estate.id}::uuid)::bigint as ledger`
		);
		expect(sum!.bills).toBe(sum!.ledger);
	});
});
