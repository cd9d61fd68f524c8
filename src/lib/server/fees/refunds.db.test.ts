import { describe, expect, it } from 'vitest';
import { inputErrorOf, statusOf } from '../../../../tests/request-event.ts';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, events, ledgerEntries, notifications, occupancies, refunds } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import { staffActor } from '../property/testing/fixtures.ts';
import { StaleStateError } from '#lib/server/kernel/input-error.ts';
import { initialRefundState, refundCapacities, refundMachine, type RefundState } from './refund-machine.ts';
import { billingEstate, payment } from './test-fixtures.ts';
import { issueBill } from './issue-bill.ts';
import { applyPayment, unitBalance } from './ledger.ts';
import { depositsHeld } from './deposits.ts';
import { saveFeeSettings, DEFAULT_FEE_SETTINGS } from './settings.ts';
import { addDays } from '#lib/time/index.ts';
import { fixtureToday } from './test-fixtures.ts';
import { decideRefund, listRefunds, markRefundPaid, refundDetail, refundFormContext, requestRefund } from './refunds.ts';

const today = fixtureToday();

async function paid(unitId: string, billId: string | null, amountMinor: number) {
	const p = await payment(unitId, amountMinor);
	await db().transaction((tx) =>
		applyPayment(tx, {
			unitId,
			paymentId: p.id,
			amountMinor,
			allocations: billId ? [{ billId, amountMinor }] : [],
			effectiveOn: '2026-10-05'
		})
	);
}

/** An estate with a unit whose renovation deposit of `depositMinor` was paid, and its staff. */
async function setUp(depositMinor = 500000) {
	const place = await billingEstate();
	const unit = await place.unit('80.00');
	const deposit = await db().transaction((tx) =>
		issueBill(tx, {
			unitId: unit.id,
			payer: { party: 'owner' },
			source: 'deposit',
			lines: [
				{
					feeItemId: null,
					nameEn: 'Renovation deposit',
					nameZhHans: '装修押金',
					nameZhHant: '裝修按金',
					quantity: '1',
					priceMicro: depositMinor * 10_000
				}
			],
			issuedOn: '2026-10-01',
			actorId: null
		})
	);
	await paid(unit.id, deposit.billId, depositMinor);
	const estateIds = [place.estate.id];
	const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.unitId, unit.id));
	return {
		place,
		unit,
		depositBillId: deposit.billId,
		residentId: occupancy!.userId!,
		finance: await staffActor(['finance'], estateIds),
		manager: await staffActor(['manager'], estateIds),
		service: await staffActor(['customer_service'], estateIds)
	};
}

const entriesOf = (unitId: string) =>
	db()
		.select({
			kind: ledgerEntries.kind,
			amountMinor: ledgerEntries.amountMinor,
			note: ledgerEntries.note,
			effectiveOn: ledgerEntries.effectiveOn
		})
		.from(ledgerEntries)
		.where(eq(ledgerEntries.unitId, unitId))
		.orderBy(asc(ledgerEntries.id));

describe('the refund rules as data', () => {
	it('send a refund above the threshold for approval and approve a smaller one at once', () => {
		expect(initialRefundState(100001, 100000)).toEqual({ state: 'requested', needsApproval: true });
		expect(initialRefundState(100000, 100000)).toEqual({ state: 'approved', needsApproval: false });
	});

	it('offer approval to an approver who did not request it, and the payout to the counter or finance', async () => {
		const manager = await staffActor(['manager'], []);
		const finance = await staffActor(['finance'], []);
		const open = (actor: Actor, refund: { state: RefundState; requestedBy: string }) =>
			refundMachine.open(refund.state, refundCapacities(actor, refund));
		const byFinance = { state: 'requested' as const, requestedBy: finance.userId };
		expect(open(manager, byFinance)).toEqual(['approve', 'reject']);
		// Four eyes: the requester is never the approver.
		expect(open(manager, { ...byFinance, requestedBy: manager.userId })).toEqual([]);
		expect(() => refundMachine.take('requested', 'approve', refundCapacities(manager, { requestedBy: manager.userId }))).toThrow(
			expect.objectContaining({ status: 403 })
		);
		expect(open(finance, byFinance)).toEqual([]);
		expect(open(finance, { ...byFinance, state: 'approved' })).toEqual(['pay']);
	});
});

