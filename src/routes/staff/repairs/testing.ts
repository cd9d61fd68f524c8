// Shared set-up for the staff repair pages' integration tests (not used by the app).
import { eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { repairKinds, repairTeamMembers, repairTeams } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { ensureDefaultDictionaries } from '#lib/server/dictionaries/defaults.ts';
import { ensureDefaultCalendar } from '#lib/server/calendar/store.ts';
import { fileRepair } from '#lib/server/repairs/intake.ts';

export interface World {
	estateId: string;
	otherEstateId: string;
	buildingId: string;
	unitId: string;
	unitNumber: string;
	resident: Actor;
	desk: Actor;
	desk2: Actor;
	tech: Actor;
	tech2: Actor;
	lead: Actor;
	finance: Actor;
	otherTech: Actor;
	teamId: string;
	kindId: string;
}

/** Two estates, a unit with its resident, desk, technicians, a supervisor and a team of two. */
export async function makeWorld(): Promise<World> {
	await ensureDefaultDictionaries(db());
	await ensureDefaultCalendar(db());
	const estate = await fx.estate();
	const other = await fx.estate();
	const building = await fx.building(estate.id, 'A');
	const [unit] = await fx.unitsIn(building, 1);
	const residentUser = await fx.residentUser('Chan Tai Man');
	await fx.occupy(unit!.id, { userId: residentUser.id });
	const [tech, tech2] = [await fx.staffActor(['engineering'], [estate.id]), await fx.staffActor(['engineering'], [estate.id])];
	const [team] = await db().insert(repairTeams).values({ estateId: estate.id, name: 'Team one' }).returning();
	await db()
		.insert(repairTeamMembers)
		.values([
			{ teamId: team!.id, userId: tech.userId },
			{ teamId: team!.id, userId: tech2.userId }
		]);
	const [kind] = await db().select().from(repairKinds).where(eq(repairKinds.code, 'water_leak'));
	return {
		estateId: estate.id,
		otherEstateId: other.id,
		buildingId: building.id,
		unitId: unit!.id,
		unitNumber: unit!.number,
		resident: await fx.actorOf(residentUser.id),
		desk: await fx.staffActor(['customer_service'], [estate.id]),
		desk2: await fx.staffActor(['customer_service'], [estate.id]),
		tech,
		tech2,
		lead: await fx.staffActor(['engineering_supervisor'], [estate.id]),
		finance: await fx.staffActor(['finance'], [estate.id]),
		otherTech: await fx.staffActor(['engineering'], [other.id]),
		teamId: team!.id,
		kindId: kind!.id
	};
}

/** A resident files a request on the portal: nobody owns it yet. */
export async function portalRepair(world: World, description = 'Water drips under the kitchen sink', slotId = ''): Promise<string> {
	const filed = await fileRepair(
		world.resident,
		{
			unitId: world.unitId,
			kindId: world.kindId,
			location: 'unit',
			locationDetail: 'kitchen sink',
			description,
			contactName: 'Chan Tai Man',
			contactPhone: '+852 9123 4567',
			enterWhenAbsent: false,
			accessNotes: '',
			appointment: slotId ? 'slot' : 'call',
			slotId
		},
		[]
	);
	return filed.id;
}
