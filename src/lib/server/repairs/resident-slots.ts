import { eq, inArray } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { db, type Executor } from '../db/client.ts';
import { repairKinds, units } from '../db/schema/index.ts';
import { estateTimeZone } from '../appointments/access.ts';
import { listOpenSlots, type Slot } from '../appointments/slots.ts';
import { actorUnitIds } from '../residents/units.ts';
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
	timeZone: string;
	slots: OpenSlot[];
}

const toOpenSlot = (slot: Slot): OpenSlot => ({ id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt, kindCodes: slot.repairKindCodes });

/**
 * For the filing form: the estate of each unit I hold today, and the open slots of each of those
 * estates for every kind (the form narrows them to the chosen unit and kind in the browser; the
 * booking re-checks estate and kind on the server).
 */
export async function openSlotsForMyUnits(actor: Actor, executor: Executor = db()) {
	const rows = await executor
		.select({ unitId: units.id, estateId: units.estateId })
		.from(units)
		.where(inArray(units.id, await actorUnitIds(actor, executor)));
	const unitEstates: Record<string, string> = Object.fromEntries(rows.map((r) => [r.unitId, r.estateId]));
	const estates: EstateSlots[] = [];
	for (const estateId of new Set(rows.map((r) => r.estateId))) {
		const slots = await listOpenSlots(executor, { estateId });
		estates.push({ estateId, timeZone: estateTimeZone(estateId), slots: slots.map(toOpenSlot) });
	}
	return { unitEstates, estates };
}

/** Open slots another appointment for this order may move to: its estate, its kind. 404 if not visible. */
export async function openSlotsForRepair(actor: Actor, repairId: string, executor: Executor = db()): Promise<EstateSlots> {
	const { order } = await loadRepair(executor, actor, repairId);
	const [kind] = await executor.select({ code: repairKinds.code }).from(repairKinds).where(eq(repairKinds.id, order.kindId));
	const slots = await listOpenSlots(executor, { estateId: order.estateId, kindCode: kind?.code ?? null });
	return { estateId: order.estateId, timeZone: estateTimeZone(order.estateId), slots: slots.map(toOpenSlot) };
}