describe('a deposit refund', () => {
	it('goes requested → approved → paid, releasing the deposit minus deductions on the ledger, net zero', async () => {
		const { unit, depositBillId, residentId, finance, manager } = await setUp(500000);
		const context = await refundFormContext(finance, unit.id);
		expect(context.deposits.map((d) => [d.billId, d.heldMinor])).toEqual([[depositBillId, 500000]]);

		const deductions = [
			{ reason: 'Broken lobby tile', amountMinor: 35000 },
			{ reason: 'Debris removal', amountMinor: 12050 }
		];
		const { refundId, state } = await requestRefund(finance, {
			unitId: unit.id,
			kind: 'deposit',
			depositBillId,
			deductions,
			reason: 'Renovation accepted'
		});
		expect(state).toBe('requested');
		const [row] = await db().select().from(refunds).where(eq(refunds.id, refundId));
		expect(row).toMatchObject({ grossMinor: 500000, payoutMinor: 452950, needsApproval: true, deductions, requestedBy: finance.userId });
		// The estate's manager hears about it; nothing is on the ledger yet.
		const asked = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, manager.userId), eq(notifications.kind, 'refund.approval')));
		expect(asked).toHaveLength(1);
		expect(asked[0]!.link).toBe(`/staff/fees/refunds/${refundId}`);
		expect((await entriesOf(unit.id)).map((e) => e.kind)).toEqual(['charge', 'payment']);
		// The deposit cannot be asked for twice while this one is open.
		expect(
			(await inputErrorOf(() => requestRefund(finance, { unitId: unit.id, kind: 'deposit', depositBillId, reason: 'Again' }))).field
		).toBe('source');
		// The counter cannot pay it before it is approved.
		expect(await inputErrorOf(() => markRefundPaid(finance, refundId, { method: 'bank_transfer', paidOn: today }))).toBeInstanceOf(
			StaleStateError
		);

		expect(await decideRefund(manager, refundId, { decision: 'approve', note: '' })).toBe('approved');
		await markRefundPaid(finance, refundId, { method: 'bank_transfer', paidOn: today });

		const entries = await entriesOf(unit.id);
		expect(entries.slice(2)).toEqual([
			{ kind: 'deposit_refund', amountMinor: -500000, note: expect.stringMatching(/^F\d{6}$/), effectiveOn: today },
			{ kind: 'deduction', amountMinor: 35000, note: 'Broken lobby tile', effectiveOn: today },
			{ kind: 'deduction', amountMinor: 12050, note: 'Debris removal', effectiveOn: today },
			{ kind: 'refund', amountMinor: 452950, note: expect.stringMatching(/^F\d{6}$/), effectiveOn: today }
		]);
		expect(await unitBalance(db(), unit.id)).toBe(0);
		const [held] = await depositsHeld(db(), [unit.id]);
		expect(held).toMatchObject({ paidMinor: 500000, releasedMinor: 500000, heldMinor: 0 });

		const timeline = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectType, 'refund'), eq(events.subjectId, refundId)))
			.orderBy(asc(events.id));
		expect(timeline.map((e) => [e.kind, e.fromState, e.toState])).toEqual([
			['request', null, 'requested'],
			['approve', 'requested', 'approved'],
			['pay', 'approved', 'paid']
		]);
		const audited = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, refundId));
		expect(audited.map((a) => a.action).sort()).toEqual(['refund.approve', 'refund.pay', 'refund.request']);
		const told = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, residentId), eq(notifications.kind, 'refund.paid')));
		expect(told).toHaveLength(1);
		expect(told[0]!.title).toBe('Your refund of ¥4,529.50 has been paid');
		// Paid once: a second payout is refused, and the ledger is unchanged.
		expect(await inputErrorOf(() => markRefundPaid(finance, refundId, { method: 'cash', paidOn: today }))).toBeInstanceOf(StaleStateError);
		expect(await entriesOf(unit.id)).toHaveLength(6);
	});

	it('is approved at once when the payout is within the threshold, and never approved by its requester', async () => {
		const { unit, depositBillId, finance, manager } = await setUp(150000);
		// All but 500.00 deducted: 1,000.00 paid out is within the default threshold of 1,000.00.
		const small = await requestRefund(finance, {
			unitId: unit.id,
			kind: 'deposit',
			depositBillId,
			deductions: [{ reason: 'Damage', amountMinor: 50000 }],
			reason: 'Move-out'
		});
		expect(small.state).toBe('approved');
		expect(await db().select().from(notifications).where(eq(notifications.userId, manager.userId))).toHaveLength(0);

		const other = await setUp(300000);
		const big = await requestRefund(other.manager, {
			unitId: other.unit.id,
			kind: 'deposit',
			depositBillId: other.depositBillId,
			reason: 'Move-out'
		});
		expect(big.state).toBe('requested');
		expect(await statusOf(() => decideRefund(other.manager, big.refundId, { decision: 'approve', note: '' }))).toBe(403);
		const secondManager = await staffActor(['manager'], [other.place.estate.id]);
		expect(await decideRefund(secondManager, big.refundId, { decision: 'approve', note: 'Checked' })).toBe('approved');
	});

	it('refuses deductions above the deposit, and a rejection needs a reason and frees the deposit again', async () => {
		const { unit, depositBillId, finance } = await setUp(200000);
		const tooMuch = await inputErrorOf(() =>
			requestRefund(finance, {
				unitId: unit.id,
				kind: 'deposit',
				depositBillId,
				deductions: [{ reason: 'Wall', amountMinor: 200001 }],
				reason: 'Move-out'
			})
		);
		expect(tooMuch.field).toBe('deductionAmount');
		expect(tooMuch.message).toContain('¥2,000.00');
		// Everything deducted: payout 0, still a refund to approve and pay (the ledger nets to zero).
		const all = await requestRefund(finance, {
			unitId: unit.id,
			kind: 'deposit',
			depositBillId,
			deductions: [{ reason: 'Wall', amountMinor: 200000 }],
			reason: 'Move-out'
		});
		expect(all.state).toBe('approved');
		await markRefundPaid(finance, all.refundId, { method: 'cash', paidOn: today });
		expect((await entriesOf(unit.id)).slice(2).map((e) => [e.kind, e.amountMinor])).toEqual([
			['deposit_refund', -200000],
			['deduction', 200000]
		]);

		const other = await setUp(300000);
		const { refundId } = await requestRefund(other.finance, {
			unitId: other.unit.id,
			kind: 'deposit',
			depositBillId: other.depositBillId,
			reason: 'Move-out'
		});
		expect((await inputErrorOf(() => decideRefund(other.manager, refundId, { decision: 'reject', note: '  ' }))).field).toBe('note');
		expect(await decideRefund(other.manager, refundId, { decision: 'reject', note: 'Inspection not done yet' })).toBe('rejected');
		expect(await inputErrorOf(() => markRefundPaid(other.finance, refundId, { method: 'cash', paidOn: today }))).toBeInstanceOf(
			StaleStateError
		);
		const told = await db()
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, other.finance.userId), eq(notifications.kind, 'refund.rejected')));
		expect(told).toHaveLength(1);
		// Rejected: the deposit may be asked for again.
		expect((await refundFormContext(other.finance, other.unit.id)).deposits).toHaveLength(1);
	});
});

