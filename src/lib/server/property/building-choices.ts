import { asc, eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { db, type Executor } from '../db/client.ts';
import { buildings, estates } from '../db/schema/index.ts';
import { inActorEstates } from '../auth/guards.ts';

/** A building to pick in a "which unit" step (desk requests, meter readings). */
export interface BuildingChoice {
	id: string;
	code: string;
	name: string;
	estateId: string;
	estateCode: string;
	estateName: string;
}

/** Buildings of the actor's estates, by estate and building code. Callers check the permission first. */
export function buildingChoices(actor: Actor, executor: Executor = db()): Promise<BuildingChoice[]> {
	return executor
		.select({
			id: buildings.id,
			code: buildings.code,
			name: buildings.name,
			estateId: estates.id,
			estateCode: estates.code,
			estateName: estates.name
		})
		.from(buildings)
		.innerJoin(estates, eq(estates.id, buildings.estateId))
		.where(inActorEstates(actor, buildings.estateId))
		.orderBy(asc(estates.code), asc(buildings.code));
}
