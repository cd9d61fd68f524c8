import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { db, type Executor } from '../db/client.ts';
import { estates, repairKinds } from '../db/schema/index.ts';
import { listOpenSlots, type Slot } from '../appointments/slots.ts';
import { actorOccupancies } from '../property/occupancy.ts';
import { loadRepair } from './access.ts';

/** What a resident's slot picker needs: when, and which repair kinds the slot is for (empty = any). */
export interface OpenSlot {
	id: string;
	startsAt: Date;
	endsAt: Date;
	kindCodes: string[];
}

export interface EstateSlots {
	estateId: string;
	/** The estate's own zone: its slots are shown as it reads them. */
	timeZone: string;
	slots: OpenSlot[];
}

const toOpenSlot = (slot: Slot): OpenSlot => ({
	id: slot.id,
	startsAt: slot.startsAt,
	endsAt: slot.endsAt,
	kindCodes: slot.repairKindCodes
});

/**
 * For the filing form: the estate of each unit I hold today, and the open slots of each of those
 * estates for every kind (the form narrows them to the chosen unit and kind in the browser; the
 * booking re-checks estate and kind on the server).
 */
export async function openSlotsForMyUnits(actor: Actor, executor: Executor = db()) {
	const held = await actorOccupancies(executor, actor);
	const unitEstates: Record<string, string> = Object.fromEntries(held.map((o) => [o.unitId, o.estateId]));
	const estateIds = [...new Set(held.map((o) => o.estateId))];
	const zones = estateIds.length
		? await executor.select({ id: estates.id, timeZone: estates.timeZone }).from(estates).where(inArray(estates.id, estateIds))
		: [];
	const result: EstateSlots[] = [];
	for (const { id, timeZone } of zones) {
		const slots = await listOpenSlots(executor, { estateId: id });
		result.push({ estateId: id, timeZone, slots: slots.map(toOpenSlot) });
	}
	return { unitEstates, estates: result };
}

/** Open slots another appointment for this order may move to: its estate, its kind. 404 if not visible. */
export async function openSlotsForRepair(actor: Actor, repairId: string, executor: Executor = db()): Promise<EstateSlots> {
	const { order, timeZone } = await loadRepair(executor, actor, repairId);
	const [kind] = await executor.select({ code: repairKinds.code }).from(repairKinds).where(eq(repairKinds.id, order.kindId));
	const slots = await listOpenSlots(executor, { estateId: order.estateId, kindCode: kind?.code ?? null });
	return { estateId: order.estateId, timeZone, slots: slots.map(toOpenSlot) };
}
