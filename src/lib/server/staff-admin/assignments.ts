import { asc, inArray } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { estates } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';

/** The estates a staff member works in, for their own dashboard; null estateIds means all. */
export async function myEstates(actor: Actor): Promise<{ all: boolean; estates: { id: string; name: string }[] }> {
	requireSignedIn(actor);
	if (actor.estateIds === null) return { all: true, estates: [] };
	if (actor.estateIds.length === 0) return { all: false, estates: [] };
	const rows = await db()
		.select({ id: estates.id, name: estates.name })
		.from(estates)
		.where(inArray(estates.id, [...actor.estateIds]))
		.orderBy(asc(estates.name));
	return { all: false, estates: rows };
}
