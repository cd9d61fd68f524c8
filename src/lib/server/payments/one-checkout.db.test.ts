// A bill can be paid twice (security review): a second "pay" with a new idempotency key while the
// first checkout was pending opened a second checkout, and both could succeed. At most one
// checkout is open per bill (open_checkouts); a second attempt resumes it. On PostgreSQL the
// attempts below run on parallel connections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { bills, ledgerEntries, openCheckouts, payments } from '../db/schema/index.ts';
import { actorFor, makeCompany, makeUser, occupy } from '../residents/test-fixtures.ts';
import { unitBalance } from '../fees/ledger.ts';
import { setPaymentProvider } from './providers.ts';
import { sandboxProvider } from './sandbox.ts';
import { completeSandbox } from './sandbox-complete.ts';
import { startPayment } from './service.ts';
import { openBill, payingUnit } from './test-fixtures.ts';

const ORIGIN = 'http://localhost:3000';
const pay = (actor: Parameters<typeof startPayment>[0], billIds: string[]) =>
	startPayment(actor, { billIds, idempotencyKey: randomUUID(), provider: 'sandbox', origin: ORIGIN });
const refOf = (redirectUrl: string | null) => redirectUrl!.split('/').at(-1)!;

beforeAll(() => setPaymentProvider('sandbox', sandboxProvider('one-checkout-test-secret')));
afterAll(() => setPaymentProvider('sandbox', undefined));

describe('at most one open checkout per bill', () => {
	it('50 parallel attempts with different keys open one checkout, and every one of them resumes it', async () => {
		const { unit, resident } = await payingUnit();
		const bill = await openBill(unit, 33_193);
		const attempts = await Promise.all(Array.from({ length: 50 }, () => pay(resident, [bill.id])));
		expect(new Set(attempts.map((a) => a.paymentId)).size).toBe(1);
		expect(new Set(attempts.map((a) => a.redirectUrl)).size).toBe(1);
		expect(attempts.every((a) => a.state === 'pending' && a.amountMinor === 33_193)).toBe(true);
		expect(await db().select().from(payments).where(eq(payments.unitId, unit.id))).toHaveLength(1);
		expect(await db().select().from(openCheckouts).where(eq(openCheckouts.billId, bill.id))).toHaveLength(1);
	});

	it('so paying twice is impossible: the second "pay" lands on the same checkout, the bill is paid once and nothing becomes credit', async () => {
		const { unit, resident } = await payingUnit();
		const bill = await openBill(unit, 12_000);
		const first = await pay(resident, [bill.id]);
		const second = await pay(resident, [bill.id]);
		expect(second.paymentId).toBe(first.paymentId);
		expect(second.redirectUrl).toBe(first.redirectUrl);
		expect((await completeSandbox(refOf(first.redirectUrl), 'succeeded')).status).toBe(200);
		// The same page paid again changes nothing: the payment is no longer pending.
		expect(await completeSandbox(refOf(second.redirectUrl), 'succeeded')).toMatchObject({ status: 200, result: 'no_change' });
		const [row] = await db().select().from(bills).where(eq(bills.id, bill.id));
		expect(row!.state).toBe('paid');
		const entries = await db().select().from(ledgerEntries).where(eq(ledgerEntries.unitId, unit.id));
		expect(entries.filter((e) => e.kind === 'payment').map((e) => e.amountMinor)).toEqual([-12_000]);
		expect(await unitBalance(db(), unit.id)).toBe(0);
		// Paid: the bill cannot be started again.
		await expect(pay(resident, [bill.id])).rejects.toMatchObject({ field: 'billIds' });
		expect(await db().select().from(openCheckouts).where(eq(openCheckouts.billId, bill.id))).toEqual([]);
	});

	it('a colleague of the same company, or a "pay" of more bills, resumes the checkout holding one of them', async () => {
		const { unit } = await payingUnit('18F');
		const [admin, member] = [await makeUser('Admin'), await makeUser('Member')];
		const company = await makeCompany('Floor Ltd', [{ userId: admin.id, role: 'admin' }, { userId: member.id }]);
		await occupy(unit.id, { companyId: company.id }, 'renter');
		const [a, b] = [await openBill(unit, 1_000, undefined, 'renter'), await openBill(unit, 2_000, undefined, 'renter')];
		const mine = await pay(await actorFor(admin.id), [a.id]);
		const theirs = await pay(await actorFor(member.id), [a.id, b.id]);
		expect(theirs).toMatchObject({ paymentId: mine.paymentId, redirectUrl: mine.redirectUrl, amountMinor: 1_000 });
	});

	it('frees the bills when the checkout ends: after a decline a new "pay" opens a new checkout', async () => {
		const { unit, resident } = await payingUnit();
		const [a, b] = [await openBill(unit, 1_000), await openBill(unit, 2_000)];
		const first = await pay(resident, [a.id, b.id]);
		expect((await completeSandbox(refOf(first.redirectUrl), 'failed')).status).toBe(200);
		expect(
			await db()
				.select()
				.from(openCheckouts)
				.where(inArray(openCheckouts.billId, [a.id, b.id]))
		).toEqual([]);
		const next = await pay(resident, [a.id]);
		expect(next.paymentId).not.toBe(first.paymentId);
		expect(next).toMatchObject({ state: 'pending', amountMinor: 1_000 });
	});
});