describe('a credit refund', () => {
	it('pays back at most the credit not already promised, as one refund entry', async () => {
		const { unit, finance } = await setUp(10000);
		await paid(unit.id, null, 30000); // an overpayment: 300.00 credit
		expect(await unitBalance(db(), unit.id)).toBe(-30000);
		expect(
			(
				await inputErrorOf(() =>
					requestRefund(finance, { unitId: unit.id, kind: 'credit', party: 'owner', amountMinor: 30001, reason: 'Overpaid' })
				)
			).field
		).toBe('amount');
		const first = await requestRefund(finance, { unitId: unit.id, kind: 'credit', party: 'owner', amountMinor: 20000, reason: 'Overpaid' });
		expect(first.state).toBe('approved');
		expect((await refundFormContext(finance, unit.id)).credits).toEqual([{ party: 'owner', creditMinor: 10000 }]);
		expect(
			(
				await inputErrorOf(() =>
					requestRefund(finance, { unitId: unit.id, kind: 'credit', party: 'owner', amountMinor: 10001, reason: 'Rest' })
				)
			).field
		).toBe('amount');
		// Deductions belong to deposits.
		expect(
			(
				await inputErrorOf(() =>
					requestRefund(finance, {
						unitId: unit.id,
						kind: 'credit',
						party: 'owner',
						deductions: [{ reason: 'x', amountMinor: 1 }],
						reason: 'Rest'
					})
				)
			).field
		).toBe('deductionReason');
		const rest = await requestRefund(finance, { unitId: unit.id, kind: 'credit', party: 'owner', reason: 'Rest' });
		expect((await db().select().from(refunds).where(eq(refunds.id, rest.refundId)))[0]).toMatchObject({
			grossMinor: 10000,
			payoutMinor: 10000
		});
		expect(
			(await inputErrorOf(() => requestRefund(finance, { unitId: unit.id, kind: 'credit', party: 'owner', reason: 'More' }))).field
		).toBe('source');

		await markRefundPaid(finance, first.refundId, { method: 'bank_transfer', paidOn: today });
		expect((await entriesOf(unit.id)).at(-1)).toMatchObject({ kind: 'refund', amountMinor: 20000 });
		expect(await unitBalance(db(), unit.id)).toBe(-10000);

		// A new charge eats the rest of the credit before it is paid out: the payout is refused.
		await db().transaction((tx) =>
			issueBill(tx, {
				unitId: unit.id,
				payer: { party: 'owner' },
				source: 'manual',
				lines: [{ feeItemId: null, nameEn: 'Fee', nameZhHans: '费', nameZhHant: '費', quantity: '1', priceMicro: 5000 * 10_000 }],
				actorId: null
			})
		);
		const refused = await inputErrorOf(() => markRefundPaid(finance, rest.refundId, { method: 'cash', paidOn: today }));
		expect(refused.message).toContain('¥50.00');
		expect(await unitBalance(db(), unit.id)).toBe(-5000);
	});

	it('is dated on a real day: not in the future, not before the request', async () => {
		const { unit, finance } = await setUp(10000);
		await paid(unit.id, null, 1000);
		const { refundId } = await requestRefund(finance, { unitId: unit.id, kind: 'credit', party: 'owner', reason: 'Overpaid' });
		expect((await inputErrorOf(() => markRefundPaid(finance, refundId, { method: 'cash', paidOn: addDays(today, 1) }))).field).toBe(
			'paidOn'
		);
		expect((await inputErrorOf(() => markRefundPaid(finance, refundId, { method: 'cash', paidOn: addDays(today, -1) }))).field).toBe(
			'paidOn'
		);
		expect((await inputErrorOf(() => markRefundPaid(finance, refundId, { method: 'cash', paidOn: '2026-02-30' }))).field).toBe('paidOn');
		expect((await inputErrorOf(() => markRefundPaid(finance, refundId, { method: 'gold' as never, paidOn: today }))).field).toBe('method');
	});
});

