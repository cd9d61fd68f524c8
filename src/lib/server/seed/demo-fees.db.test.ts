// The demo's fees: the real billing run over seeded readings, older bills paid, Chan left with open bills.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { database, queryRows } from '../db/client.ts';
import { loadActor } from '../auth/actor.ts';
import { myBill, residentBillsPage } from '../fees/resident.ts';
import { companyBillsPage } from '../fees/company-bills.ts';
import { oneOffFeeItems } from '../fees/fee-items.ts';
import { estateZones, latestToday } from '../fees/estate-time.ts';
import { useDemoData } from '../../../../tests/demo-database.ts';

async function actorOf(email: string) {
	const [user] = await queryRows<{ id: string }>(database().db, sql`select id from users where email = ${email}`);
	return (await loadActor(user!.id, null))!;
}

describe('demo fees', () => {
	let seconds = 0;
	beforeAll(async () => {
		const started = performance.now();
		expect((await useDemoData()).seeded).toBe(true);
		seconds = (performance.now() - started) / 1000;
	}, 120_000);

	it('leaves Chan three open monthly bills (at least one overdue) and a held deposit', async () => {
		const page = await residentBillsPage(await actorOf('resident@lobby.test'));
		expect(page.units).toHaveLength(1);
		const [chan] = page.units;
		expect(chan!.unit.number).toBe('12A');
		expect(chan!.openBills.filter((b) => b.source === 'billing_run')).toHaveLength(3);
		expect(chan!.openBills.some((b) => b.overdue)).toBe(true);
		expect(chan!.openBills.some((b) => !b.overdue)).toBe(true);
		expect(chan!.dueMinor).toBe(chan!.balanceMinor);
		expect(chan!.deposits).toEqual([expect.objectContaining({ heldMinor: 300_000, name: 'Management fee deposit' })]);
		// The deposit's payment is his history, with its receipt.
		expect(chan!.paid).toHaveLength(1);
		expect(chan!.paid[0]!.receipts).toHaveLength(1);
	});

	it('pays the older periods of the other units at the counter, with receipts, and keeps a few in arrears', async () => {
		const page = await residentBillsPage(await actorOf('neighbour@lobby.test'));
		const [wong] = page.units;
		expect(wong!.openBills).toHaveLength(1);
		expect(wong!.paid).toHaveLength(2);
		expect(wong!.paid.every((b) => b.receipts.length === 1)).toBe(true);

		const today = latestToday((await estateZones(database().db)).values());
		const [counts] = await queryRows<{ open_overdue: number; paid: number; receipts: number; succeeded: number }>(
			database().db,
			sql`select
				(select count(*)::int from bills where state = 'open' and due_on < ${today}::date) as open_overdue,
				(select count(*)::int from bills where state = 'paid') as paid,
				(select count(*)::int from receipts) as receipts,
				(select count(*)::int from payments where state = 'succeeded') as succeeded`
		);
		expect(counts!.paid).toBeGreaterThan(50);
		expect(counts!.receipts).toBe(counts!.succeeded);
		// Chan's two overdue bills and the units left in arrears.
		expect(counts!.open_overdue).toBeGreaterThan(4);
	});

	it('balances every account: what the open bills owe is what the ledger says', async () => {
		const rows = await queryRows<{ unit_id: string; balance: string; open: string }>(
			database().db,
			sql`select l.unit_id, l.balance, coalesce(o.open, 0) as open from
				(select unit_id, sum(amount_minor) as balance from ledger_entries group by unit_id) l
				left join (select unit_id, sum(total_minor) as open from bills where state = 'open' group by unit_id) o on o.unit_id = l.unit_id`
		);
		expect(rows.length).toBeGreaterThan(40);
		for (const row of rows) expect(Number(row.balance)).toBe(Number(row.open));
	});

	it('bills Chan’s last period across his replaced electricity meter, showing both meters’ readings', async () => {
		const chan = await actorOf('resident@lobby.test');
		const page = await residentBillsPage(chan);
		const last = page.units[0]!.openBills.filter((b) => b.source === 'billing_run').sort((a, b) => b.period!.localeCompare(a.period!))[0]!;
		const electricity = (await myBill(chan, last.id)).lines.find((l) => l.kind === 'electricity');
		expect(electricity?.readings?.changes).toEqual([expect.objectContaining({ kind: 'replacement', startValue: '0.00' })]);
		const { previous, current, changes } = electricity!.readings!;
		// The old meter up to its final reading, the new one from zero.
		const used = Number(changes[0]!.finalValue) - Number(previous.value) + Number(current.value) - Number(changes[0]!.startValue);
		expect(Number(electricity!.quantity)).toBeCloseTo(used, 2);
	});

	it('gives Acme’s admin one total for the company’s units, and offers deposits and renovation fees on the one-off bill form', async () => {
		const admin = await actorOf('admin@acme.test');
		const company = admin.companies.find((c) => c.role === 'admin')!;
		const total = await companyBillsPage(admin, company.companyId);
		expect(total.unitCount).toBe(18);
		expect(total.estates).toHaveLength(1);
		expect(total.estates[0]!.units.length).toBeGreaterThanOrEqual(3);
		expect(total.estates[0]!.dueMinor).toBe(total.estates[0]!.units.reduce((sum, u) => sum + u.dueMinor, 0));

		const items = await oneOffFeeItems(total.estates[0]!.id, latestToday((await estateZones(database().db)).values()));
		expect(items.filter((i) => i.kind === 'deposit').map((i) => i.code)).toEqual([
			'management_deposit',
			'utilities_deposit',
			'renovation_deposit'
		]);
		expect(items.filter((i) => i.kind === 'renovation').map((i) => i.code)).toEqual([
			'renovation_management',
			'renovation_worker_pass',
			'debris_removal'
		]);
		expect(items.every((i) => i.priceMicro !== null)).toBe(true);
	});

	it('keeps the demo seed fast', () => {
		expect(seconds).toBeLessThan(30);
	});
});
