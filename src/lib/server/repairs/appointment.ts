import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import type { Tx } from '../db/client.ts';
import { repairKinds } from '../db/schema/index.ts';
import { activeBooking, bookSlot, rescheduleBooking, type Booking } from '../appointments/bookings.ts';
import type { RepairOrder } from './access.ts';

/**
 * Puts the order's appointment in the slot: keeps it when it is already there, moves the
 * current booking otherwise (the new place is taken before the old one is freed), or books one.
 * Slot problems (full, gone, another estate or kind) are InputErrors at the slot field.
 */
export async function placeAppointment(
	tx: Tx,
	actor: Actor,
	order: Pick<RepairOrder, 'id' | 'estateId' | 'kindId'>,
	slotId: string
): Promise<Booking> {
	const subject = { type: 'repair', id: order.id };
	const [kind] = await tx.select({ code: repairKinds.code }).from(repairKinds).where(eq(repairKinds.id, order.kindId));
	const conditions = { estateId: order.estateId, kindCode: kind?.code ?? null };
	const current = await activeBooking(tx, subject);
	if (current?.slotId === slotId) return current;
	if (current) return rescheduleBooking(tx, current.bookingId, slotId, { actor, ...conditions });
	return bookSlot(tx, { slotId, subject, actor, ...conditions });
}
