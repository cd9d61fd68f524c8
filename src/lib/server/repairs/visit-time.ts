/**
 * The resident's answer to a time the technician proposed after missing a visit (rule 2: "if the
 * appointment cannot be kept the resident is told and a new time agreed"): confirm the proposed
 * time, or choose another free slot — in the portal, or by phone to the desk, who records it. Each
 * answer is one transition of the repair machine (confirm_time / choose_time): the order's
 * appointmentAgreement and the event in one transaction, and the other side told.
 */
import { m } from '#lib/paraglide/messages.js';
import { numericDateTime } from '#lib/time/index.ts';
import { slotChoiceSchema } from '#lib/schemas/repairs.ts';
import type { Actor } from '../auth/actor.ts';
import type { Tx } from '../db/client.ts';
import { InputError, StaleStateError, parseInput } from '../kernel/input-error.ts';
import { activeBooking, type Booking } from '../appointments/bookings.ts';
import { placeAppointment } from './appointment.ts';
import type { LoadedRepair } from './access.ts';
import { tellAboutRepair } from './notices.ts';
import { takeAction } from './transition.ts';

/** Tells the technician (and the order's owner at the desk); when the desk took the answer by phone, the resident too. */
async function tellTheOtherSide(tx: Tx, actor: Actor, { order, capacities, timeZone }: LoadedRepair, booking: Booking, chosen: boolean) {
	const when = numericDateTime(booking.startsAt, timeZone);
	await tellAboutRepair(
		tx,
		order,
		chosen ? 'time_chosen' : 'time_confirmed',
		{ userIds: [order.technicianId], audience: 'staff' },
		{ when },
		['inbox', 'sms']
	);
	await tellAboutRepair(
		tx,
		order,
		chosen ? 'time_chosen' : 'time_confirmed',
		{ userIds: [order.ownerId].filter((id) => id !== actor.userId && id !== order.technicianId), audience: 'staff' },
		{ when }
	);
	if (!capacities.has('resident')) {
		await tellAboutRepair(tx, order, 'time_agreed', { userIds: [order.requesterId], audience: 'resident' }, { when }, [
			'inbox',
			'email',
			'sms'
		]);
	}
}

const bookingData = (booking: Booking, byPhone: boolean) => ({
	slotId: booking.slotId,
	startsAt: booking.startsAt.toISOString(),
	endsAt: booking.endsAt.toISOString(),
	byPhone
});

/**
 * The resident confirms the proposed time. The form carries the slot the resident was shown: when
 * the technician has proposed another since, the answer is refused (the page shows the new one).
 */
export async function confirmProposedTime(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseInput(slotChoiceSchema, raw);
	return takeAction(actor, repairId, 'confirm_time', async (tx, loaded) => {
		const booking = await activeBooking(tx, { type: 'repair', id: loaded.order.id });
		if (!booking || booking.slotId !== input.slotId) throw new StaleStateError(m.visits_proposal_changed());
		await tellTheOtherSide(tx, actor, loaded, booking, false);
		return { changes: { appointmentAgreement: 'confirmed' }, data: bookingData(booking, !loaded.capacities.has('resident')) };
	});
}

/** The resident chooses another free slot instead of the proposed time; the proposed place is freed. */
export async function chooseOtherTime(actor: Actor, repairId: string, raw: unknown): Promise<void> {
	const input = parseInput(slotChoiceSchema, raw);
	return takeAction(actor, repairId, 'choose_time', async (tx, loaded) => {
		const proposed = await activeBooking(tx, { type: 'repair', id: loaded.order.id });
		if (proposed?.slotId === input.slotId) throw new InputError('slotId', m.visits_choose_same_slot());
		const booking = await placeAppointment(tx, actor, loaded.order, input.slotId);
		await tellTheOtherSide(tx, actor, loaded, booking, true);
		return {
			changes: { appointmentAgreement: 'chosen' },
			data: { ...bookingData(booking, !loaded.capacities.has('resident')), proposedStartsAt: proposed?.startsAt.toISOString() ?? null }
		};
	});
}
