import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { ledgerEntries, refunds } from '#lib/server/db/schema/index.ts';
import { staffActor } from '#lib/server/property/testing/fixtures.ts';
import { billingEstate, payment } from '#lib/server/fees/test-fixtures.ts';
import { issueBill } from '#lib/server/fees/issue-bill.ts';
import { applyPayment } from '#lib/server/fees/ledger.ts';
import { fixtureToday } from '#lib/server/fees/test-fixtures.ts';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { load as listLoad } from './+page.server.ts';
import { actions as newActions, load as newLoad } from './new/+page.server.ts';
import { actions as detailActions, load as detailLoad } from './[id]/+page.server.ts';

interface FormResult {
	status?: number;
	data: { form: { valid: boolean; data: Record<string, unknown>; errors: Record<string, unknown> } };
}

/** A unit with a paid renovation deposit of 3,000.00 (above the approval threshold) and its estate's staff. */
async function setUp() {
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
					priceMicro: 300000 * 10_000
				}
			],
			issuedOn: '2026-10-01',
			actorId: null
		})
	);
	const p = await payment(unit.id, 300000);
	await db().transaction((tx) =>
		applyPayment(tx, {
			unitId: unit.id,
			paymentId: p.id,
			amountMinor: 300000,
			allocations: [{ billId: deposit.billId, amountMinor: 300000 }],
			effectiveOn: '2026-10-02'
		})
	);
	const estateIds = [place.estate.id];
	return {
		unit,
		source: `deposit:${deposit.billId}`,
		finance: await staffActor(['finance'], estateIds),
		manager: await staffActor(['manager'], estateIds),
		service: await staffActor(['customer_service'], estateIds)
	};
}

const newPath = (unitId: string) => `/staff/fees/refunds/new?unit=${unitId}`;

describe('/staff/fees/refunds/new', () => {
	it('shows the deposits and credit of the unit, and finds units by number', async () => {
		const { unit, source, finance } = await setUp();
		const data = await newLoad(fakeEvent({ actor: finance, path: newPath(unit.id) }));
		expect(data.unit?.label).toContain(unit.number);
		expect(data.deposits).toHaveLength(1);
		// The only thing to refund is chosen already; three empty deduction rows to fill.
		expect(data.form!.data).toMatchObject({ source, deductionReason: ['', '', ''], deductionAmount: ['', '', ''] });
		const found = await newLoad(fakeEvent({ actor: finance, path: `/staff/fees/refunds/new?q=${unit.number.toLowerCase()}` }));
		expect(found.found.map((u) => u.id)).toEqual([unit.id]);
	});

	it('adds a deduction row without JavaScript, keeping what was typed and showing no errors', async () => {
		const { unit, source, finance } = await setUp();
		const form = { unitId: unit.id, source, deductionReason: ['Broken tile', '', ''], deductionAmount: ['350', '', ''], reason: '' };
		const result = (await newActions.addRow(fakeEvent({ actor: finance, form }))) as FormResult['data'];
		expect(result.form.data).toMatchObject({
			deductionReason: ['Broken tile', '', '', ''],
			deductionAmount: ['350', '', '', ''],
			reason: ''
		});
		expect(result.form.errors).toEqual({});
	});

	it('sends bad input back at its field with the typed values, and never a 500', async () => {
		const { unit, source, finance } = await setUp();
		const form = {
			unitId: unit.id,
			source,
			deductionReason: ['Broken tile', '', 'Paint'],
			deductionAmount: ['3.505', '12', ''],
			reason: 'Move-out'
		};
		const result = (await newActions.request(fakeEvent({ actor: finance, form }))) as FormResult;
		expect(result.status).toBe(400);
		const errors = result.data.form.errors as { deductionAmount?: Record<number, string[]>; deductionReason?: Record<number, string[]> };
		expect(errors.deductionAmount?.[0]?.[0]).toMatch(/350\.50/);
		expect(errors.deductionReason?.[1]?.[0]).toMatch(/what the deduction is for/);
		expect(errors.deductionAmount?.[2]?.[0]).toBeTruthy();
		expect(result.data.form.data).toMatchObject({ deductionReason: ['Broken tile', '', 'Paint'], deductionAmount: ['3.505', '12', ''] });
		// Deductions above the deposit: the service's rule, shown at the deductions.
		const tooMuch = (await newActions.request(
			fakeEvent({ actor: finance, form: { ...form, deductionReason: ['Everything'], deductionAmount: ['3,000.01'] } })
		)) as FormResult;
		expect(tooMuch.status).toBe(400);
		expect(JSON.stringify(tooMuch.data.form.errors)).toContain('more than the deposit held');
		expect(await db().select().from(refunds).where(eq(refunds.unitId, unit.id))).toHaveLength(0);
	});

	it('records the request, and a second account without fees.manage cannot', async () => {
		const { unit, source, finance, service } = await setUp();
		const form = {
			unitId: unit.id,
			source,
			deductionReason: ['Broken tile', ''],
			deductionAmount: ['¥350.50', ''],
			reason: 'Renovation accepted'
		};
		expect((await thrown(() => newActions.request(fakeEvent({ actor: service, form })))).status).toBe(403);
		expect((await thrown(() => newLoad(fakeEvent({ actor: service, path: newPath(unit.id) })))).status).toBe(403);
		const stranger = await staffActor(['finance'], [(await billingEstate()).estate.id]);
		expect((await thrown(() => newActions.request(fakeEvent({ actor: stranger, form })))).status).toBe(404);
		const done = await thrown(() => newActions.request(fakeEvent({ actor: finance, form })));
		expect(done.status).toBe(303);
		const [row] = await db().select().from(refunds).where(eq(refunds.unitId, unit.id));
		expect(done.location).toBe(`/staff/fees/refunds/${row!.id}?created=1`);
		expect(row).toMatchObject({
			state: 'requested',
			grossMinor: 300000,
			payoutMinor: 300000 - 35050,
			deductions: [{ reason: 'Broken tile', amountMinor: 35050 }]
		});
	});
});

