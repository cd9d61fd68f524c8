// Test data for the registry's integration tests: real rows, real actors via loadActor.
import { randomUUID } from 'node:crypto';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';
import { db } from '../../db/client.ts';
import {
	buildings,
	estates,
	floors,
	managementCompanies,
	occupancies,
	residentCompanies,
	staffEstates,
	staffRoles,
	units,
	users
} from '../../db/schema/index.ts';
import { loadActor, type Actor } from '../../auth/actor.ts';
import type { StaffRole } from '../../auth/permissions.ts';
import { floorLabel } from '../floors.ts';

let seq = 0;
const unique = (prefix: string) => `${prefix}${++seq}-${randomUUID().slice(0, 8)}`;

/** Gives a user staff roles and estates: the one way every test fixture makes staff. */
export async function grantStaff(userId: string, roles: readonly StaffRole[], estateIds: readonly string[] = []): Promise<void> {
	if (roles.length)
		await db()
			.insert(staffRoles)
			.values(roles.map((role) => ({ userId, role })));
	if (estateIds.length)
		await db()
			.insert(staffEstates)
			.values(estateIds.map((estateId) => ({ userId, estateId })));
}

export async function staffActor(roles: StaffRole[], estateIds: string[] = []): Promise<Actor> {
	const [user] = await db()
		.insert(users)
		.values({ email: `${unique('staff')}@example.test`, name: `Staff ${roles.join('+')}`, kind: 'staff' })
		.returning();
	await grantStaff(user!.id, roles, estateIds);
	return (await loadActor(user!.id, null))!;
}

export async function residentUser(name = 'Resident', email = `${unique('resident')}@example.test`) {
	const [user] = await db().insert(users).values({ email, name, kind: 'resident' }).returning();
	return user!;
}

export async function actorOf(userId: string): Promise<Actor> {
	return (await loadActor(userId, null))!;
}

export async function contractorActor(): Promise<Actor> {
	const [user] = await db()
		.insert(users)
		.values({ email: `${unique('contractor')}@example.test`, name: 'Contractor', kind: 'contractor' })
		.returning();
	return actorOf(user!.id);
}

export async function company(name: string) {
	const [row] = await db().insert(residentCompanies).values({ name }).returning();
	return row!;
}

export async function estate(code = unique('E')) {
	let [managing] = await db().select().from(managementCompanies).limit(1);
	if (!managing) [managing] = await db().insert(managementCompanies).values({ name: 'Test Property Management' }).returning();
	const [row] = await db()
		.insert(estates)
		.values({ companyId: managing!.id, code, name: `Estate ${code}`, kind: 'residential', timeZone: DEFAULT_TIME_ZONE })
		.returning();
	return row!;
}

export async function building(estateId: string, code: string, name = `Block ${code}`) {
	const [row] = await db().insert(buildings).values({ estateId, code, name }).returning();
	return row!;
}

/** `count` units spread over floors of 10, numbered like 3A..3J. */
export async function unitsIn(
	b: { id: string; estateId: string },
	count: number,
	use: 'residential' | 'office' | 'retail' = 'residential'
) {
	const levels = Math.ceil(count / 10);
	const floorRows = await db()
		.insert(floors)
		.values(Array.from({ length: levels }, (_, i) => ({ buildingId: b.id, level: i + 1, label: floorLabel(i + 1) })))
		.onConflictDoNothing()
		.returning();
	const values = Array.from({ length: count }, (_, i) => {
		const floor = floorRows[Math.floor(i / 10)]!;
		return {
			estateId: b.estateId,
			buildingId: b.id,
			floorId: floor.id,
			number: `${floor.level}${String.fromCharCode(65 + (i % 10))}`,
			areaM2: '70.50',
			use
		};
	});
	const rows = [];
	for (let i = 0; i < values.length; i += 1000)
		rows.push(
			...(await db()
				.insert(units)
				.values(values.slice(i, i + 1000))
				.returning())
		);
	return rows;
}

export async function occupy(
	unitId: string,
	party: { userId?: string; companyId?: string },
	role: 'owner' | 'renter' = 'owner',
	startsOn = '2024-01-01',
	endsOn: string | null = null
) {
	const [row] = await db()
		.insert(occupancies)
		.values({ unitId, userId: party.userId ?? null, companyId: party.companyId ?? null, role, startsOn, endsOn })
		.returning();
	return row!;
}
