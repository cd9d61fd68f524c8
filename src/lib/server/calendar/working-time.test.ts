import { describe, expect, it } from 'vitest';
import { HONG_KONG_HOLIDAYS } from './defaults.ts';
import { DEFAULT_TIME_ZONE, weekday } from '#lib/time/index.ts';
import { weekHoursFrom } from './store.ts';
import {
	DEFAULT_WEEK_HOURS,
	addWorkingDays,
	addWorkingMinutes,
	workingMinutesBetween,
	type WeekHours,
	type WorkingCalendar
} from './working-time.ts';

const hongKong: WorkingCalendar = {
	timeZone: DEFAULT_TIME_ZONE,
	hours: DEFAULT_WEEK_HOURS,
	holidays: new Set(HONG_KONG_HOLIDAYS.map((h) => h.date))
};
/** Local Hong Kong time, e.g. hk('2026-03-06 16:00') (UTC+8 all year). */
const hk = (local: string) => new Date(`${local.replace(' ', 'T')}+08:00`);
const hours = (n: number) => n * 60;

// 2026-03-06 is a Friday.
describe('addWorkingMinutes in Hong Kong (Mon–Fri 09:00–18:00, Sat 09:00–13:00, Sun closed)', () => {
	const cases: [name: string, start: string, minutes: number, due: string][] = [
		['a 4-hour deadline filed Friday 16:00 falls due Saturday 11:00', '2026-03-06 16:00', hours(4), '2026-03-07 11:00'],
		['an 8-hour deadline filed Saturday 12:00 skips Sunday and falls due Monday 16:00', '2026-03-07 12:00', hours(8), '2026-03-09 16:00'],
		['a request filed at 22:30 counts from the next morning’s opening', '2026-03-10 22:30', hours(2), '2026-03-11 11:00'],
		['a request filed at 07:00 counts from 09:00 the same day', '2026-03-11 07:00', hours(1), '2026-03-11 10:00'],
		['a request filed on Sunday counts from Monday’s opening', '2026-03-08 10:00', 30, '2026-03-09 09:30'],
		['a request filed after Saturday’s 13:00 closing counts from Monday', '2026-03-07 15:00', hours(1), '2026-03-09 10:00'],
		[
			'a deadline that uses up the day exactly falls due at closing, not the next morning',
			'2026-03-09 14:00',
			hours(4),
			'2026-03-09 18:00'
		],
		['a 24-working-hour deadline from Monday 09:00 spans three days', '2026-03-09 09:00', hours(24), '2026-03-11 15:00'],
		['Easter (Good Friday to the day after Easter Monday) is skipped', '2026-04-02 17:00', hours(2), '2026-04-08 10:00'],
		['the three days of Lunar New Year 2026 are skipped', '2026-02-16 17:00', hours(2), '2026-02-20 10:00'],
		['a holiday on a Saturday (the day after Mid-Autumn 2026) is skipped', '2026-09-25 17:00', hours(2), '2026-09-28 10:00'],
		['zero minutes inside opening hours is the start itself', '2026-03-09 10:00', 0, '2026-03-09 10:00'],
		['zero minutes outside opening hours is the next opening', '2026-03-08 10:00', 0, '2026-03-09 09:00']
	];
	for (const [name, start, minutes, due] of cases) {
		it(name, () => {
			expect(addWorkingMinutes(hk(start), minutes, hongKong).toISOString()).toBe(hk(due).toISOString());
		});
	}

	it('keeps seconds and milliseconds of the start', () => {
		const start = new Date('2026-03-09T10:15:30.250+08:00');
		expect(addWorkingMinutes(start, 30, hongKong).toISOString()).toBe('2026-03-09T02:45:30.250Z');
	});

	it('refuses negative or non-finite minutes and invalid dates', () => {
		expect(() => addWorkingMinutes(hk('2026-03-09 10:00'), -1, hongKong)).toThrow(RangeError);
		expect(() => addWorkingMinutes(hk('2026-03-09 10:00'), Number.NaN, hongKong)).toThrow(RangeError);
		expect(() => addWorkingMinutes(new Date('nonsense'), 10, hongKong)).toThrow(RangeError);
	});

	it('refuses a calendar that is never open instead of looping', () => {
		const closed: WorkingCalendar = { ...hongKong, hours: [null, null, null, null, null, null, null] };
		expect(() => addWorkingMinutes(hk('2026-03-09 10:00'), 10, closed)).toThrow(/no opening hours/);
	});
});

