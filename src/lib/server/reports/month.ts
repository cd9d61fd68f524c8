import { localDate, localInstant } from '../appointments/slot-times.ts';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' when the value is a real month (years 2000–2999), else null. */
export function parseMonth(value: string | null | undefined): string | null {
	if (!value) return null;
	const match = MONTH.exec(value.trim());
	if (!match || Number(match[1]) < 2000 || Number(match[1]) > 2999) return null;
	return `${match[1]}-${match[2]}`;
}

/** The local month ('YYYY-MM') an instant falls in. */
export function monthOf(at: Date, timeZone: string): string {
	return localDate(at, timeZone).slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
	const [year, mon] = month.split('-').map(Number) as [number, number];
	const index = year * 12 + (mon - 1) + by;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The instants bounding a local month: [first instant of the month, first of the next). */
export function monthBounds(month: string, timeZone: string): { from: Date; to: Date } {
	return { from: localInstant(`${month}-01`, 0, timeZone), to: localInstant(`${shiftMonth(month, 1)}-01`, 0, timeZone) };
}