describe('who may do what with refunds', () => {
	it('keeps requests to finance, decisions to approvers and everything inside the staff member’s estates', async () => {
		const { unit, depositBillId, finance, manager, service } = await setUp(300000);
		const request = { unitId: unit.id, kind: 'deposit' as const, depositBillId, reason: 'Move-out' };
		// Customer service reads fees but does not request refunds.
		expect(await statusOf(() => requestRefund(service, request))).toBe(403);
		const stranger = await staffActor(['finance', 'manager'], [(await billingEstate()).estate.id]);
		expect(await statusOf(() => requestRefund(stranger, request))).toBe(404);
		const { refundId } = await requestRefund(finance, request);
		expect(await statusOf(() => decideRefund(finance, refundId, { decision: 'approve', note: '' }))).toBe(403);
		expect(await statusOf(() => decideRefund(stranger, refundId, { decision: 'approve', note: '' }))).toBe(404);
		expect(await statusOf(() => refundDetail(stranger, refundId))).toBe(404);
		expect(await statusOf(() => refundDetail(finance, 'not-an-id'))).toBe(404);
		const engineer: Actor = await staffActor(['engineering'], [unit.estateId]);
		expect(await statusOf(() => listRefunds(engineer))).toBe(403);
		expect(await statusOf(() => markRefundPaid(service, refundId, { method: 'cash', paidOn: today }))).toBe(403);
		expect((await listRefunds(stranger)).rows).toHaveLength(0);

		const list = await listRefunds(service);
		expect(list.rows.map((r) => r.id)).toEqual([refundId]);
		const detail = await refundDetail(manager, refundId);
		expect(detail.actions).toEqual(['approve', 'reject']);
		expect((await refundDetail(finance, refundId)).actions).toEqual([]);
	});

	it('lists refunds waiting for approval first, then those to pay; other states by filter', async () => {
		const finance = await staffActor(['finance'], []);
		try {
			await saveFeeSettings(finance, { ...DEFAULT_FEE_SETTINGS, refundApprovalMinor: 200000 });
			const a = await setUp(100000); // approved at once
			const b = await setUp(300000); // needs approval
			const first = await requestRefund(a.finance, {
				unitId: a.unit.id,
				kind: 'deposit',
				depositBillId: a.depositBillId,
				reason: 'Move-out'
			});
			const second = await requestRefund(b.finance, {
				unitId: b.unit.id,
				kind: 'deposit',
				depositBillId: b.depositBillId,
				reason: 'Move-out'
			});
			const admin = await staffActor(['admin']);
			const open = await listRefunds(admin);
			const mine = open.rows.filter((r) => r.id === first.refundId || r.id === second.refundId).map((r) => r.id);
			expect(mine).toEqual([second.refundId, first.refundId]);
			expect(open.rows.findIndex((r) => r.state === 'approved')).toBeGreaterThan(open.rows.findLastIndex((r) => r.state === 'requested'));
			await markRefundPaid(a.finance, first.refundId, { method: 'cash', paidOn: today });
			expect((await listRefunds(admin, { filter: 'paid' })).rows.map((r) => r.id)).toContain(first.refundId);
			expect((await listRefunds(admin)).rows.map((r) => r.id)).not.toContain(first.refundId);
		} finally {
			await saveFeeSettings(finance, { ...DEFAULT_FEE_SETTINGS });
		}
	});
});