describe('addWorkingDays in Hong Kong: the day a limit in working days runs out', () => {
	it('counts the days the office opens after the start day, Saturdays included, Sundays not', () => {
		// Wednesday 2 December 2026, any hour: 1 day → Thursday; 3 days → Saturday; 4 days → Monday.
		expect(addWorkingDays(hk('2026-12-02 17:59'), 1, hongKong)).toBe('2026-12-03');
		expect(addWorkingDays(hk('2026-12-02 08:00'), 3, hongKong)).toBe('2026-12-05');
		expect(addWorkingDays(hk('2026-12-02 20:00'), 4, hongKong)).toBe('2026-12-07');
	});

	it('skips public holidays: from Thursday 24 December, 2 days pass Christmas and Boxing Day and the Sunday', () => {
		expect(addWorkingDays(hk('2026-12-24 10:00'), 2, hongKong)).toBe('2026-12-29');
	});

	it('is the start day itself for 0 days, and refuses a fraction', () => {
		expect(addWorkingDays(hk('2026-12-02 10:00'), 0, hongKong)).toBe('2026-12-02');
		expect(() => addWorkingDays(hk('2026-12-02 10:00'), 1.5, hongKong)).toThrow(RangeError);
	});
});

describe('workingMinutesBetween in Hong Kong', () => {
	const cases: [name: string, from: string, to: string, minutes: number][] = [
		['two and a half hours within one morning', '2026-03-09 10:00', '2026-03-09 12:30', 150],
		['Friday 16:00 to Saturday 11:00 is four working hours', '2026-03-06 16:00', '2026-03-07 11:00', hours(4)],
		['Saturday 12:00 to Monday 16:00 leaves out the closed Sunday', '2026-03-07 12:00', '2026-03-09 16:00', hours(8)],
		['Friday night to Saturday before opening is no working time', '2026-03-06 20:00', '2026-03-07 08:00', 0],
		['Thursday before Easter to the Wednesday after counts only those two days', '2026-04-02 09:00', '2026-04-08 18:00', hours(18)],
		['a full ordinary week counts 49 hours', '2026-03-08 00:00', '2026-03-15 00:00', hours(5 * 9 + 4)]
	];
	for (const [name, from, to, minutes] of cases) {
		it(name, () => {
			expect(workingMinutesBetween(hk(from), hk(to), hongKong)).toBe(minutes);
		});
	}

	it('is negative when the end is before the start (how far a deadline is overdue)', () => {
		expect(workingMinutesBetween(hk('2026-03-07 11:00'), hk('2026-03-06 16:00'), hongKong)).toBe(-hours(4));
	});

	it('counts back exactly what addWorkingMinutes added, from any start', () => {
		for (let t = hk('2026-03-30 00:00').getTime(); t < hk('2026-04-13 00:00').getTime(); t += 97 * 60_000) {
			for (const minutes of [1, 45, hours(4), hours(10), hours(50)]) {
				const start = new Date(t);
				const due = addWorkingMinutes(start, minutes, hongKong);
				expect(workingMinutesBetween(start, due, hongKong)).toBe(minutes);
			}
		}
	});
});

