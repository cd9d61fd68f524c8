/**
 * Wall-clock ↔ instant conversions in an IANA time zone with nothing but Intl. A wall-clock
 * reading is expressed as the UTC instant with the same digits, so date arithmetic stays plain.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		formatters.set(timeZone, format);
	}
	return format;
}

/** The wall-clock reading in the zone at an instant, expressed as if it were UTC. */
export function wallClock(instant: number, timeZone: string): number {
	const parts: Record<string, number> = {};
	for (const part of formatter(timeZone).formatToParts(instant)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const seconds = Math.floor(instant / 1000) * 1000;
	return (
		Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) +
		(instant - seconds)
	);
}

function offsetAt(instant: number, timeZone: string): number {
	return wallClock(instant, timeZone) - instant;
}

/**
 * The instant at a local wall-clock time (given as if it were UTC). A time skipped by a spring
 * gap lands after the gap; a repeated autumn time takes its later occurrence.
 */
export function instantAt(wall: number, timeZone: string): number {
	const guess = wall - offsetAt(wall, timeZone);
	const offset = offsetAt(guess, timeZone);
	return wall - offset;
}
