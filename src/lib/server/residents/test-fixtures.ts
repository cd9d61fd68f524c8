// Small insert helpers for this folder's integration tests (not used by the app).
import { randomUUID } from 'node:crypto';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import { grantStaff } from '../property/testing/fixtures.ts';
import {
	buildings,
	companyMembers,
	estates,
	floors,
	managementCompanies,
	occupancies,
	residentCompanies,
	units,
	users
} from '../db/schema/index.ts';
import { loadActor, type Actor } from '../auth/actor.ts';
import type { StaffRole } from '../auth/permissions.ts';

export async function makeEstate(name = 'Harbour View') {
	const [company] = await db().insert(managementCompanies).values({ name: 'Lobby PM' }).returning();
	const [estate] = await db()
		.insert(estates)
		.values({ companyId: company!.id, code: `E${randomUUID().slice(0, 6)}`, name, kind: 'residential', timeZone: DEFAULT_TIME_ZONE })
		.returning();
	const [building] = await db().insert(buildings).values({ estateId: estate!.id, code: 'A', name: 'Block A' }).returning();
	const [floor] = await db().insert(floors).values({ buildingId: building!.id, level: 12, label: '12/F' }).returning();
	return { estate: estate!, building: building!, floor: floor! };
}

export async function makeUnit(place: Awaited<ReturnType<typeof makeEstate>>, number: string, areaM2 = '78.50') {
	const [unit] = await db()
		.insert(units)
		.values({
			estateId: place.estate.id,
			buildingId: place.building.id,
			floorId: place.floor.id,
			number,
			areaM2,
			use: 'residential'
		})
		.returning();
	return unit!;
}

export async function makeUser(name: string, kind: 'resident' | 'staff' = 'resident') {
	const [user] = await db()
		.insert(users)
		.values({ name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@example.com`, kind })
		.returning();
	return user!;
}

export async function makeStaff(name: string, roles: StaffRole[], estateIds: string[] = []) {
	const user = await makeUser(name, 'staff');
	await grantStaff(user.id, roles, estateIds);
	return user;
}

export async function makeCompany(name: string, members: { userId: string; role?: 'admin' | 'member' }[]) {
	const [company] = await db().insert(residentCompanies).values({ name }).returning();
	for (const m of members) {
		await db()
			.insert(companyMembers)
			.values({ companyId: company!.id, userId: m.userId, role: m.role ?? 'member' });
	}
	return company!;
}

export async function occupy(
	unitId: string,
	party: { userId: string } | { companyId: string },
	role: 'owner' | 'renter' = 'owner',
	startsOn = '2022-01-01',
	endsOn: string | null = null
) {
	const [row] = await db()
		.insert(occupancies)
		.values({ unitId, role, startsOn, endsOn, ...party })
		.returning();
	return row!;
}

export async function actorFor(userId: string, sessionId: string | null = null): Promise<Actor> {
	const actor = await loadActor(userId, sessionId);
	if (!actor) throw new Error('no actor');
	return actor;
}
