/**
 * Time zones. Every estate has its own (estates.time_zone); this module holds the one default,
 * used for a new estate and for what belongs to no estate (the staff inbox, audit, outbox). No
 * other module names a zone.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Hong_Kong';

const known = new Map<string, boolean>();

/** Whether the runtime knows the IANA zone (e.g. 'Asia/Shanghai'); a bad one would throw later. */
export function isTimeZone(name: string): boolean {
	let ok = known.get(name);
	if (ok === undefined) {
		try {
			new Intl.DateTimeFormat('en', { timeZone: name });
			ok = /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(name);
		} catch {
			ok = false;
		}
		known.set(name, ok);
	}
	return ok;
}

/** The zones an estate may be given: every IANA zone the runtime knows, for the estate form. */
export function timeZoneChoices(): string[] {
	return Intl.supportedValuesOf('timeZone').filter(isTimeZone);
}
