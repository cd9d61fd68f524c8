/** Calendar months 'YYYY-MM': billing periods, report months. */
import { addDays, type BusinessDate } from './dates.ts';

export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' when the value is a real month (years 1900–2999), else null. */
export function parseMonth(value: string | null | undefined): Month | null {
	const match = MONTH.exec(value?.trim() ?? '');
	if (!match || Number(match[1]) < 1900 || Number(match[1]) > 2999) return null;
	return `${match[1]}-${match[2]}`;
}

function index(month: Month): number {
	const match = MONTH.exec(month);
	if (!match) throw new RangeError(`Not a month 'YYYY-MM': '${month}'.`);
	return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function fromIndex(i: number): Month {
	return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The month `months` after (or before, when negative) `month`. */
export function addMonths(month: Month, months: number): Month {
	return fromIndex(index(month) + months);
}

/** The month a date falls in. */
export function monthOf(date: BusinessDate): Month {
	return date.slice(0, 7);
}

export function firstDay(month: Month): BusinessDate {
	index(month);
	return `${month}-01`;
}

export function lastDay(month: Month): BusinessDate {
	return addDays(firstDay(addMonths(month, 1)), -1);
}

/** Every month from `from` to `to`, both included (empty when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): Month[] {
	const months: Month[] = [];
	for (let i = index(from); i <= index(to); i++) months.push(fromIndex(i));
	return months;
}
