import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonthsToDate,
	addMonths,
	businessToday,
	dateTime,
	daysBetween,
	isTimeZone,
	lastDay,
	localClock,
	localDate,
	localInstant,
	monthBounds,
	monthsBetween,
	parseClock,
	parseDate,
	parseMonth,
	weekday
} from './index.ts';

const hk = { timeZone: 'Asia/Hong_Kong' };

describe('business today', () => {
	it("is the estate's date, not the server's: 23:30 UTC is already tomorrow in Hong Kong", () => {
		expect(businessToday(hk, new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-02');
		expect(businessToday({ timeZone: 'America/New_York' }, new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
	});
});

describe('dates', () => {
	it('accept real dates only', () => {
		expect(parseDate('2028-02-29')).toBe('2028-02-29');
		for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '', '0000-01-01', '2026-12-02T00:00', null])
			expect(parseDate(bad)).toBeNull();
	});

	it('count and step across months and leap days', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(daysBetween('2026-11-20', '2026-12-02')).toBe(12);
		expect(weekday('2026-12-02')).toBe(3);
		expect(parseClock('24:00')).toBe(1440);
		expect(parseClock('24:01')).toBeNull();
	});

	it('step by months to the same day, or the shorter month’s last (a year before 29 Feb is 28 Feb)', () => {
		expect(addMonthsToDate('2026-12-05', -12)).toBe('2025-12-05');
		expect(addMonthsToDate('2028-02-29', -12)).toBe('2027-02-28');
		expect(addMonthsToDate('2026-03-31', -1)).toBe('2026-02-28');
	});
});

describe('months', () => {
	it('step across years and list ranges', () => {
		expect(addMonths('2026-12', 1)).toBe('2027-01');
		expect(addMonths('2027-01', -13)).toBe('2025-12');
		expect(lastDay('2028-02')).toBe('2028-02-29');
		expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
		expect(parseMonth('2026-00')).toBeNull();
		expect(parseMonth(' 2026-07 ')).toBe('2026-07');
	});
});

describe('instants in a zone', () => {
	it('convert both ways in Hong Kong', () => {
		const at = localInstant('2026-12-02', 10 * 60 + 18, 'Asia/Hong_Kong');
		expect(at.toISOString()).toBe('2026-12-02T02:18:00.000Z');
		expect(localDate(at, 'Asia/Hong_Kong')).toBe('2026-12-02');
		expect(localClock(at, 'Asia/Hong_Kong')).toBe('10:18');
		expect(localInstant('2026-12-02', 1440, 'Asia/Hong_Kong').toISOString()).toBe('2026-12-02T16:00:00.000Z');
	});

	it('read local midnight as 00:00 of the new day, and a repeated autumn hour in both offsets', () => {
		expect(localDate(new Date('2026-12-01T16:00:00Z'), 'Asia/Hong_Kong')).toBe('2026-12-02');
		expect(localClock(new Date('2026-12-01T16:00:00Z'), 'Asia/Hong_Kong')).toBe('00:00');
		expect(localClock(new Date('2026-10-25T00:30:00Z'), 'Europe/London')).toBe('01:30');
		expect(localClock(new Date('2026-10-25T01:30:00Z'), 'Europe/London')).toBe('01:30');
		expect(localDate(new Date('2026-03-29T00:59:00Z'), 'America/New_York')).toBe('2026-03-28');
	});

	it('land after a spring-forward gap and on the later of a repeated hour', () => {
		expect(localInstant('2026-03-29', 60 + 30, 'Europe/London').toISOString()).toBe('2026-03-29T01:30:00.000Z');
		expect(localInstant('2026-10-25', 60 + 30, 'Europe/London').toISOString()).toBe('2026-10-25T01:30:00.000Z');
	});

	it('bound a month by local midnights', () => {
		const { from, to } = monthBounds('2026-12', 'Asia/Hong_Kong');
		expect(from.toISOString()).toBe('2026-11-30T16:00:00.000Z');
		expect(to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
	});

	it("read 02:18 UTC as 10:18 in Hong Kong whatever the server's zone", () => {
		expect(dateTime(new Date('2026-12-02T02:18:00Z'), 'Asia/Hong_Kong', 'en')).toContain('10:18');
	});

	it('know real zones from made-up ones', () => {
		expect(isTimeZone('Asia/Shanghai')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
		expect(isTimeZone('')).toBe(false);
	});
});
