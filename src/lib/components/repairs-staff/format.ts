import { m } from '#lib/paraglide/messages.js';
import { timeWindow } from '#lib/time/index.ts';

/** A slot option's text: its time in the estate's zone, places left, and whether it is the order's current appointment. */
export function slotLabel(
	slot: { startsAt: Date | string; endsAt: Date | string; placesLeft: number; booked?: boolean },
	timeZone: string
): string {
	const time = timeWindow(slot.startsAt, slot.endsAt, timeZone);
	if (slot.booked) return `${time} · ${m.repairs_staff_slot_booked()}`;
	return `${time} · ${m.repairs_staff_slot_places({ count: slot.placesLeft })}`;
}
