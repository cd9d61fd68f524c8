import { describe, expect, it } from 'vitest';
import { readXlsx } from '#lib/server/reports/xlsx-read.ts';
import { eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { payments } from '#lib/server/db/schema/index.ts';
import { staffActor } from '#lib/server/property/testing/fixtures.ts';
import { billingEstate, payment } from '#lib/server/fees/test-fixtures.ts';
import { issueBill } from '#lib/server/fees/issue-bill.ts';
import { applyPayment } from '#lib/server/fees/ledger.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { load } from './+page.server.ts';
import { GET } from './export/+server.ts';

/** One unit billed 400.00 in October 2026 and paying 250.00 of it that month. */
async function setUp() {
	const place = await billingEstate();
	const unit = await place.unit('50.00');
	const bill = await db().transaction((tx) =>
		issueBill(tx, {
			unitId: unit.id,
			payer: { party: 'owner' },
			source: 'manual',
			lines: [{ feeItemId: null, nameEn: 'Fee', nameZhHans: '费', nameZhHant: '費', quantity: '1', priceMicro: 40000 * 10_000 }],
			issuedOn: '2026-10-01',
			actorId: null
		})
	);
	const p = await payment(unit.id, 25000);
	await db().update(payments).set({ receivedOn: '2026-10-10' }).where(eq(payments.id, p.id));
	await db().transaction((tx) =>
		applyPayment(tx, {
			unitId: unit.id,
			paymentId: p.id,
			amountMinor: 25000,
			allocations: [{ billId: bill.billId, amountMinor: 25000 }],
			effectiveOn: '2026-10-10'
		})
	);
	return { place, finance: await staffActor(['finance'], [place.estate.id]) };
}

const page = (actor: Actor | null, query: string) => load(fakeEvent({ actor, path: `/staff/reports/finance?${query}` }));
const exportOf = (actor: Actor | null, query: string) => GET(fakeEvent({ actor, path: `/staff/reports/finance/export?${query}` }));

describe('/staff/reports/finance', () => {
	it('shows the months of the range for the actor’s estates', async () => {
		const { place, finance } = await setUp();
		const data = await page(finance, 'from=2026-10&to=2026-11');
		expect(data.estates.map((e) => e.id)).toEqual([place.estate.id]);
		expect(data.totals.map((t) => [t.month, t.billedMinor, t.collectedMinor, t.outstandingMinor])).toEqual([
			['2026-10', 40000, 25000, 15000],
			['2026-11', 0, 0, 15000]
		]);
		expect(data.totals[0]!.collectionRate).toBeCloseTo(0.625, 10);
	});

	it('refuses staff without fees.read and estates that are not theirs', async () => {
		const { place } = await setUp();
		const other = await setUp();
		const engineer = await staffActor(['engineering'], [place.estate.id]);
		expect((await thrown(() => page(engineer, ''))).status).toBe(403);
		const finance = await staffActor(['finance'], [place.estate.id]);
		expect((await thrown(() => page(finance, `estate=${other.place.estate.id}`))).status).toBe(404);
		expect((await thrown(() => exportOf(engineer, ''))).status).toBe(403);
		expect((await thrown(() => exportOf(null, ''))).status).toBe(401);
	});
});

describe('/staff/reports/finance/export', () => {
	it('downloads an XLSX workbook with the same numbers', async () => {
		const { place, finance } = await setUp();
		const response = await exportOf(finance, `estate=${place.estate.id}&from=2026-10&to=2026-10`);
		expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const code = place.estate.code.replace(/[^A-Za-z0-9-]+/g, '-');
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="finance-report-${code}-2026-10-2026-10.xlsx"`);
		const sheets = readXlsx(new Uint8Array(await response.arrayBuffer()));
		expect(sheets.map((s) => s.name)).toEqual(['Report', 'By month', 'By estate', 'Reconciliation', 'Mismatches']);
		const months = sheets.find((s) => s.name === 'By month')!;
		expect(months.cells.get('B1')).toBe('Billed (CNY)');
		expect(['A2', 'B2', 'C2', 'E2'].map((ref) => months.cells.get(ref))).toEqual(['2026-10', 400, 250, 150]);
		expect(months.cells.get('I2')).toBe(62.5);
	});
});