describe('working time in a zone with daylight saving (Europe/London)', () => {
	const weekdays: WeekHours = [null, ...DEFAULT_WEEK_HOURS.slice(1, 6), null] as unknown as WeekHours;
	const london: WorkingCalendar = { timeZone: 'Europe/London', hours: weekdays, holidays: new Set() };
	const allDay = { start: 0, end: hours(24) };
	const roundTheClock: WorkingCalendar = {
		timeZone: 'Europe/London',
		hours: [allDay, allDay, allDay, allDay, allDay, allDay, allDay],
		holidays: new Set()
	};

	it('a 2-hour deadline filed Friday 17:00 GMT falls due Monday 10:00 BST after clocks go forward', () => {
		// 2026-03-27 17:00 GMT = 17:00Z; Monday 2026-03-30 10:00 BST = 09:00Z.
		const due = addWorkingMinutes(new Date('2026-03-27T17:00:00Z'), hours(2), london);
		expect(due.toISOString()).toBe('2026-03-30T09:00:00.000Z');
	});

	it('a 2-hour deadline filed Friday 17:00 BST falls due Monday 10:00 GMT after clocks go back', () => {
		// 2026-10-23 17:00 BST = 16:00Z; Monday 2026-10-26 10:00 GMT = 10:00Z.
		const due = addWorkingMinutes(new Date('2026-10-23T16:00:00Z'), hours(2), london);
		expect(due.toISOString()).toBe('2026-10-26T10:00:00.000Z');
	});

	it('office hours across the spring change still count 9 hours a day', () => {
		const from = new Date('2026-03-27T09:00:00Z'); // Friday 09:00 GMT
		const to = new Date('2026-03-30T17:00:00Z'); // Monday 18:00 BST
		expect(workingMinutesBetween(from, to, london)).toBe(hours(18));
	});

	it('a round-the-clock calendar counts real time: the spring Sunday has 23 hours', () => {
		const sunday = new Date('2026-03-29T00:00:00Z'); // 00:00 GMT
		const monday = new Date('2026-03-29T23:00:00Z'); // 00:00 BST
		expect(workingMinutesBetween(sunday, monday, roundTheClock)).toBe(hours(23));
		expect(addWorkingMinutes(new Date('2026-03-28T12:00:00Z'), hours(24), roundTheClock).toISOString()).toBe('2026-03-29T12:00:00.000Z');
	});

	it('a round-the-clock calendar counts real time: the autumn Sunday has 25 hours', () => {
		const sunday = new Date('2026-10-24T23:00:00Z'); // 00:00 BST
		const monday = new Date('2026-10-26T00:00:00Z'); // 00:00 GMT
		expect(workingMinutesBetween(sunday, monday, roundTheClock)).toBe(hours(25));
	});

	it('opening at a time the spring change skips starts after the gap', () => {
		const early: WorkingCalendar = {
			...roundTheClock,
			hours: roundTheClock.hours.map(() => ({ start: 90, end: 180 })) as unknown as WeekHours
		};
		// 01:30 does not exist on 2026-03-29 in London; the window is 02:30–03:00 BST (01:30Z–02:00Z).
		expect(workingMinutesBetween(new Date('2026-03-29T00:00:00Z'), new Date('2026-03-29T12:00:00Z'), early)).toBe(30);
	});
});

describe('opening hours read from the database', () => {
	it('takes HH:MM and PostgreSQL’s HH:MM:SS, up to 24:00, and treats a missing or half-set day as closed', () => {
		const week = weekHoursFrom([
			{ weekday: 1, opensAt: '09:00', closesAt: '18:30:00' },
			{ weekday: 2, opensAt: '00:00:00', closesAt: '24:00:00' },
			{ weekday: 3, opensAt: '09:00', closesAt: null }
		]);
		expect(week[1]).toEqual({ start: 540, end: 1110 });
		expect(week[2]).toEqual({ start: 0, end: 1440 });
		expect(week[3]).toBeNull();
		expect(week[0]).toBeNull();
	});
});

describe('the default Hong Kong holidays', () => {
	it('list 17 general holidays in each of 2026 and 2027, none twice', () => {
		const dates = HONG_KONG_HOLIDAYS.map((h) => h.date);
		expect(new Set(dates).size).toBe(dates.length);
		expect(dates.filter((d) => d.startsWith('2026-'))).toHaveLength(17);
		expect(dates.filter((d) => d.startsWith('2027-'))).toHaveLength(17);
	});
	it('never fall on a Sunday (a holiday on a Sunday moves to a weekday)', () => {
		for (const { date, name } of HONG_KONG_HOLIDAYS) {
			expect(weekday(date), `${date} ${name}`).not.toBe(0);
		}
	});
	it('put Lunar New Year and Mid-Autumn on the dates of the Chinese calendar', () => {
		const lunar = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
		const lunarDate = (date: string) => lunar.format(new Date(`${date}T12:00:00Z`));
		expect(lunarDate('2026-02-17')).toBe('1/1');
		expect(lunarDate('2026-09-26')).toBe('8/16');
		expect(lunarDate('2027-02-08')).toBe('1/2');
		expect(lunarDate('2027-09-16')).toBe('8/16');
	});
});
