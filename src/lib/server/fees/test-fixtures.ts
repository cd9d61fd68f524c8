// Insert helpers for the fees integration tests (not used by the app).
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { db, queryRows } from '../db/client.ts';
import { feeItems, feePrices, floors, meterReadings, occupancies, payments, units } from '../db/schema/index.ts';
import { building, estate, residentUser } from '../property/testing/fixtures.ts';
import { ensureDefaultFeeItems } from './defaults.ts';
import { parsePriceMicro } from '#lib/money/index.ts';
import { businessToday, DEFAULT_TIME_ZONE } from '#lib/time/index.ts';

export type UnitUse = 'residential' | 'office' | 'retail';

/** A fresh estate with one building and floor, and the default fee items in the database. */
export async function billingEstate() {
	await ensureDefaultFeeItems(db());
	const e = await estate();
	const b = await building(e.id, 'A');
	const [floor] = await db().insert(floors).values({ buildingId: b.id, level: 1, label: '1/F' }).returning();
	let n = 0;
	return {
		estate: e,
		building: b,
		/** A unit of this estate, occupied since 2024 unless told otherwise. */
		async unit(areaM2: string, use: UnitUse = 'residential', occupancy: { startsOn?: string; endsOn?: string | null } | null = {}) {
			const [unit] = await db()
				.insert(units)
				.values({ estateId: e.id, buildingId: b.id, floorId: floor!.id, number: `U${++n}`, areaM2, use })
				.returning();
			if (occupancy) {
				const user = await residentUser();
				await db()
					.insert(occupancies)
					.values({
						unitId: unit!.id,
						userId: user.id,
						role: 'owner',
						startsOn: occupancy.startsOn ?? '2024-01-01',
						endsOn: occupancy.endsOn ?? null
					});
			}
			return unit!;
		}
	};
}

export async function feeItemId(code: string): Promise<string> {
	const [row] = await db().select({ id: feeItems.id }).from(feeItems).where(eq(feeItems.code, code));
	return row!.id;
}

export async function setPrice(code: string, price: string, effectiveFrom: string, estateId: string | null = null) {
	await db()
		.insert(feePrices)
		.values({ feeItemId: await feeItemId(code), estateId, priceMicro: parsePriceMicro(price)!, effectiveFrom });
}

export async function reading(unitId: string, meter: 'water' | 'electricity', readOn: string, value: string) {
	await db().insert(meterReadings).values({ unitId, meter, readOn, value });
}

export async function payment(unitId: string, amountMinor: number, state: 'pending' | 'failed' = 'pending') {
	const [row] = await db()
		.insert(payments)
		.values({ unitId, party: 'owner', provider: 'counter', state, amountMinor, idempotencyKey: randomUUID(), method: 'cash' })
		.returning();
	return row!;
}

export async function countRows(table: 'bills' | 'bill_lines' | 'ledger_entries'): Promise<number> {
	const [row] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.identifier(table)}`);
	return Number(row!.n);
}

/** Today in the test estates, which live in the default zone (property/testing/fixtures.ts). */
export function fixtureToday(now: Date = new Date()): string {
	return businessToday({ timeZone: DEFAULT_TIME_ZONE }, now);
}
