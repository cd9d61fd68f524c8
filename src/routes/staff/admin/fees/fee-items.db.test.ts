import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { db } from '#lib/server/db/client.ts';
import { feeItems, feePrices } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { runBilling } from '#lib/server/fees/billing.ts';
import { oneOffFeeItems } from '#lib/server/fees/fee-items.ts';
import { addMonths, monthOf } from '#lib/time/index.ts';
import { fixtureToday } from '#lib/server/fees/test-fixtures.ts';
import { feeSettings } from '#lib/server/fees/settings.ts';
import { feeItemId } from '#lib/server/fees/test-fixtures.ts';
import { actions, load } from './+page.server.ts';
import { act, daysFromToday, feesWorld, type FeesWorld } from '../../fees/testing.ts';

let w: FeesWorld;
const page = (actor: Actor, search = '') => load(fakeEvent({ actor, path: `/staff/admin/fees${search}` }));
const post = (name: keyof typeof actions, actor: Actor, form: Record<string, string>) =>
	act(actions, name, actor, '/staff/admin/fees', form);
/** The action's redirect (success) or its result (a form with errors). */
async function attempt(name: keyof typeof actions, actor: Actor, form: Record<string, string>) {
	try {
		return { result: await post(name, actor, form), location: null };
	} catch (err) {
		const redirect = err as { status?: number; location?: string };
		if (redirect.status !== 303) throw err;
		return { result: null, location: redirect.location ?? null };
	}
}
const item = {
	id: '',
	code: 'fit_out_deposit',
	kind: 'deposit',
	basis: 'fixed',
	unitUse: '',
	nameEn: 'Fit-out deposit',
	nameZhHans: '装修押金',
	nameZhHant: '裝修按金',
	sort: '5'
};

beforeAll(async () => {
	w = await feesWorld();
});

describe('/staff/admin/fees — fee items', () => {
	it('lists the items with their current prices, and adds, edits, retires and restores one', async () => {
		const start = await page(w.finance);
		const management = start.items.find((i) => i.code === 'management_residential')!;
		expect(management.prices.filter((p) => p.current).map((p) => [p.estateId, p.priceMicro])).toEqual([[null, 3_800_000]]);

		expect((await attempt('saveItem', w.finance, item)).location).toMatch(/saved=item/);
		const [row] = await db().select().from(feeItems).where(eq(feeItems.code, 'fit_out_deposit'));
		expect(row).toMatchObject({ kind: 'deposit', basis: 'fixed', unitUse: null, periodic: false, active: true, sort: 5 });

		const taken = await attempt('saveItem', w.finance, item);
		expect(taken.result?.data?.form?.errors.code).toBeTruthy();

		const edit = await page(w.finance, `?edit=${row!.id}`);
		expect(edit.itemForm.data).toMatchObject({ id: row!.id, code: 'fit_out_deposit' });
		await attempt('saveItem', w.finance, { ...item, id: row!.id, nameEn: 'Fit-out deposit (renovation)' });
		const [edited] = await db().select().from(feeItems).where(eq(feeItems.id, row!.id));
		expect(edited!.nameEn).toBe('Fit-out deposit (renovation)');

		await attempt('toggleItem', w.finance, { id: row!.id, active: 'false' });
		expect((await oneOffFeeItems(w.place.estate.id, fixtureToday())).map((i) => i.id)).not.toContain(row!.id);
		await attempt('toggleItem', w.finance, { id: row!.id, active: 'true' });
		expect((await oneOffFeeItems(w.place.estate.id, fixtureToday())).map((i) => i.id)).toContain(row!.id);
	});

	it('refuses what does not make sense: a per-reading price for a non-metered kind, a monthly deposit', async () => {
		const perReading = await attempt('saveItem', w.finance, { ...item, code: 'x1', kind: 'other', basis: 'per_reading' });
		expect(perReading.result?.data?.form?.errors.basis).toBeTruthy();
		const monthlyDeposit = await attempt('saveItem', w.finance, { ...item, code: 'x2', periodic: 'on' });
		expect(monthlyDeposit.result?.data?.form?.errors.periodic).toBeTruthy();
		const badCode = await attempt('saveItem', w.finance, { ...item, code: 'Has Spaces' });
		expect(badCode.result?.data?.form?.errors.code).toBeTruthy();
	});

	it('is for fees.manage only', async () => {
		expect((await thrown(() => page(w.desk))).status).toBe(403);
		expect((await thrown(() => post('saveItem', w.desk, { ...item, code: 'desk_item' }))).status).toBe(403);
	});
});

