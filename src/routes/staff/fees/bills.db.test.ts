import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { auditLog, bills } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { addMonths, monthOf } from '#lib/time/index.ts';
import { fixtureToday } from '#lib/server/fees/test-fixtures.ts';
import { billListFilter, staffBills } from '#lib/server/fees/staff-bills.ts';
import { load } from './+page.server.ts';
import { actions as billingActions, load as billingLoad } from './billing/+page.server.ts';
import { act, daysFromToday, feesWorld, type FeesWorld } from './testing.ts';

let w: FeesWorld;
const period = addMonths(monthOf(fixtureToday()), -1);

const list = (actor: Actor, search = '') => load(fakeEvent({ actor, path: `/staff/fees${search}` }));
const billingPage = (actor: Actor) => billingLoad(fakeEvent({ actor, path: '/staff/fees/billing' }));
const run = (actor: Actor, form: Record<string, string>) => act(billingActions, 'default', actor, '/staff/fees/billing', form);

beforeAll(async () => {
	w = await feesWorld();
});

describe('/staff/fees/billing — running the monthly billing', () => {
	it('offers last month by default, bills it once, and a second press bills nothing new', async () => {
		const page = await billingPage(w.finance);
		expect(page.form.data).toEqual({ period, estateId: '' });
		expect(page.estates.map((e) => e.id)).toEqual([w.place.estate.id]);

		const first = await run(w.finance, { period, estateId: '' });
		expect(first.form?.message).toMatchObject({ ok: true, bills: 2 });
		const second = await run(w.finance, { period, estateId: '' });
		expect(second.form?.message).toMatchObject({ ok: true, bills: 0, text: expect.stringMatching(/nothing new/i) });
		// The finance clerk works for one estate only: the other estate's unit was not billed.
		expect(await db().select().from(bills).where(eq(bills.unitId, w.foreignUnit.id))).toEqual([]);

		const after = await billingPage(w.finance);
		expect(after.counts).toEqual([{ period, estateId: w.place.estate.id, bills: 2, totalMinor: 30400 + 22800 }]);
		expect(after.deskRuns.map((r) => [r.period, r.bills])).toEqual([
			[period, 0],
			[period, 2]
		]);
		const audit = await db().select().from(auditLog).where(eq(auditLog.action, 'fees.billing.run'));
		expect(audit).toHaveLength(2);
	});

	it('refuses a month that has not started, a malformed month and an estate the clerk does not work for', async () => {
		const next = addMonths(monthOf(fixtureToday()), 1);
		expect((await run(w.finance, { period: next, estateId: '' })).data?.form?.errors.period).toBeTruthy();
		expect((await run(w.finance, { period: '2026-13', estateId: '' })).data?.form?.errors.period).toBeTruthy();
		expect((await run(w.finance, { period, estateId: w.other.estate.id })).data?.form?.errors.estateId).toBeTruthy();
	});

	it('is for fees.manage only', async () => {
		expect((await thrown(() => billingPage(w.desk))).status).toBe(403);
		expect((await thrown(() => run(w.desk, { period, estateId: '' }))).status).toBe(403);
	});
});

