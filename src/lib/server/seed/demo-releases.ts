/**
 * Goods release slips for the demo (放行單): two for today in Harbour View, so the desk has a
 * request to issue and security's home and gate have a slip to check — Chan Tai Man's request
 * (his sofa and boxes) and another household's slip the desk issued, with a vehicle and a carrier.
 * Made through the domain's own createSlip, with their events and (once issued) their archive entry.
 */
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import { businessToday } from '#lib/time/index.ts';
import type { Executor } from '../db/client.ts';
import { buildings, estates, occupancies, units, users } from '../db/schema/index.ts';
import { createSlip } from '../goods-release/create.ts';
import { demoResident } from './demo-data.ts';

export async function seedDemoReleases(tx: Executor, now = new Date()): Promise<number> {
	const [hvg] = await tx.select({ id: estates.id, timeZone: estates.timeZone }).from(estates).where(eq(estates.code, 'HVG'));
	if (!hvg) return 0;
	const [desk] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'service@lobby.test'));
	const residents = await tx
		.select({ occupancyId: occupancies.id, unitId: units.id, userId: users.id, email: users.email })
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.innerJoin(users, eq(users.id, occupancies.userId))
		.where(and(eq(units.estateId, hvg.id), isNotNull(occupancies.userId), ne(users.email, 'neighbour@lobby.test')))
		.orderBy(asc(buildings.code), asc(units.number))
		.limit(20);
	const chan = residents.find((r) => r.email === demoResident.email);
	const other = residents.find((r) => r !== chan && r.unitId !== chan?.unitId);
	const today = businessToday(hvg, now);
	let count = 0;
	if (chan) {
		await createSlip(tx, {
			estateId: hvg.id,
			unitId: chan.unitId,
			occupancyId: chan.occupancyId,
			validOn: today,
			items: [
				{ description: 'Sofa (3-seater)', quantity: 1 },
				{ description: '紙箱', quantity: 6 }
			],
			vehiclePlate: 'LV 2846',
			carrier: 'Swift Movers 迅捷搬運',
			state: 'requested',
			source: 'resident',
			actor: { userId: chan.userId },
			now
		});
		count++;
	}
	if (other) {
		await createSlip(tx, {
			estateId: hvg.id,
			unitId: other.unitId,
			occupancyId: other.occupancyId,
			validOn: today,
			items: [
				{ description: 'Upright piano', quantity: 1 },
				{ description: 'Dining chairs', quantity: 4 }
			],
			vehiclePlate: 'KT 5173',
			carrier: 'Harbour Removals',
			state: 'issued',
			source: 'desk',
			actor: desk ? { userId: desk.id } : null,
			now
		});
		count++;
	}
	return count;
}