describe('/staff/admin/fees — prices', () => {
	it('adds a price as a new row; the general price needs someone working for every estate', async () => {
		const id = await feeItemId('water');
		const nextMonth = `${addMonths(monthOf(fixtureToday()), 1)}-01`;
		const general = await attempt('addPrice', w.finance, { feeItemId: id, estateId: '', price: '4.80', effectiveFrom: nextMonth });
		expect(general.result?.data?.form?.errors.estateId).toBeTruthy();

		expect(
			(await attempt('addPrice', w.finance, { feeItemId: id, estateId: w.place.estate.id, price: '4.805', effectiveFrom: nextMonth }))
				.location
		).toMatch(/saved=price/);
		expect((await attempt('addPrice', w.admin, { feeItemId: id, estateId: '', price: '4.80', effectiveFrom: nextMonth })).location).toMatch(
			/saved=price/
		);
		const rows = await db().select().from(feePrices).where(eq(feePrices.feeItemId, id));
		expect(rows.map((r) => [r.estateId, r.priceMicro, r.effectiveFrom]).sort()).toEqual(
			[
				[null, 4_500_000, '2020-01-01'],
				[null, 4_800_000, nextMonth],
				[w.place.estate.id, 4_805_000, nextMonth]
			].sort()
		);

		const again = await attempt('addPrice', w.admin, { feeItemId: id, estateId: '', price: '5', effectiveFrom: nextMonth });
		expect(again.result?.data?.form?.errors.effectiveFrom).toBeTruthy();
		const badPrice = await attempt('addPrice', w.admin, { feeItemId: id, estateId: '', price: '4,8', effectiveFrom: nextMonth });
		expect(badPrice.result?.data?.form?.errors.price).toBeTruthy();
		const foreign = await attempt('addPrice', w.finance, {
			feeItemId: id,
			estateId: w.other.estate.id,
			price: '5',
			effectiveFrom: nextMonth
		});
		expect(foreign.result?.data?.form?.errors.estateId).toBeTruthy();

		const listed = (await page(w.finance)).items.find((i) => i.id === id)!;
		expect(listed.prices.filter((p) => p.upcoming).map((p) => p.estateId)).toEqual([null, w.place.estate.id]);
	});

	it('will not start a monthly item’s price in a month already billed', async () => {
		const period = addMonths(monthOf(fixtureToday()), -1);
		await runBilling({ period, estateId: w.place.estate.id, actor: w.finance, now: new Date() });
		const id = await feeItemId('management_residential');
		const late = await attempt('addPrice', w.finance, {
			feeItemId: id,
			estateId: w.place.estate.id,
			price: '4.00',
			effectiveFrom: `${period}-01`
		});
		expect(late.result?.data?.form?.errors.effectiveFrom).toEqual([expect.stringContaining(period)]);
		// Mid-month prices apply from the next month: the month after the billed one is free.
		expect(
			(await attempt('addPrice', w.finance, { feeItemId: id, estateId: w.place.estate.id, price: '4.00', effectiveFrom: `${period}-15` }))
				.location
		).toBeTruthy();
	});

	it('withdraws a price not yet in effect, never one in force', async () => {
		const id = await feeItemId('electricity');
		const later = daysFromToday(40);
		await attempt('addPrice', w.finance, { feeItemId: id, estateId: w.place.estate.id, price: '0.70', effectiveFrom: later });
		const [upcoming] = await db()
			.select()
			.from(feePrices)
			.where(and(eq(feePrices.feeItemId, id), eq(feePrices.effectiveFrom, later)));
		expect((await attempt('withdrawPrice', w.finance, { id: upcoming!.id })).location).toBeTruthy();
		expect(await db().select().from(feePrices).where(eq(feePrices.id, upcoming!.id))).toEqual([]);

		const [inForce] = await db().select().from(feePrices).where(eq(feePrices.feeItemId, id));
		const refused = await attempt('withdrawPrice', w.admin, { id: inForce!.id });
		expect(refused.result?.status).toBe(400);
		expect(await db().select().from(feePrices).where(eq(feePrices.id, inForce!.id))).toHaveLength(1);
	});
});

describe('/staff/admin/fees — finance settings', () => {
	it('shows and saves the settings, refusing bad values at their field', async () => {
		expect((await page(w.finance)).settingsForm.data).toEqual({
			currency: 'CNY',
			dueDays: 15,
			reminderDays: '3, 15, 30',
			refundApproval: '1000.00',
			correctionApproval: '1000.00'
		});
		const bad = await attempt('saveSettings', w.finance, {
			currency: 'yuan',
			dueDays: '0',
			reminderDays: '3, x',
			refundApproval: '-1',
			correctionApproval: 'x'
		});
		expect(Object.keys(bad.result?.data?.form?.errors ?? {}).sort()).toEqual([
			'correctionApproval',
			'currency',
			'dueDays',
			'refundApproval',
			'reminderDays'
		]);
		const ok = await attempt('saveSettings', w.finance, {
			currency: 'hkd',
			dueDays: '20',
			reminderDays: '30、7 ,7',
			refundApproval: '2,500',
			correctionApproval: '800'
		});
		expect(ok.location).toMatch(/saved=settings/);
		expect(await feeSettings()).toEqual({
			currency: 'HKD',
			dueDays: 20,
			reminderDays: [7, 30],
			refundApprovalMinor: 250000,
			correctionApprovalMinor: 80000
		});
	});
});
