import { error } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { commentSchema, ratingSchema, reasonSchema, signOffSchema, slotChoiceSchema } from '#lib/schemas/repairs.ts';
import type { Actor } from '../auth/actor.ts';
import { repairRatings } from '../db/schema/index.ts';
import { activeBooking, cancelBooking } from '../appointments/bookings.ts';
import { isUniqueViolation } from '../dictionaries/results.ts';
import { acceptPhoto } from '../files/photos.ts';
import { FileInputError } from '../files/errors.ts';
import { storePhoto } from '../files/service.ts';
import { createRepairCallback } from '../callbacks/create.ts';
import { placeAppointment } from './appointment.ts';
import { estateWallTime } from './desk.ts';
import { RepairInputError, RepairStateError } from './errors.ts';
import { checkPhotos, parseRepairInput } from './intake.ts';
import { tellAboutRepair } from './notices.ts';
import { recordOnOrder, transition } from './transition.ts';

/** Moves the appointment to another slot before the visit; the technician is told. */
export async function rescheduleRepair(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseRepairInput(slotChoiceSchema, raw);
	return transition(actor, repairId, 'reschedule', async (tx, { order }) => {
		const booking = await placeAppointment(tx, actor, order, input.slotId);
		const when = estateWallTime(order.estateId, booking.startsAt);
		await tellAboutRepair(tx, order, 'rescheduled', { userIds: [order.technicianId, order.ownerId], audience: 'staff' }, { when });
		await tellAboutRepair(tx, order, 'rescheduled', { userIds: [order.requesterId].filter((id) => id !== actor.userId), audience: 'resident' }, { when });
		return { data: { slotId: booking.slotId, startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString() } };
	});
}

/** Cancels before the visit, with a reason; the appointment place is freed. */
export async function cancelRepair(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseRepairInput(reasonSchema, raw);
	return transition(actor, repairId, 'cancel', async (tx, { order }) => {
		const booking = await activeBooking(tx, { type: 'repair', id: order.id });
		if (booking) await cancelBooking(tx, booking.bookingId);
		await tellAboutRepair(tx, order, 'cancelled', { userIds: [order.technicianId, order.ownerId], audience: 'staff' });
		await tellAboutRepair(tx, order, 'cancelled', { userIds: [order.requesterId].filter((id) => id !== actor.userId), audience: 'resident' });
		return { changes: { cancelledAt: new Date() }, note: input.reason };
	});
}

/**
 * A comment and/or photos from anyone who may act on the order (resident, desk, technician).
 * The other side is told.
 */
export async function commentOnRepair(actor: Actor, repairId: string, raw: unknown, photos: readonly File[] = []): Promise<void> {
	const input = parseRepairInput(commentSchema, raw);
	const accepted = await checkPhotos(photos);
	if (input.comment === '' && accepted.length === 0) throw new RepairInputError('comment', m.repairs_comment_empty());
	await recordOnOrder(actor, repairId, 'comment', async (tx, { order, capacities }) => {
		if (capacities.size === 0) error(403, 'Forbidden');
		if (order.state === 'cancelled') throw new RepairStateError();
		const photoIds: string[] = [];
		for (const photo of accepted) photoIds.push((await storePhoto(tx, actor, photo, { type: 'repair', id: order.id })).id);
		const author = actor.name;
		if (capacities.has('resident')) {
			await tellAboutRepair(tx, order, 'comment', { userIds: [order.technicianId, order.ownerId], audience: 'staff' }, { author });
		} else {
			await tellAboutRepair(tx, order, 'comment', { userIds: [order.requesterId], audience: 'resident' }, { author });
		}
		return { note: input.comment, data: { photoIds } };
	});
}

async function signatureImage(dataUrl: string) {
	const bytes = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
	try {
		return await acceptPhoto(new File([bytes], 'signature.png', { type: 'image/png' }));
	} catch (err) {
		if (err instanceof FileInputError) throw new RepairInputError('signature', m.repairs_signature_invalid());
		throw err;
	}
}

/**
 * The resident checks the work and signs (typed name or drawn signature) — on the portal, or on
 * the technician's phone at the door. The order is done and its callback is created.
 */
export async function signOffRepair(actor: Actor, repairId: string, raw: unknown, { now = new Date() }: { now?: Date } = {}): Promise<void> {
	const input = parseRepairInput(signOffSchema, raw);
	const drawn = input.signature ? await signatureImage(input.signature) : null;
	await transition(actor, repairId, 'sign_off', async (tx, { order }) => {
		const file = drawn ? await storePhoto(tx, actor, drawn, { type: 'repair-signature', id: order.id }) : null;
		const signedName = input.signedName || order.contactName;
		await tellAboutRepair(tx, order, 'signed_off', { userIds: [order.technicianId, order.ownerId], audience: 'staff' });
		return {
			changes: { signedOffAt: now, signedOffName: signedName, signatureFileId: file?.id ?? null },
			data: { signedName, signatureFileId: file?.id ?? null },
			after: async (after) => void (await createRepairCallback(after, order, now))
		};
	});
}

/** The resident is not satisfied: the order reopens with the same technician, reason on record. */
export async function rejectCompletion(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseRepairInput(reasonSchema, raw);
	return transition(actor, repairId, 'reject', async (tx, { order }) => {
		await tellAboutRepair(tx, order, 'rejected', { userIds: [order.technicianId, order.ownerId], audience: 'staff' }, { reason: input.reason });
		return { changes: { reopenCount: order.reopenCount + 1, workDoneAt: null, onSiteAt: null }, note: input.reason };
	});
}

/** The resident rates a finished order once: overall, speed, technician (1–5) and a comment. */
export async function rateRepair(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseRepairInput(ratingSchema, raw);
	await recordOnOrder(actor, repairId, 'rated', async (tx, { order, capacities }) => {
		if (!capacities.has('resident')) error(403, 'Forbidden');
		if (order.state !== 'done') throw new RepairStateError();
		try {
			await tx.insert(repairRatings).values({ repairId: order.id, ...input, ratedBy: actor.userId });
		} catch (err) {
			if (isUniqueViolation(err)) throw new RepairStateError(m.repairs_already_rated());
			throw err;
		}
		return { note: input.comment, data: { overall: input.overall, speed: input.speed, technician: input.technician } };
	});
}