describe('/staff/fees/refunds/[id]', () => {
	it('asks for a reason to reject, lets the manager approve and finance pay, and shows the history', async () => {
		const { unit, source, finance, manager, service } = await setUp();
		await thrown(() => newActions.request(fakeEvent({ actor: finance, form: { unitId: unit.id, source, reason: 'Move-out' } })));
		const [row] = await db().select().from(refunds).where(eq(refunds.unitId, unit.id));
		const id = row!.id;
		const page = (actor: typeof finance, path = `/staff/fees/refunds/${id}`) => detailLoad(fakeEvent({ actor, params: { id }, path }));

		expect((await page(finance)).actions).toEqual([]);
		expect((await page(manager)).actions).toEqual(['approve', 'reject']);
		// Finance may not decide, whatever it posts.
		expect(
			(await thrown(() => detailActions.decide(fakeEvent({ actor: finance, params: { id }, form: { decision: 'approve', note: '' } }))))
				.status
		).toBe(403);

		const noReason = (await detailActions.decide(
			fakeEvent({ actor: manager, params: { id }, form: { decision: 'reject', note: '' } })
		)) as {
			status: number;
			data: { decisionForm: { errors: { note?: string[] } } };
		};
		expect(noReason.status).toBe(400);
		expect(noReason.data.decisionForm.errors.note?.[0]).toMatch(/why/);

		const approved = await thrown(() =>
			detailActions.decide(fakeEvent({ actor: manager, params: { id }, form: { decision: 'approve', note: 'Checked on site' } }))
		);
		expect(approved).toMatchObject({ status: 303, location: `/staff/fees/refunds/${id}?done=approve` });
		expect((await page(finance)).actions).toEqual(['pay']);
		expect(
			(
				await thrown(() =>
					detailActions.pay(fakeEvent({ actor: service, params: { id }, form: { method: 'cash', paidOn: fixtureToday() } }))
				)
			).status
		).toBe(403);

		const badDate = (await detailActions.pay(
			fakeEvent({ actor: finance, params: { id }, form: { method: 'cash', paidOn: '2999-01-01' } })
		)) as {
			status: number;
			data: { payForm: { errors: { paidOn?: string[] } } };
		};
		expect(badDate.status).toBe(400);
		expect(badDate.data.payForm.errors.paidOn?.[0]).toMatch(/future/);
		const paid = await thrown(() =>
			detailActions.pay(fakeEvent({ actor: finance, params: { id }, form: { method: 'bank_transfer', paidOn: fixtureToday() } }))
		);
		expect(paid).toMatchObject({ status: 303, location: `/staff/fees/refunds/${id}?done=pay` });
		const entries = await db()
			.select({ kind: ledgerEntries.kind })
			.from(ledgerEntries)
			.where(eq(ledgerEntries.unitId, unit.id))
			.orderBy(asc(ledgerEntries.id));
		expect(entries.map((e) => e.kind)).toEqual(['charge', 'payment', 'deposit_refund', 'refund']);

		const after = await page(service, `/staff/fees/refunds/${id}?done=pay`);
		expect(after.refund.state).toBe('paid');
		expect(after.justDone).toBe('pay');
		expect(after.timeline.map((e) => e.kind)).toEqual(['request', 'approve', 'pay']);
		expect(after.timeline[1]!.note).toBe('Checked on site');
	});

	it('answers 404 for a refund of another estate and 403 for staff without fees', async () => {
		const { unit, source, finance } = await setUp();
		await thrown(() => newActions.request(fakeEvent({ actor: finance, form: { unitId: unit.id, source, reason: 'Move-out' } })));
		const [row] = await db().select().from(refunds).where(eq(refunds.unitId, unit.id));
		const stranger = await staffActor(['manager'], [(await billingEstate()).estate.id]);
		expect((await thrown(() => detailLoad(fakeEvent({ actor: stranger, params: { id: row!.id } })))).status).toBe(404);
		const engineer = await staffActor(['engineering'], [unit.estateId]);
		expect((await thrown(() => detailLoad(fakeEvent({ actor: engineer, params: { id: row!.id } })))).status).toBe(403);
		expect((await thrown(() => listLoad(fakeEvent({ actor: engineer, path: '/staff/fees/refunds' })))).status).toBe(403);
	});
});

describe('/staff/fees/refunds', () => {
	it('lists the estate’s open refunds, and others by state', async () => {
		const { unit, source, finance, manager } = await setUp();
		await thrown(() => newActions.request(fakeEvent({ actor: finance, form: { unitId: unit.id, source, reason: 'Move-out' } })));
		const open = await listLoad(fakeEvent({ actor: manager, path: '/staff/fees/refunds' }));
		expect(open.filter).toBe('open');
		expect(open.rows).toHaveLength(1);
		expect(open.rows[0]).toMatchObject({
			state: 'requested',
			unit: expect.stringContaining(unit.number),
			reference: expect.stringMatching(/^F\d{6}$/)
		});
		expect(open.canRequest).toBe(true);
		const paid = await listLoad(fakeEvent({ actor: manager, path: '/staff/fees/refunds?state=paid' }));
		expect(paid.rows).toHaveLength(0);
	});
});
