import { m } from '#lib/paraglide/messages.js';
import { numericDateTime } from '#lib/time/index.ts';
import { completeSchema, materialSchema, missSchema, slotChoiceSchema } from '#lib/schemas/repairs.ts';
import type { Actor } from '../auth/actor.ts';
import { repairMaterials } from '../db/schema/index.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { minutesAfterStart } from '#lib/visit-arrival.ts';
import { activeBooking } from '../appointments/bookings.ts';
import { storePhoto } from '../files/service.ts';
import { placeAppointment } from './appointment.ts';
import { checkPhotos } from './photos.ts';
import { tellAboutRepair } from './notices.ts';
import { takeAction } from './transition.ts';

/**
 * 工程部接單: the assigned technician records receiving the order — an explicit action (a button
 * on the order page), never a side effect of opening the page, which a hovered link preloads.
 */
export async function receiveOrder(actor: Actor, repairId: string): Promise<void> {
	return takeAction(actor, repairId, 'receive', async () => ({ changes: { technicianReceivedAt: new Date() } }));
}

/** The technician (or desk) books or confirms the visit in a slot: the order is scheduled. */
export async function scheduleRepair(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseInput(slotChoiceSchema, raw);
	return takeAction(actor, repairId, 'schedule', async (tx, { order, timeZone }) => {
		const booking = await placeAppointment(tx, actor, order, input.slotId);
		const when = numericDateTime(booking.startsAt, timeZone);
		await tellAboutRepair(tx, order, 'scheduled', { userIds: [order.requesterId], audience: 'resident' }, { when }, [
			'inbox',
			'email',
			'sms'
		]);
		return {
			// An appointment set the usual way: no longer one proposed after a missed visit.
			changes: { appointmentAgreement: null },
			data: { slotId: booking.slotId, startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString() }
		};
	});
}

/**
 * The appointment cannot be kept: the reason is recorded and another slot proposed. The proposal
 * stands as the appointment, shown as not confirmed, until the resident confirms it or chooses
 * another time (visit-time.ts) — in the portal, or by phone to the desk.
 */
export async function missAppointment(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseInput(missSchema, raw);
	return takeAction(actor, repairId, 'miss', async (tx, { order, timeZone }) => {
		const missed = await activeBooking(tx, { type: 'repair', id: order.id });
		if (missed?.slotId === input.slotId) throw new InputError('slotId', m.visits_miss_same_slot());
		const booking = await placeAppointment(tx, actor, order, input.slotId);
		const when = numericDateTime(booking.startsAt, timeZone);
		await tellAboutRepair(
			tx,
			order,
			'time_proposed',
			{ userIds: [order.requesterId], audience: 'resident' },
			{ when, reason: input.reason },
			['inbox', 'email', 'sms']
		);
		return {
			changes: { appointmentAgreement: 'proposed' },
			note: input.reason,
			data: {
				slotId: booking.slotId,
				startsAt: booking.startsAt.toISOString(),
				endsAt: booking.endsAt.toISOString(),
				missedStartsAt: missed?.startsAt.toISOString() ?? null
			}
		};
	});
}

/**
 * On-site confirmation: the technician has arrived and work begins (receiving the order, if not
 * yet recorded). The arrival is kept against the appointed start, when there is an appointment:
 * the event says how many minutes after it (negative: before), and the repair report's on-time
 * share for common areas reads the same two times (reports/arrivals.ts).
 */
export async function confirmOnSite(
	actor: Actor,
	repairId: string,
	{ now = new Date() }: { now?: Date } = {}
): Promise<{ arrivedAt: Date; minutesAfterAppointment: number | null; timeZone: string }> {
	return takeAction(actor, repairId, 'start', async (tx, { order, timeZone }) => {
		const booking = await activeBooking(tx, { type: 'repair', id: order.id });
		const minutesAfterAppointment = booking ? minutesAfterStart(now, booking.startsAt) : null;
		await tellAboutRepair(tx, order, 'on_site', { userIds: [order.requesterId], audience: 'resident' });
		return {
			changes: { onSiteAt: now, technicianReceivedAt: order.technicianReceivedAt ?? now },
			data: booking ? { appointmentStartsAt: booking.startsAt.toISOString(), minutesAfterAppointment } : undefined,
			result: { arrivedAt: now, minutesAfterAppointment, timeZone }
		};
	});
}

/** A material used; one the resident supplied is marked accepted or rejected (rule 2). */
export async function recordMaterial(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseInput(materialSchema, raw);
	return takeAction(actor, repairId, 'material', async (tx, { order }) => {
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
	if (accepted.length === 0) throw new InputError('photos', m.repairs_photo_required());
	await takeAction(actor, repairId, 'after_photos', async (tx, { order }) => {
		const ids: string[] = [];
		for (const photo of accepted) ids.push((await storePhoto(tx, actor, photo, { type: 'repair-after', id: order.id })).id);
		return { data: { photoIds: ids } };
	});
}

/**
 * Work done: the order waits for the resident's sign-off. A quote still in play blocks it — the
 * resident decides before paid work is done — and is said at the work summary.
 */
export async function completeWork(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseInput(completeSchema, raw);
	return takeAction(actor, repairId, 'complete', async (tx, { order, facts }) => {
		if (facts.quoteInPlay) throw new InputError('workSummary', m.repairs_quote_still_open());
		await tellAboutRepair(tx, order, 'completed', { userIds: [order.requesterId], audience: 'resident' });
		return { changes: { workDoneAt: new Date(), workSummary: input.workSummary }, note: input.workSummary };
	});
}
