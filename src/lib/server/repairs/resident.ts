import { m } from '#lib/paraglide/messages.js';
import { numericDateTime } from '#lib/time/index.ts';
import { commentSchema, ratingSchema, reasonSchema, signOffSchema, slotChoiceSchema } from '#lib/schemas/repairs.ts';
import type { Actor } from '../auth/actor.ts';
import { repairRatings } from '../db/schema/index.ts';
import { InputError, StaleStateError, parseInput } from '../kernel/input-error.ts';
import { rethrowUnique } from '../kernel/unique-violation.ts';
import { activeBooking, cancelBooking } from '../appointments/bookings.ts';
import { storePhoto } from '../files/service.ts';
import { createRepairCallback } from '../callbacks/create.ts';
import { placeAppointment } from './appointment.ts';
import { checkPhotos, checkSignature } from './photos.ts';
import { tellAboutRepair } from './notices.ts';
import { takeAction } from './transition.ts';

/** Moves the appointment to another slot before the visit; the technician is told. */
export async function rescheduleRepair(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseInput(slotChoiceSchema, raw);
	return takeAction(actor, repairId, 'reschedule', async (tx, { order, timeZone }) => {
		const booking = await placeAppointment(tx, actor, order, input.slotId);
		const when = numericDateTime(booking.startsAt, timeZone);
		await tellAboutRepair(tx, order, 'rescheduled', { userIds: [order.technicianId, order.ownerId], audience: 'staff' }, { when });
		await tellAboutRepair(
			tx,
			order,
			'rescheduled',
			{ userIds: [order.requesterId].filter((id) => id !== actor.userId), audience: 'resident' },
			{ when }
		);
		return {
			// Moved by hand: no longer the time agreed after a missed visit.
			changes: { appointmentAgreement: null },
			data: { slotId: booking.slotId, startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString() }
		};
	});
}

/** Cancels before the visit, with a reason; the appointment place is freed. */
export async function cancelRepair(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseInput(reasonSchema, raw);
	return takeAction(actor, repairId, 'cancel', async (tx, { order }) => {
		const booking = await activeBooking(tx, { type: 'repair', id: order.id });
		if (booking) await cancelBooking(tx, booking.bookingId);
		await tellAboutRepair(tx, order, 'cancelled', { userIds: [order.technicianId, order.ownerId], audience: 'staff' });
		await tellAboutRepair(tx, order, 'cancelled', {
			userIds: [order.requesterId].filter((id) => id !== actor.userId),
			audience: 'resident'
		});
		return { changes: { cancelledAt: new Date() }, note: input.reason };
	});
}

/**
 * A comment and/or photos from anyone who may act on the order (resident, desk, technician,
 * supervisor). The other side is told.
 */
export async function commentOnRepair(actor: Actor, repairId: string, raw: unknown, photos: readonly File[] = []): Promise<void> {
	const input = parseInput(commentSchema, raw);
	const accepted = await checkPhotos(photos);
	if (input.comment === '' && accepted.length === 0) throw new InputError('comment', m.repairs_comment_empty());
	await takeAction(actor, repairId, 'comment', async (tx, { order, capacities }) => {
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

/**
 * The resident checks the work and signs (typed name or drawn signature) — on the portal, or on
 * the technician's phone at the door. The order is done and its callback is created.
 */
export async function signOffRepair(
	actor: Actor,
	repairId: string,
	raw: unknown,
	{ now = new Date() }: { now?: Date } = {}
): Promise<void> {
	const input = parseInput(signOffSchema, raw);
	const drawn = input.signature ? await checkSignature(input.signature) : null;
	await takeAction(actor, repairId, 'sign_off', async (tx, { order }) => {
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
	const input = parseInput(reasonSchema, raw);
	return takeAction(actor, repairId, 'reject', async (tx, { order }) => {
		await tellAboutRepair(
			tx,
			order,
			'rejected',
			{ userIds: [order.technicianId, order.ownerId], audience: 'staff' },
			{ reason: input.reason }
		);
		return {
			// The next completion waits for its own sign-off: the deadline sweep's reminder starts afresh.
			changes: { reopenCount: order.reopenCount + 1, workDoneAt: null, onSiteAt: null, signoffRemindedAt: null, signoffEscalatedAt: null },
			note: input.reason
		};
	});
}

/** The resident rates a finished order once: overall, speed, technician (1–5) and a comment. */
export async function rateRepair(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseInput(ratingSchema, raw);
	await takeAction(actor, repairId, 'rate', async (tx, { order }) => {
		await tx
			.insert(repairRatings)
			.values({ repairId: order.id, ...input, ratedBy: actor.userId })
			// Two ratings at once: the primary key keeps the first.
			.catch((err: unknown) => rethrowUnique(err, { '*': () => new StaleStateError(m.repairs_already_rated()) }));
		return { note: input.comment, data: { overall: input.overall, speed: input.speed, technician: input.technician } };
	});
}