describe('/staff/fees — the bill list', () => {
	it('lists the open bills of the clerk’s estates with what they owe and the totals of the filter', async () => {
		const page = await list(w.finance);
		// Newest first (the run numbers its bills in unit-id order, so which comes first varies).
		expect(page.rows.map((r) => r.seq)).toEqual(page.rows.map((r) => r.seq).sort((a, b) => b - a));
		expect(page.rows.map((r) => [r.unitId, r.period, r.totalMinor, r.outstandingMinor]).sort()).toEqual(
			[
				[w.unit.id, period, 30400, 30400],
				[w.unit2.id, period, 22800, 22800]
			].sort()
		);
		expect(page.totals).toEqual([{ currency: 'CNY', bills: 2, outstandingMinor: 53200 }]);
		// Staff of both estates see the other estate's bills too (once billed).
		await run(w.manager, { period, estateId: w.other.estate.id });
		expect((await list(w.manager)).rows).toHaveLength(3);
		expect((await list(w.finance)).rows).toHaveLength(2);
	});

	it('filters by unit number, state, period and overdue, and totals only what the filter holds', async () => {
		const byUnit = await list(w.finance, `?q=${w.unit2.number.toLowerCase()}`);
		expect(byUnit.rows.map((r) => r.unitId)).toEqual([w.unit2.id]);

		// A part payment: the filter's outstanding drops by it, the bill stays open.
		await act(
			(await import('./units/[unitId]/+page.server.ts')).actions,
			'pay',
			w.finance,
			`/staff/fees/units/${w.unit.id}`,
			{ amount: '100', method: 'cash', receiptNo: 'P-1', receivedOn: fixtureToday(), billIds: [] },
			{ unitId: w.unit.id }
		);
		const open = await list(w.finance, `?estate=${w.place.estate.id}&period=${period}`);
		expect(open.totals[0]).toMatchObject({ bills: 2, outstandingMinor: 53200 - 10000 });
		expect(open.rows.find((r) => r.unitId === w.unit.id)?.outstandingMinor).toBe(20400);

		expect((await list(w.finance, '?state=paid')).rows).toEqual([]);
		// Over every state the totals are still what the open bills owe.
		expect((await list(w.finance, '?state=all')).totals).toEqual(open.totals);
		// The hashed pass a broad filter takes gives the same figures as the per-bill probes.
		const hashed = await staffBills(w.finance, billListFilter(new URLSearchParams(`estate=${w.place.estate.id}&period=${period}`)), {
			probeLimit: 0
		});
		expect(hashed.totals).toEqual(open.totals);
		expect((await list(w.finance, `?period=${addMonths(period, -1)}`)).rows).toEqual([]);

		// Nothing is overdue yet; once the due date has passed the bill counts as arrears.
		expect((await list(w.finance, '?overdue=1')).rows).toEqual([]);
		await db()
			.update(bills)
			.set({ dueOn: daysFromToday(-9) })
			.where(eq(bills.unitId, w.unit.id));
		const overdue = await list(w.finance, '?overdue=1');
		expect(overdue.rows.map((r) => [r.unitId, r.daysOverdue, r.outstandingMinor])).toEqual([[w.unit.id, 9, 20400]]);
		expect(overdue.totals[0]).toMatchObject({ bills: 1, outstandingMinor: 20400 });
	});

	it('pages with a cursor that keeps the filter, newest first and longest overdue first', async () => {
		const first = await staffBills(w.manager, billListFilter(new URLSearchParams('state=all')), { limit: 2 });
		expect(first.rows).toHaveLength(2);
		expect(first.next).toMatch(/^s\d+$/);
		const second = await staffBills(w.manager, billListFilter(new URLSearchParams(`state=all&after=${first.next}`)), { limit: 2 });
		expect(second.rows).toHaveLength(1);
		expect(second.next).toBeNull();
		expect([...first.rows, ...second.rows].map((r) => r.seq)).toEqual(
			[...[...first.rows, ...second.rows].map((r) => r.seq)].sort((a, b) => b - a)
		);
		// The totals are the filter's, whatever the page.
		expect(second.totals).toEqual(first.totals);

		await db()
			.update(bills)
			.set({ dueOn: daysFromToday(-3) })
			.where(eq(bills.unitId, w.unit2.id));
		const late = await staffBills(w.finance, billListFilter(new URLSearchParams('overdue=1')), { limit: 1 });
		expect(late.rows.map((r) => r.unitId)).toEqual([w.unit.id]);
		const later = await staffBills(w.finance, billListFilter(new URLSearchParams(`overdue=1&after=${late.next}`)), { limit: 1 });
		expect(later.rows.map((r) => [r.unitId, r.daysOverdue])).toEqual([[w.unit2.id, 3]]);
		// A forged cursor only moves where the page starts.
		expect((await list(w.finance, '?after=garbage')).rows.length).toBeGreaterThan(0);
	});

	it('is 403 for staff without fees.read; customer service may read it', async () => {
		expect((await thrown(() => list(w.engineer))).status).toBe(403);
		expect((await list(w.desk)).rows.length).toBeGreaterThan(0);
	});
});
