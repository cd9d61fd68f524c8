import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';

/** "24 Nov 2026, 10:00" in the estate's time zone and the reader's language. */
export function formatWhen(value: Date | string, timeZone: string): string {
	return new Intl.DateTimeFormat(getLocale(), { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

/** "Tue, 24 Nov, 10:00–11:00" for a slot picker. */
export function slotTime(slot: { startsAt: Date | string; endsAt: Date | string }, timeZone: string): string {
	const day = new Intl.DateTimeFormat(getLocale(), { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(slot.startsAt));
	const clock = new Intl.DateTimeFormat(getLocale(), { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
	return `${day} ${clock.format(new Date(slot.startsAt))}–${clock.format(new Date(slot.endsAt))}`;
}

/** A slot option's text: time, places left, and whether it is the order's current appointment. */
export function slotLabel(slot: { startsAt: Date | string; endsAt: Date | string; placesLeft: number; booked?: boolean }, timeZone: string): string {
	const time = slotTime(slot, timeZone);
	if (slot.booked) return `${time} · ${m.repairs_staff_slot_booked()}`;
	return `${time} · ${m.repairs_staff_slot_places({ count: slot.placesLeft })}`;
}
