import { error } from '@sveltejs/kit';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { completeSchema, materialSchema, missSchema, slotChoiceSchema } from '#lib/schemas/repairs.ts';
import type { Actor } from '../auth/actor.ts';
import { db } from '../db/client.ts';
import { repairMaterials, repairOrders, repairQuotes } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { storePhoto } from '../files/service.ts';
import { loadRepair } from './access.ts';
import { placeAppointment } from './appointment.ts';
import { estateWallTime } from './desk.ts';
import { RepairInputError, RepairStateError } from './errors.ts';
import { checkPhotos, parseRepairInput } from './intake.ts';
import { tellAboutRepair } from './notices.ts';
import { recordOnOrder, transition } from './transition.ts';

/**
 * Records when the assigned technician first opened the order (工程部接單時間). Called when the
 * technician's order page loads; only the first opening counts, and only the technician's.
 */
export async function markReceivedByTechnician(actor: Actor, repairId: string): Promise<void> {
	const { order, capacities } = await loadRepair(db(), actor, repairId);
	if (!capacities.has('technician') || order.technicianReceivedAt) return;
	await db().transaction(async (tx) => {
		const [updated] = await tx
			.update(repairOrders)
			.set({ technicianReceivedAt: new Date() })
			.where(and(eq(repairOrders.id, order.id), eq(repairOrders.technicianId, actor.userId), isNull(repairOrders.technicianReceivedAt)))
			.returning({ id: repairOrders.id });
		if (updated) await recordEvent(tx, { actor, subjectType: 'repair', subjectId: order.id, kind: 'technician_received' });
	});
}

/** The technician (or desk) books or confirms the visit in a slot: the order is scheduled. */
export async function scheduleRepair(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseRepairInput(slotChoiceSchema, raw);
	return transition(actor, repairId, 'schedule', async (tx, { order }) => {
		const booking = await placeAppointment(tx, actor, order, input.slotId);
		const when = estateWallTime(order.estateId, booking.startsAt);
		await tellAboutRepair(tx, order, 'scheduled', { userIds: [order.requesterId], audience: 'resident' }, { when }, ['inbox', 'email', 'sms']);
		return { data: { slotId: booking.slotId, startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString() } };
	});
}

/** The appointment cannot be kept: a new slot is proposed, the reason recorded, the resident told. */
export async function missAppointment(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseRepairInput(missSchema, raw);
	return transition(actor, repairId, 'miss', async (tx, { order }) => {
		const booking = await placeAppointment(tx, actor, order, input.slotId);
		const when = estateWallTime(order.estateId, booking.startsAt);
		await tellAboutRepair(tx, order, 'missed', { userIds: [order.requesterId], audience: 'resident' }, { when, reason: input.reason }, [
			'inbox',
			'email',
			'sms'
		]);
		return { note: input.reason, data: { slotId: booking.slotId, startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString() } };
	});
}

/** On-site confirmation: the technician is at the unit and work begins. */
export async function confirmOnSite(actor: Actor, repairId: string): Promise<void> {
	return transition(actor, repairId, 'start', async (tx, { order }) => {
		const now = new Date();
		await tellAboutRepair(tx, order, 'on_site', { userIds: [order.requesterId], audience: 'resident' });
		return { changes: { onSiteAt: now, technicianReceivedAt: order.technicianReceivedAt ?? now } };
	});
}

function requireWorking(capacities: ReadonlySet<string>, state: string) {
	if (!capacities.has('technician')) error(403, 'Forbidden');
	if (state !== 'in_progress') throw new RepairStateError();
}

/** A material used; one the resident supplied is marked accepted or rejected (rule 2). */
export async function recordMaterial(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseRepairInput(materialSchema, raw);
	return recordOnOrder(actor, repairId, 'material', async (tx, { order, capacities }) => {
		requireWorking(capacities, order.state);
		const accepted = input.source === 'resident' ? input.accepted === 'yes' : null;
		await tx.insert(repairMaterials).values({
			repairId: order.id,
			name: input.name,
			quantity: input.quantity,
			source: input.source,
			accepted,
			note: input.note,
			recordedBy: actor.userId
		});
		return { note: input.note, data: { name: input.name, quantity: input.quantity, source: input.source, accepted } };
	});
}

/** After-photos of the work, checked and re-encoded like the resident's. */
export async function addAfterPhotos(actor: Actor, repairId: string, photos: readonly File[]): Promise<void> {
	const accepted = await checkPhotos(photos);
	if (accepted.length === 0) throw new RepairInputError('photos', m.repairs_photo_required());
	await recordOnOrder(actor, repairId, 'after_photos', async (tx, { order, capacities }) => {
		requireWorking(capacities, order.state);
		const ids: string[] = [];
		for (const photo of accepted) ids.push((await storePhoto(tx, actor, photo, { type: 'repair-after', id: order.id })).id);
		return { data: { photoIds: ids } };
	});
}

/**
 * Work done: the order waits for the resident's sign-off. A quote still in play blocks it — the
 * resident decides before paid work is done.
 */
export async function completeWork(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseRepairInput(completeSchema, raw);
	return transition(actor, repairId, 'complete', async (tx, { order }) => {
		const [open] = await tx
			.select({ id: repairQuotes.id })
			.from(repairQuotes)
			.where(and(eq(repairQuotes.repairId, order.id), inArray(repairQuotes.state, ['pending_approval', 'awaiting_resident'])));
		if (open) throw new RepairInputError('workSummary', m.repairs_quote_still_open());
		await tellAboutRepair(tx, order, 'completed', { userIds: [order.requesterId], audience: 'resident' });
		return { changes: { workDoneAt: new Date(), workSummary: input.workSummary }, note: input.workSummary };
	});
}
