import { localDate } from '#lib/time/index.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';

/** Billing periods are calendar months written 'YYYY-MM'. */

export interface Period {
	period: string;
	/** First day, 'YYYY-MM-DD'. */
	start: string;
	/** Last day, 'YYYY-MM-DD'. */
	end: string;
	/** First day of the next month. */
	nextStart: string;
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: string): boolean {
	return PERIOD.test(value);
}

export function parsePeriod(period: string): Period {
	const match = PERIOD.exec(period);
	if (!match) throw new RangeError(`Not a billing period 'YYYY-MM': '${period}'.`);
	const year = Number(match[1]);
	const month = Number(match[2]);
	const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return {
		period,
		start: `${period}-01`,
		end: `${period}-${String(lastDay).padStart(2, '0')}`,
		nextStart: `${addMonths(period, 1)}-01`
	};
}

/** The period `months` after (or before, when negative) the given one. */
export function addMonths(period: string, months: number): string {
	const match = PERIOD.exec(period);
	if (!match) throw new RangeError(`Not a billing period 'YYYY-MM': '${period}'.`);
	const index = Number(match[1]) * 12 + Number(match[2]) - 1 + months;
	return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The period a 'YYYY-MM-DD' date falls in. */
export function periodOf(date: string): string {
	return date.slice(0, 7);
}

/** The date `days` after (or before) a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** Today's business date in the estates' time zone: what bills, payments and reminders count by. */
export function businessToday(now: Date = new Date()): string {
	return localDate(now, DEFAULT_TIME_ZONE);
}
